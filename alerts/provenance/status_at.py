"""The ledger status a blank had on a given day, from its status history.

A chip seen for sale in March whose box was recorded destroyed in June was
"dispatched" when it was offered: the office's destruction record then covers a
card that was already out. The leak report shows both the current status and
the statuses in force on the days the chip was seen. Pure.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

#: (status, the day it took effect) oldest first: the status date, else the day it was imported
History = Sequence[tuple[str, date]]
#: what a sighting before the chip's first ledger record is called
UNRECORDED = "unrecorded"


def status_on(history: History, day: date) -> str:
    """The status in force on ``day``: the last change on or before it (:data:`UNRECORDED` before the first)."""
    current = UNRECORDED
    for status, since in history:
        if since > day:
            break
        current = status
    return current


def statuses_on(history: History, days: Iterable[date]) -> tuple[str, ...]:
    """The distinct statuses in force on ``days``, in the order of the history."""
    found = {status_on(history, day) for day in days}
    order = [UNRECORDED, *(status for status, _ in history)]
    return tuple(dict.fromkeys(s for s in order if s in found))
