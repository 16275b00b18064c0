"""Benchmarks for issue 7: ``python -m bench`` prints every figure (docs/performance.md)."""
