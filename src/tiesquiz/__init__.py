"""tiesquiz: study a report from the terminal with spaced repetition."""

__version__ = "0.1.0"
