"""Allow ``python -m tiesquiz``."""

from tiesquiz.cli import main

main(prog_name="tiesquiz")
