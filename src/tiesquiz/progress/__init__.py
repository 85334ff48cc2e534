"""The learner's progress: the model (:mod:`.model`), its JSON (:mod:`.codec`), the history of
answers (:mod:`.history`) and the store on disk (:mod:`.store`). The names most callers need are
here.
"""

from tiesquiz.progress.codec import FORMAT, VERSION, dumps, from_data, loads
from tiesquiz.progress.disk import write_progress
from tiesquiz.progress.model import (
    LEARNING,
    RELEARNING,
    REVIEW,
    CardState,
    Limits,
    Mode,
    Progress,
    Review,
    SchedulerSettings,
    new_id,
)
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
    "Review",
    "SchedulerSettings",
    "dumps",
    "from_data",
    "loads",
    "new_id",
    "write_progress",
]
