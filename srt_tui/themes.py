"""The app's own theme: high contrast, for projectors, bright offices and low vision.

Textual's built-in themes have none with maximum contrast, so this one uses pure white on
black, a yellow focus colour and no translucent (greyed) text.
"""

from __future__ import annotations

from textual.theme import Theme

HIGH_CONTRAST = "high-contrast"

HIGH_CONTRAST_THEME = Theme(
    name=HIGH_CONTRAST,
    primary="#FFD700",
    secondary="#00E5FF",
    accent="#FFD700",
    warning="#FFB000",
    error="#FF7070",
    success="#5CFF5C",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#202020",
    boost="#FFFFFF10",
    dark=True,
    text_alpha=1.0,
    variables={
        "text-muted": "#E6E6E6",
        "border": "#FFD700",
        "border-blurred": "#FFFFFF",
        "block-cursor-background": "#FFD700",
        "block-cursor-foreground": "#000000",
        "block-cursor-text-style": "bold",
        "block-cursor-blurred-background": "#FFFFFF",
        "block-cursor-blurred-foreground": "#000000",
        "block-hover-background": "#FFFFFF30",
        "input-cursor-background": "#FFFFFF",
        "input-cursor-foreground": "#000000",
        "input-selection-background": "#FFD700",
        "input-selection-foreground": "#000000",
        "footer-background": "#000000",
        "footer-key-foreground": "#FFD700",
        "footer-description-foreground": "#FFFFFF",
        "scrollbar": "#FFFFFF",
        "scrollbar-hover": "#FFD700",
        "scrollbar-active": "#FFD700",
        "scrollbar-background": "#303030",
        "link-color": "#00E5FF",
        "markdown-h1-color": "#FFD700",
        "markdown-h2-color": "#FFD700",
        "markdown-h3-color": "#FFFFFF",
    },
)

APP_THEMES = (HIGH_CONTRAST_THEME,)

__all__ = ["APP_THEMES", "HIGH_CONTRAST", "HIGH_CONTRAST_THEME"]
