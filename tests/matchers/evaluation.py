"""Scoring a labelled set: the confusion of labels and identifier hits, shared by the
tune-corpus test and the frozen-holdout test so both measure the same way."""

from __future__ import annotations

from collections import Counter

from matchers import score_many


def evaluate(rows: list[dict]) -> tuple[Counter, Counter]:
    """``(confusion[(truth, verdict)], identifiers{tp, fp, fn})`` over ``rows``."""
    assessments = score_many((r["title"], r["description"]) for r in rows)
    confusion: Counter = Counter()
    ids: Counter = Counter()
    for row, assessment in zip(rows, assessments, strict=True):
        confusion[(row["label"], assessment.verdict.value)] += 1
        got = {(i.kind, i.value) for i in assessment.identifiers}
        expected = {(i["kind"], i["value"]) for i in row["identifiers"]}
        ids["tp"] += len(got & expected)
        ids["fp"] += len(got - expected)
        ids["fn"] += len(expected - got)
    return confusion, ids
