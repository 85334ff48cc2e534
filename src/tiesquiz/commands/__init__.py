"""The commands, one module per area; ``tiesquiz.cli`` imports only the one that runs."""
