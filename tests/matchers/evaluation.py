"""Scoring a labelled set: the confusion of labels and identifier hits, shared by the
tune-corpus test and the frozen-holdout test so both measure the same way."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, fields

from matchers import score_many

#: The identifier kinds the corpus and the holdouts were labelled for.  Kinds added
#: later (issue 20: bank_account, ewallet, email, social_handle) are judged by their
#: own labelled sets (tests/matchers/bank_accounts/), not by rows whose authors were
#: not asking for them (holdout2 wrote bank accounts in as deliberate non-identifiers).
LABELLED_KINDS = frozenset({"chip_uid", "nik", "phone", "url"})


def evaluate(rows: list[dict]) -> tuple[Counter, Counter]:
    """``(confusion[(truth, verdict)], identifiers{tp, fp, fn})`` over ``rows``."""
    assessments = score_many((r["title"], r["description"]) for r in rows)
    confusion: Counter = Counter()
    ids: Counter = Counter()
    for row, assessment in zip(rows, assessments, strict=True):
        confusion[(row["label"], assessment.verdict.value)] += 1
        got = {(i.kind, i.value) for i in assessment.identifiers if i.kind in LABELLED_KINDS}
        expected = {(i["kind"], i["value"]) for i in row["identifiers"]}
        ids["tp"] += len(got & expected)
        ids["fp"] += len(got - expected)
        ids["fn"] += len(expected - got)
    return confusion, ids


LABELS = ("blank", "related", "benign")


@dataclass(frozen=True)
class HoldoutFigures:
    blank_precision: float
    blank_recall: float
    related_recall: float
    id_precision: float
    id_recall: float


#: Issue 15's targets for a holdout.
ISSUE_TARGETS = HoldoutFigures(blank_precision=0.97, blank_recall=0.97, related_recall=0.90,
                               id_precision=0.97, id_recall=0.97)


def shortfalls(got: HoldoutFigures, floor: HoldoutFigures) -> list[str]:
    """The names of the figures of ``got`` below ``floor`` (empty when it meets them all)."""
    return [f.name for f in fields(HoldoutFigures) if getattr(got, f.name) < getattr(floor, f.name)]


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def printed_figures(rows: list[dict], heading: str) -> HoldoutFigures:
    """Score ``rows`` and print only aggregate figures (never a row: a holdout's texts and
    ids must not reach whoever reads the output while tuning)."""
    confusion, ids = evaluate(rows)
    print(f"\n{heading}: rows=truth, columns=verdict")
    print(f"{'':>10}" + "".join(f"{label:>10}" for label in LABELS))
    for truth in LABELS:
        print(f"{truth:>10}" + "".join(f"{confusion[(truth, got)]:>10}" for got in LABELS))
    figures = HoldoutFigures(
        blank_precision=_ratio(confusion[("blank", "blank")], sum(confusion[(t, "blank")] for t in LABELS)),
        blank_recall=_ratio(confusion[("blank", "blank")], sum(confusion[("blank", g)] for g in LABELS)),
        related_recall=_ratio(confusion[("related", "related")], sum(confusion[("related", g)] for g in LABELS)),
        id_precision=_ratio(ids["tp"], ids["tp"] + ids["fp"]),
        id_recall=_ratio(ids["tp"], ids["tp"] + ids["fn"]),
    )
    print(f"  blank precision {figures.blank_precision:.3f} recall {figures.blank_recall:.3f}; "
          f"related recall {figures.related_recall:.3f}")
    print(f"  identifiers precision {figures.id_precision:.3f} recall {figures.id_recall:.3f} "
          f"(tp={ids['tp']} fp={ids['fp']} fn={ids['fn']})")
    return figures
