"""Scheduling: the fsrs adapter (:mod:`.fsrs_adapter`), the queue and daily counts
(:mod:`.queue`) and exam planning (:mod:`.exam`). Pure functions; no I/O and no sentences.
"""

from tiesquiz.progress.model import (
    LEARNING,
    RELEARNING,
    REVIEW,
    CardState,
    Limits,
    SchedulerSettings,
)
from tiesquiz.scheduling.exam import ExamPlan, cap_for_exam, exam_plan, exam_start
from tiesquiz.scheduling.fsrs_adapter import (
    AGAIN,
    EASY,
    GOOD,
    HARD,
    Outcome,
    from_fsrs,
    fuzz_seed,
    review,
    review_as_shown,
    to_fsrs,
)
from tiesquiz.scheduling.queue import (
    LEARN_AHEAD,
    Allowance,
    DueCounts,
    Queue,
    TodayCounts,
    build_queue,
    due_counts,
    next_due,
    today_counts,
)

__all__ = [
    "AGAIN",
    "EASY",
    "GOOD",
    "HARD",
    "LEARNING",
    "LEARN_AHEAD",
    "RELEARNING",
    "REVIEW",
    "Allowance",
    "CardState",
    "DueCounts",
    "ExamPlan",
    "Limits",
    "Outcome",
    "Queue",
    "SchedulerSettings",
    "TodayCounts",
    "build_queue",
    "cap_for_exam",
    "due_counts",
    "exam_plan",
    "exam_start",
    "from_fsrs",
    "fuzz_seed",
    "next_due",
    "review",
    "review_as_shown",
    "to_fsrs",
    "today_counts",
]
