"""The learner's progress: the model (:mod:`.model`), its JSON (:mod:`.codec`), the history of
answers (:mod:`.history`) and the store on disk (:mod:`.store`); format 1 and its upgrade are
fenced in :mod:`.legacy`; a progress folder that several machines share is :mod:`.shared`'s
(the design in :mod:`.merging`). The names most callers need are here.
"""

from tiesquiz.progress.codec import FORMAT, VERSION, dumps, from_data, loads
from tiesquiz.progress.disk import write_progress
from tiesquiz.progress.marks import set_aside
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
from tiesquiz.progress.report import SyncReport, sync_report
from tiesquiz.progress.shared import Machine, device_id, remembered_decks
from tiesquiz.progress.store import ProgressStore

__all__ = [
    "FORMAT",
    "LEARNING",
    "RELEARNING",
    "REVIEW",
    "VERSION",
    "CardState",
    "Limits",
    "Machine",
    "Mode",
    "Progress",
    "ProgressStore",
    "Recorded",
    "Repaired",
    "Review",
    "Schedule",
    "SchedulerSettings",
    "SyncReport",
    "device_id",
    "dumps",
    "from_data",
    "loads",
    "new_id",
    "remembered_decks",
    "repair_history",
    "set_aside",
    "sync_report",
    "write_progress",
]
