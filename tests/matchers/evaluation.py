"""Scoring a labelled set: the confusion of labels and identifier hits, shared by the
tune-corpus test and the frozen-holdout test so both measure the same way."""

from __future__ import annotations

from collections import Counter

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
