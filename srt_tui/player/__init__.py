"""Clip playback. Plain Python: nothing here imports Textual.

``api`` says what a player does; ``vlc_player`` and ``vlc_child`` are the one real player
(libvlc, in a child process); ``remote`` maps the panel's keys to player commands;
``clock``, ``meter`` and ``watching`` turn libvlc's coarse reports into a smooth position
and into what was watched.
"""
