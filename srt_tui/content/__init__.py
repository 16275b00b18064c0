"""The content pack: the toolkit's modules, exercises and clips, read from one TOML manifest."""

MANIFEST_NAME = "toolkit.toml"  # in the pack folder
