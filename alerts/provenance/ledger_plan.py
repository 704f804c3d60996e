"""Decide what an import changes: new entries, status changes, filled-in fields, and rejections.

Pure: it takes the judged rows and the ledger as it is (:func:`storage.ledger.load_entry_states`)
and returns a plan, so ``--strict`` can refuse the whole file before anything is written
and the same file imported twice plans nothing. The rules:

* an entry is identified by its UID bounds; a row whose bounds overlap another
  entry's (in the ledger or earlier in the file) without being the same is rejected;
* a row repeating what the entry says, or a status its history already holds, changes nothing;
* a status may only move forward (:data:`STATUS_RANK`) and never to an earlier date;
* a row may fill a field the entry lacks (the office once dispatched) but not change one.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from alerts.provenance.ledger_rows import (
    STATUS_RANK,
    LedgerRow,
    LedgerStatus,
    RowRejection,
    uid_hex,
)
from storage.ledger import EntryState

Key = tuple[int, int]
Interval = tuple[int, int, int]  # (uid_bytes, start, end)
_FIELDS = ("serial", "batch", "contract", "consignee_code", "dispatch_date")


@dataclass
class ImportPlan:
    new_entries: list[EntryState] = field(default_factory=list)
    changed_entries: list[EntryState] = field(default_factory=list)
    rejections: list[RowRejection] = field(default_factory=list)
    status_changes: int = 0
    filled_fields: int = 0
    unchanged_rows: int = 0


def describe_bounds(uid_bytes: int, start: int, end: int) -> str:
    first = uid_hex(uid_bytes, start)
    return first if start == end else f"{first}–{uid_hex(uid_bytes, end)}"


def _existing_index(existing: dict[Key, EntryState]) -> dict[int, tuple[list[int], list[int]]]:
    """Per UID length, the starts and ends of existing entries in order (they never overlap)."""
    index: dict[int, tuple[list[int], list[int]]] = {}
    for nbytes, start in sorted(existing):
        starts, ends = index.setdefault(nbytes, ([], []))
        starts.append(start)
        ends.append(existing[(nbytes, start)].end)
    return index


def overlapping_intervals(rows: list[LedgerRow], existing: dict[Key, EntryState]) -> dict[Interval, str]:
    """Intervals of ``rows`` that overlap an entry they are not, with the reason."""
    first_row: dict[Interval, int] = {}
    rejected: dict[Interval, str] = {}
    for row in rows:
        interval = (row.uid_bytes, row.start, row.end)
        known = existing.get(row.key)
        if known is not None:
            if known.end != row.end:
                rejected[interval] = (f"overlapping range: {describe_bounds(*interval)} overlaps ledger "
                                      f"entry {describe_bounds(known.uid_bytes, known.start, known.end)}")
            continue
        first_row.setdefault(interval, row.row)
    if not first_row:
        return rejected
    index = _existing_index(existing)
    kept: dict[int, Interval] = {}
    for interval in sorted(first_row, key=lambda iv: (iv[0], iv[1], first_row[iv])):
        nbytes, start, end = interval
        starts, ends = index.get(nbytes, ([], []))
        at = bisect_right(starts, end) - 1
        if at >= 0 and ends[at] >= start:
            rejected[interval] = (f"overlapping range: {describe_bounds(*interval)} overlaps ledger "
                                  f"entry {describe_bounds(nbytes, starts[at], ends[at])}")
            continue
        last = kept.get(nbytes)
        if last is not None and start <= last[2]:
            rejected[interval] = (f"overlapping range: {describe_bounds(*interval)} overlaps row "
                                  f"{first_row[last]} ({describe_bounds(*last)})")
            continue
        kept[nbytes] = interval
    return rejected


def _new_entry(row: LedgerRow) -> EntryState:
    return EntryState(None, row.uid_bytes, row.start, row.end, row.serial, row.batch, row.contract,
                      row.consignee_code, row.dispatch_date, row.status.value, row.status_date,
                      row.row, [(row.status.value, row.status_date, row.row)])


def _field_conflict(state: EntryState, row: LedgerRow) -> str | None:
    for name in _FIELDS:
        ours, theirs = getattr(state, name), getattr(row, name)
        if ours not in (None, "") and theirs not in (None, "") and ours != theirs:
            return f"conflicts with the ledger: {name} is {ours!s}, this row says {theirs!s}"
    return None


def _status_problem(state: EntryState, row: LedgerRow) -> str | None:
    """Why a row's (different) status cannot follow the entry's, or None."""
    ours, theirs = LedgerStatus(state.status), row.status
    said = f"{theirs.value}" + (f" on {row.status_date}" if row.status_date else "")
    recorded = f"{ours.value}" + (f" on {state.status_date}" if state.status_date else "")
    if STATUS_RANK[theirs] < STATUS_RANK[ours]:
        return f"status going backwards: recorded {recorded}, this row says {said}"
    if state.status_date and row.status_date and row.status_date < state.status_date:
        return f"status going backwards in time: recorded {recorded}, this row says {said}"
    return None


@dataclass
class _Planner:
    existing: dict[Key, EntryState]
    recorded: Callable[[int], set[tuple[str, date | None]]]
    plan: ImportPlan = field(default_factory=ImportPlan)
    changed_ids: set[int] = field(default_factory=set)
    history_cache: dict[int, set[tuple[str, date | None]]] = field(default_factory=dict)

    def history(self, state: EntryState) -> set[tuple[str, date | None]]:
        known: set[tuple[str, date | None]] = set()
        if state.id is not None:
            if state.id not in self.history_cache:
                self.history_cache[state.id] = self.recorded(state.id)
            known = self.history_cache[state.id]
        return known | {(status, when) for status, when, _ in state.new_history}

    def status_action(self, state: EntryState, row: LedgerRow) -> str:
        """``same`` (nothing new), ``date`` (the entry learns its status date), ``change``,
        or the reason the row is rejected."""
        status, when = row.status.value, row.status_date
        if status == state.status and when in (None, state.status_date):
            return "same"  # the commonest row on a re-import: no history query needed
        known = self.history(state)
        if (status, when) in known or (when is None and any(s == status for s, _ in known)):
            return "same"  # the current status, or an older one the history holds (a history export)
        latest = max((d for _, d in known if d is not None), default=None)
        if when is not None and latest is not None and when < latest:
            return (f"status going backwards in time: the ledger has a status dated {latest}, "
                    f"this row says {status} on {when}")
        # a status the history holds on another day conflicts whether or not it is the current one:
        # judged against the current status only, a row rejected on import could pass on a re-import
        # once a later row of the same file moved the entry on (a re-import must change nothing)
        on_other_days = [d for s, d in known if s == status and d is not None]
        if status == state.status and state.status_date is not None:
            on_other_days.append(state.status_date)
        if when is not None and on_other_days:
            return (f"conflicts with the ledger: recorded {status} on {max(on_other_days)}, "
                    f"this row says {status} on {when}")
        if status == state.status:
            return "date"  # undated so far: the entry learns its status date
        return _status_problem(state, row) or "change"

    def apply(self, row: LedgerRow) -> None:
        state = self.existing.get(row.key)
        if state is None:
            state = self.existing[row.key] = _new_entry(row)
            self.plan.new_entries.append(state)
            return
        action = _field_conflict(state, row) or self.status_action(state, row)
        if action not in ("same", "date", "change"):
            self.plan.rejections.append(RowRejection(row.row, action))
            return
        filled = [name for name in _FIELDS
                  if getattr(state, name) in (None, "") and getattr(row, name) not in (None, "")]
        for name in filled:
            setattr(state, name, getattr(row, name))
        if action != "same":
            state.status, state.status_date = row.status.value, row.status_date
            state.new_history.append((row.status.value, row.status_date, row.row))
            if action == "change":
                self.plan.status_changes += 1
            else:
                filled.append("status_date")
        self.plan.filled_fields += len(filled)
        if action == "same" and not filled:
            self.plan.unchanged_rows += 1
        elif state.id is not None and state.id not in self.changed_ids:
            self.changed_ids.add(state.id)
            self.plan.changed_entries.append(state)


def plan_import(judged: Iterable[LedgerRow | RowRejection], existing: dict[Key, EntryState], *,
                recorded: Callable[[int], set[tuple[str, date | None]]]) -> ImportPlan:
    """What importing ``judged`` (in file order) into ``existing`` changes. Mutates ``existing``'s states."""
    rows: list[LedgerRow] = []
    planner = _Planner(existing, recorded)
    for item in judged:
        if isinstance(item, RowRejection):
            planner.plan.rejections.append(item)
        else:
            rows.append(item)
    overlaps = overlapping_intervals(rows, existing)
    for row in rows:
        reason = overlaps.get((row.uid_bytes, row.start, row.end))
        if reason is not None:
            planner.plan.rejections.append(RowRejection(row.row, reason))
        else:
            planner.apply(row)
    planner.plan.rejections.sort(key=lambda r: r.row)
    return planner.plan
