"""The learner's progress: the model (:mod:`.model`), its JSON (:mod:`.codec`), the history of
answers (:mod:`.history`) and the store on disk (:mod:`.store`); format 1 and its upgrade are
fenced in :mod:`.legacy`. The names most callers need are here.
"""

from tiesquiz.progress.codec import FORMAT, VERSION, dumps, from_data, loads, remembered_decks
from tiesquiz.progress.disk import write_progress
from tiesquiz.progress.model import (
    LEARNING,
    RELEARNING,
    REVIEW,
    CardState,
    Limits,
    Mode,
    Progress,
    Recorded,
    Review,
    Schedule,
    SchedulerSettings,
    new_id,
)
from tiesquiz.progress.repair import Repaired, repair_history
from tiesquiz.progress.store import ProgressStore

__all__ = [
    "FORMAT",
    "LEARNING",
    "RELEARNING",
    "REVIEW",
    "VERSION",
    "CardState",
    "Limits",
    "Mode",
    "Progress",
    "ProgressStore",
    "Recorded",
    "Repaired",
    "Review",
    "Schedule",
    "SchedulerSettings",
    "dumps",
    "from_data",
    "loads",
    "new_id",
    "remembered_decks",
    "repair_history",
    "write_progress",
]
