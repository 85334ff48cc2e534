"""What ``run.py`` times: each command (a :class:`~harness.Job`) and each row comparing two.

Every label says what both sides do. Commands that change what they read (an edit, an answer,
an output file) do it in their ``prepare`` step, untimed, before every run.
"""

from __future__ import annotations

import itertools
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from harness import Job, Row, fmt

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Sizes:
    cards: int
    decks: int
    reviews: int
    more: int
    long: int
    students: int
    questions: int
    one_file: int
    rows: int
    big_rows: int
    queue: int
    lint: int


def tiesquiz_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("tiesquiz")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "tiesquiz"]


class Plan:
    def __init__(self, folder: Path, sizes: Sizes, anki: bool) -> None:
        self.folder, self.sizes, self.anki = folder, sizes, anki
        self.work = folder / "work"
        self.py, self.tq = sys.executable, tiesquiz_cmd()
        # Bytecode cached, as an installed tiesquiz (and Anki) has it; kept in the temp folder.
        env = {**os.environ, "NO_COLOR": "1", "PYTHONPYCACHEPREFIX": str(folder / "pycache")}
        for name in ("TIESQUIZ_NOW", "TIESQUIZ_TZ", "PYTHONDONTWRITEBYTECODE"):
            env.pop(name, None)
        self.env = {
            **env,
            "TIESQUIZ_STATE": str(folder / "progress.json"),
            "TIESQUIZ_DECKS": str(folder / "decks"),
            "TIESQUIZ_CACHE": str(folder / "cache"),
        }
        self.off = {**self.env, "TIESQUIZ_CACHE": "off"}
        self.jobs: list[Job] = []
        self.by_name: dict[str, Job] = {}
        self.deck_names = [f"bench{d}" for d in range(sizes.decks)]
        self.edits = itertools.count()

    # -- the commands --------------------------------------------------------------------------

    def job(
        self, name: str, cmd: list[str], env: dict[str, str] | None = None, **kw: object
    ) -> Job:
        job = Job(name, cmd, env or self.env, self.work, **kw)  # type: ignore[arg-type]
        self.jobs.append(job)
        self.by_name[name] = job
        return job

    def floor(self, *args: object) -> list[str]:
        return [self.py, str(HERE / "floors.py"), *map(str, args)]

    def peer(self, *args: object) -> list[str]:
        return [self.py, str(HERE / "anki_peer.py"), *map(str, args)]

    def answer(self, progress: Path, count: int = 20) -> None:
        data = [self.py, str(HERE / "data.py"), "answer", str(progress), str(count)]
        subprocess.run(data, check=True, env=self.env)

    def setup(self) -> None:
        self.work.mkdir()
        self.startup_jobs()
        self.deck_jobs()
        self.stats_jobs()
        self.results_jobs()
        self.transfer_jobs()
        self.inside_jobs()
        self.warm_up()

    def run(self, cmd: list[str], env: dict[str, str], cwd: Path | None = None) -> None:
        subprocess.run(cmd, env=env, cwd=cwd or self.work, check=False, capture_output=True)

    def warm_up(self) -> None:
        """The deck caches filled and past their two-second "racy" window; each stats summary
        made once (what an earlier ``stats`` left)."""
        for env in (self.env, self.shipped, self.alone, self.edited, self.cold_stats):
            self.run([*self.tq, "due"], env)
        self.run([*self.tq, "show", "bench0"], self.alone)
        time.sleep(2.1)
        for env in (self.env, self.alone, self.cold_stats):
            self.run([*self.tq, "due"], env)
        self.run([*self.tq, "stats"], self.env)
        self.run([*self.tq, "stats"], self.more)

    def startup_jobs(self) -> None:
        from tiesquiz.deck.discover import bundled_dir

        self.job("help", [*self.tq, "--help"])
        self.job("import click", [self.py, "-c", "import click"])
        self.shipped = {**self.env, "TIESQUIZ_STATE": str(self.folder / "empty.json")}
        self.shipped["TIESQUIZ_CACHE"] = str(self.folder / "cache-shipped")
        self.shipped.pop("TIESQUIZ_DECKS")
        shipped = sorted(str(p) for p in (bundled_dir() or Path()).glob("*.yaml"))
        self.job("due shipped", [*self.tq, "due"], self.shipped)
        self.job("floor shipped", self.floor("shipped", *shipped), self.shipped)

    def lint_jobs(self) -> None:
        """lint on a deck of ``lint`` cards, clean and with an error on every card, and on one of
        half as many (a deck as big as the collection's would take an hour: see the README)."""
        folder, data = self.folder, [self.py, str(HERE / "data.py"), "collection"]
        for name, cards in (("lint", self.sizes.lint), ("lint-half", self.sizes.lint // 2)):
            subprocess.run([*data, str(folder / name), str(max(1, cards)), "1", "0"], check=True)
        one = folder / "lint" / "decks" / "bench0.yaml"
        broken = folder / "broken" / "bench0.yaml"
        broken.parent.mkdir()
        text = one.read_text(encoding="utf-8")
        broken.write_text(text.replace("    type: ", "    bogus: 1\n    type: "), "utf-8")
        self.job("lint", [*self.tq, "lint", str(one)], self.off)
        self.job("lint broken", [*self.tq, "lint", str(broken)], self.off)
        half = folder / "lint-half" / "decks" / "bench0.yaml"
        self.job("lint half", [*self.tq, "lint", str(half)], self.off)

    def deck_jobs(self) -> None:
        decks, folder = self.folder / "decks", self.folder
        one = decks / "bench0.yaml"
        self.lint_jobs()
        files = sorted(str(p) for p in decks.glob("*.yaml"))
        self.job("floor parse", self.floor("parse", *files))
        self.job("due off", [*self.tq, "due"], self.off)
        shutil.copytree(decks, folder / "edited")
        self.edited = {**self.env, "TIESQUIZ_DECKS": str(folder / "edited")}
        self.edited["TIESQUIZ_CACHE"] = str(folder / "cache-edited")
        self.job("due edited", [*self.tq, "due"], self.edited, prepare=self.edit)
        self.job("due warm", [*self.tq, "due"])
        turns = itertools.cycle([folder, self.work])
        two = self.job("due two folders", [*self.tq, "due"])
        two.prepare = lambda: setattr(two, "cwd", next(turns))
        (folder / "alone").mkdir()
        shutil.copy2(one, folder / "alone" / one.name)
        self.alone = {**self.env, "TIESQUIZ_DECKS": str(folder / "alone")}
        self.job("show alone", [*self.tq, "show", "bench0"], self.alone)
        self.job("show beside", [*self.tq, "show", "bench0"])
        self.job("study", [*self.tq, "study"], expect={"shown": " · 1 ", "ready": "›"})
        if self.anki:
            anki = self.folder / "anki" / "collection.anki2"
            self.job("anki due", self.peer("due", anki))
            self.job("anki first", self.peer("first", anki), expect={"shown": "first card:"})

    def edit(self) -> None:
        """Every deck of the edited copy changed as a teacher would: one card's explanation."""
        n = next(self.edits)
        for path in sorted((self.folder / "edited").glob("*.yaml")):
            text = path.read_text(encoding="utf-8")
            start = text.index("    explanation: ") + len("    explanation: ")
            end = text.index("\n", start)
            path.write_text(f"{text[:start]}Explanation, edit {n}.{text[end:]}", "utf-8")

    def stats_jobs(self) -> None:
        folder = self.folder
        self.more = {**self.env, "TIESQUIZ_STATE": str(folder / "more" / "progress.json")}
        self.cold_stats = {**self.env, "TIESQUIZ_CACHE": str(folder / "cache-cold")}
        self.job(
            "stats", [*self.tq, "stats"], prepare=lambda: self.answer(folder / "progress.json")
        )
        more = folder / "more" / "progress.json"
        self.job("stats more", [*self.tq, "stats"], self.more, prepare=lambda: self.answer(more))
        kept = folder / "cache-cold" / "stats"
        self.job(
            "stats cold",
            [*self.tq, "stats"],
            self.cold_stats,
            prepare=lambda: shutil.rmtree(kept, ignore_errors=True),
        )
        self.job("floor history", self.floor("history", folder / "progress.history.jsonl"))
        if self.anki:
            self.job("anki graphs", self.peer("graphs", folder / "anki" / "collection.anki2"))
            self.job("anki graphs more", self.peer("graphs", folder / "anki" / "more.anki2"))

    def results_jobs(self) -> None:
        folder = self.folder
        self.job("results class", [*self.tq, "results", str(folder / "class")])
        self.job("floor results", self.floor("results", folder / "class"))
        self.job("results one", [*self.tq, "results", str(folder / "one")])
        self.job("results two", [*self.tq, "results", str(folder / "two")])

    def transfer_jobs(self) -> None:
        folder, tq = self.folder, self.tq
        sheet_deck = folder / "sheet-deck"
        data = [self.py, str(HERE / "data.py"), "collection", str(sheet_deck)]
        subprocess.run([*data, str(self.sizes.rows), "1", "0"], check=True)
        plain = {k: v for k, v in self.env.items() if k != "TIESQUIZ_DECKS"}
        made = [*tq, "export", str(sheet_deck / "decks" / "bench0.yaml"), "--to", "csv"]
        self.run([*made, "-o", str(folder / "sheet.csv")], plain)
        out = folder / "imported.yaml"
        gone = lambda: out.unlink(missing_ok=True)  # noqa: E731
        self.job("import", [*tq, "import", str(folder / "sheet.csv"), "-o", str(out)], prepare=gone)
        self.job("floor sheet", self.floor("sheet", folder / "sheet.csv"))
        big = folder / "big.yaml"
        self.job("import big", [*tq, "import", str(folder / "pairs.csv"), "-o", str(big)])
        small = [*tq, "import", str(folder / "pairs-small.csv"), "-o", str(out)]
        self.job("import pairs", small, prepare=gone)
        to = [*tq, "export", *self.deck_names, "--force", "--to"]
        self.job("export apkg", [*to, "anki", "-o", str(folder / "out.apkg")])
        self.job("export gift", [*to, "gift", "-o", str(folder / "out.gift")])
        self.run([*to, "gift", "-o", str(folder / "gift.txt")], self.env)
        gift = self.floor("gift", folder / "gift.txt", folder / "floor.gift", *self.deck_names)
        self.job("floor gift", gift)
        if self.anki:
            anki = folder / "anki"
            copy = anki / "imported.anki2"
            fresh = lambda: shutil.copy(anki / "empty.anki2", copy)  # noqa: E731
            for name, rows in (
                ("anki import", "pairs.anki"),
                ("anki import small", "pairs-small.anki"),
            ):
                self.job(name, self.peer("import", copy, folder / rows), prepare=fresh)
            self.job("anki export", self.peer("export", anki / "collection.anki2", anki / "o.apkg"))

    def inside_jobs(self) -> None:
        folder, py = self.folder, self.py
        for name in ("short", "long"):
            end = [py, str(HERE / "session_end.py"), str(folder / name / "progress.json"), "1"]
            self.job(f"end {name}", end, reported=True)
        queue, small = self.sizes.queue, max(1, self.sizes.queue // 100)
        for name, size in (("queue", queue), ("queue small", small)):
            self.job(name, [py, str(HERE / "queue_work.py"), str(size), "30"], reported=True)

    # -- the rows --------------------------------------------------------------------------------

    def side(self, name: str, metric: str = "time") -> tuple[Job, str]:
        return self.by_name[name], metric

    def rows(self) -> list[Row]:
        s, R, side = self.sizes, Row, self.side
        rows = [
            R(
                "start-up: tiesquiz --help, vs python -c 'import click'",
                side("help"),
                side("import click"),
                "≤ 1.2×",
                1.2,
            ),
            R(
                "due on the shipped decks (cached), vs import click + CSafeLoader of them",
                side("due shipped"),
                side("floor shipped"),
                "≤ 2×",
                2.0,
            ),
            R(
                f"lint: an error on each of {s.lint:,} cards, vs the same deck clean",
                side("lint broken"),
                side("lint"),
                "≤ 1.5×",
                1.5,
            ),
            R(
                f"lint: {s.lint:,} clean cards, vs {s.lint // 2:,}",
                side("lint"),
                side("lint half"),
                "≤ 2.4× (linear: 2×)",
                2.4,
            ),
            R(
                f"due, TIESQUIZ_CACHE=off, {s.cards:,} cards, vs CSafeLoader of the decks, gc off",
                side("due off"),
                side("floor parse"),
                "≤ 1.2×",
                1.2,
            ),
            R(
                "due, every deck just edited (default cache: parse, keep), vs the same floor",
                side("due edited"),
                side("floor parse"),
                "≤ 1.2×",
                1.2,
            ),
            R(
                "due, the decks used from two folders in turn, vs from one folder",
                side("due two folders"),
                side("due warm"),
                "≤ 1.2×",
                1.2,
            ),
            R(
                f"show DECK, {s.decks - 1} other decks unchanged beside it, vs it alone",
                side("show beside"),
                side("show alone"),
                "≤ 1.2×",
                1.2,
            ),
        ]
        rows += self.anki_deck_rows() + self.stats_rows()
        rows += [
            R(
                f"results of {s.students} files x {s.questions} answers, vs json.load of them",
                side("results class"),
                side("floor results"),
                "≤ 3×",
                3.0,
            ),
            R(
                f"results of one file of {s.one_file * 2:,} answers, vs one of {s.one_file:,}",
                side("results two"),
                side("results one"),
                "≤ 2.4× (linear: 2×)",
                2.4,
            ),
            R(
                f"import a {s.rows:,}-row CSV (parse, check, write, read back), vs "
                "DictReader + CSafeDumper + CSafeLoader",
                side("import"),
                side("floor sheet"),
                "≤ 1.5×",
                1.5,
            ),
            R(
                f"export {s.cards:,} cards to GIFT, vs the decks from the cache + writing the text",
                side("export gift"),
                side("floor gift"),
                "≤ 1.5×",
                1.5,
            ),
            R(
                f"end a session: {s.long:,} vs 1,000 answers in the history",
                side("end long", "end"),
                side("end short", "end"),
                "≤ 1.5×",
                1.5,
            ),
            R(
                f"the queue's work per question: {s.queue:,} cards queued, vs {max(1, s.queue // 100):,}",
                side("queue", "question"),
                side("queue small", "question"),
                "< 1 ms (see below)",
                None,
            ),
        ]
        return rows + self.anki_transfer_rows()

    def anki_deck_rows(self) -> list[Row]:
        if not self.anki:
            return []
        R, side = Row, self.side
        return [
            R(
                "due, warm cache, vs Anki's due counts of every deck",
                side("due warm"),
                side("anki due"),
                "≤ 1.0×",
                1.0,
            ),
            R(
                "memory: peak RSS of due, vs Anki's due counts",
                side("due warm", "peak"),
                side("anki due", "peak"),
                "≤ 1.0×",
                1.0,
                "kb",
            ),
            R(
                "study: first question on screen, vs Anki's first card printed (both in a pty)",
                side("study", "shown"),
                side("anki first", "shown"),
                "≤ 1.0×",
                1.0,
            ),
            R(
                "study: the prompt under it ready for keys, vs Anki's first card printed",
                side("study", "ready"),
                side("anki first", "shown"),
                "≤ 1.2×",
                1.2,
            ),
        ]

    def stats_rows(self) -> list[Row]:
        s, R, side = self.sizes, Row, self.side
        rows = [
            R(
                f"stats, {s.reviews:,} answers (20 new since the last stats), vs orjson.loads of "
                "every line",
                side("stats"),
                side("floor history"),
                "≤ 1.5×",
                1.5,
            ),
            R(
                f"stats, {s.more:,} answers, vs {s.reviews:,} (20 new since the last stats in each)",
                side("stats more"),
                side("stats"),
                "≤ 1.5×",
                1.5,
            ),
        ]
        if self.anki:
            rows += [
                R(
                    f"stats, {s.reviews:,} answers, vs Anki's graphs data (a year, every deck)",
                    side("stats"),
                    side("anki graphs"),
                    "≤ 1.0×",
                    1.0,
                ),
                R(
                    "memory: peak RSS of that stats, vs Anki's graphs",
                    side("stats", "peak"),
                    side("anki graphs", "peak"),
                    "≤ 1.0×",
                    1.0,
                    "kb",
                ),
                R(
                    f"stats, {s.reviews:,} answers, nothing kept from an earlier stats, vs Anki",
                    side("stats cold"),
                    side("anki graphs"),
                    "(none: a first run)",
                    None,
                ),
            ]
        return rows

    def anki_transfer_rows(self) -> list[Row]:
        if not self.anki:
            return []
        s, R, side = self.sizes, Row, self.side
        return [
            R(
                f"import {s.big_rows:,} front,back rows: tiesquiz refuses (a deck holds at most "
                "20,000), vs Anki imports them",
                side("import big"),
                side("anki import"),
                "≤ 1.0×",
                1.0,
            ),
            R(
                f"import {s.rows:,} front,back rows as flashcards, vs Anki's import_csv of them",
                side("import pairs"),
                side("anki import small"),
                "(none)",
                None,
            ),
            R(
                f"export {s.cards:,} cards to .apkg, vs Anki exporting its {s.cards:,} notes "
                "(no scheduling, no media)",
                side("export apkg"),
                side("anki export"),
                "≤ 1.0×",
                1.0,
            ),
        ]

    def notes(self) -> list[str]:
        get = lambda name, metric="time": statistics.median(self.by_name[name].results[metric])  # noqa: E731
        lines = [
            f"The queue: {fmt(get('queue', 'question'), 's')} per question with "
            f"{self.sizes.queue:,} cards queued, of which the header's counts (remaining()) "
            f"{fmt(get('queue', 'remaining'), 's')}; target under 1 ms.",
            f"stats with nothing kept from an earlier run: {fmt(get('stats cold'), 's')}.",
        ]
        if self.anki:
            lines.append(
                f"Anki: due {fmt(get('anki due'), 's')}, first card printed "
                f"{fmt(get('anki first', 'shown'), 's')}, graphs {fmt(get('anki graphs'), 's')} "
                f"({self.sizes.reviews:,} answers) and {fmt(get('anki graphs more'), 's')} "
                f"({self.sizes.more:,}), import {fmt(get('anki import'), 's')}, export "
                f"{fmt(get('anki export'), 's')}."
            )
        return lines
