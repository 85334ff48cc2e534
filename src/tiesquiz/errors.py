"""Domain errors: every message is meant for a person, so the CLI shows it as is.

The core raises these; ``cli.py`` turns them into ``click.ClickException`` in one place.
"""

from __future__ import annotations


class TiesquizError(Exception):
    """Base class for errors that are shown to the user without a traceback."""


class DeckError(TiesquizError):
    """A deck could not be loaded; the message names the file and line."""


class DeckNotFound(TiesquizError):
    """A deck named on the command line is not among the decks found."""


class ProgressError(TiesquizError):
    """The progress file cannot be read or written; it is never overwritten."""


class SettingsError(TiesquizError):
    """An option or environment variable has a value that cannot be used."""
