"""Where the test data lives."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"
FIXTURES = TESTS / "fixtures"
REPORT_DECKS = ROOT / "decks"
#: The report the shipped decks are written from (beside the checkout, as CI lays it out).
SEED_REPORT = ROOT.parent / "shared" / "seed" / "000_47582e41618f5e01.txt"
