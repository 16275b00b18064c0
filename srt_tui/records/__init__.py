"""Local records: cases and sessions, their storage, and the progress derived from them."""
