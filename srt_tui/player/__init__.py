"""Clip playback. Plain Python: nothing here imports Textual."""
