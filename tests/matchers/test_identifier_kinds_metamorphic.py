"""Metamorphic checks for the identifier kinds of issue 20: they add identifiers and change nothing else.

On every labelled text we have (corpus, both holdouts, the bank-account set),
scoring with the new extractors switched off and on must give the same verdict,
score and reasons, and the same identifiers of the older kinds; switching them
on may only add identifiers of the new kinds.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from matchers import extract_identifiers, identifiers, score_many
from matchers.result import Assessment

MATCHERS_TESTS = Path(__file__).parent
NEW_KINDS = frozenset({"bank_account", "ewallet", "email", "social_handle"})


def _texts() -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for path in sorted(MATCHERS_TESTS.glob("corpus/*.jsonl")) + sorted(MATCHERS_TESTS.glob("holdout*/*.jsonl")):
        rows += [(r["title"], r["description"]) for r in map(json.loads, path.open(encoding="utf-8"))]
    rows += [("", json.loads(line)["text"]) for line in (MATCHERS_TESTS / "bank_accounts" / "labels.jsonl").open()]
    return rows


@contextmanager
def _new_kinds_off(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    with monkeypatch.context() as patched:
        patched.setattr(identifiers, "find_contacts", lambda _text: [])
        patched.setattr(identifiers, "may_have_contact", lambda _low: False)
        patched.setattr(identifiers, "_may_have_account", lambda _text: False)
        patched.setattr(identifiers, "wallet_codes", lambda _text, _start, _end: [])
        identifiers._identifiers_in.cache_clear()
        yield
    identifiers._identifiers_in.cache_clear()


def _without_new(assessment: Assessment) -> tuple:
    return (assessment.verdict, assessment.score, assessment.reasons,
            tuple((i.kind, i.value, i.source) for i in assessment.identifiers if i.kind not in NEW_KINDS))


def test_new_kinds_change_no_verdict_and_no_older_identifier(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _texts()
    with _new_kinds_off(monkeypatch):
        before = [_without_new(a) for a in score_many(texts)]
    after = score_many(texts)
    assert [_without_new(a) for a in after] == before
    added = sum(1 for a in after for i in a.identifiers if i.kind in NEW_KINDS)
    print(f"\n{len(texts)} texts: verdicts and older identifiers unchanged; {added} new-kind identifiers added")
    assert added > 0


_CONTACT_LINES = st.sampled_from([
    "rek BCA 1234567890 a.n. Budi", "DANA: 0812-3456-7890", "dm ig @blanko.store",
    "grup chat.whatsapp.com/AbCdEfGhIj1234", "email jual@contoh.id", "norek Mandiri 1234567890123",
])


@given(st.sampled_from(_texts()), _CONTACT_LINES)
def test_appending_a_contact_line_keeps_every_identifier_found_before(row: tuple[str, str], line: str) -> None:
    text = row[1] or row[0]
    before = {(i.kind, i.value) for i in extract_identifiers(text)}
    after = {(i.kind, i.value) for i in extract_identifiers(f"{text}\n{line}")}
    assert before <= after
    assert {(i.kind, i.value) for i in extract_identifiers(line)} <= after


def test_the_new_prefilters_only_skip_texts_without_the_new_kinds(monkeypatch: pytest.MonkeyPatch) -> None:
    """The cheap tests that skip the new extractors are necessary conditions: forcing them on changes nothing."""
    texts = [t for row in _texts() for t in row if t]
    expected = [identifiers._identifiers_in.__wrapped__(t) for t in texts]
    with monkeypatch.context() as patched:
        patched.setattr(identifiers, "may_have_contact", lambda _low: True)
        patched.setattr(identifiers, "_may_have_account", lambda _text: True)
        patched.setattr(identifiers, "may_have_wallet", lambda _low: True)
        assert [identifiers._identifiers_in.__wrapped__(t) for t in texts] == expected


@given(st.text(alphabet=st.sampled_from("abcxyz0123456789@._-:/ +ig\n"), max_size=600)
       | st.builds(lambda local, domain: f"mail {local}@{domain}.com",
                   st.text("abc.", min_size=1, max_size=80), st.text("abc-.", min_size=1, max_size=300)))
def test_every_value_fits_the_identifiers_table(text: str) -> None:
    """Kinds fit ``identifiers.kind`` (20 characters) and values ``identifiers.value`` (200)."""
    for found in extract_identifiers(text):
        assert len(found.kind) <= 20 and len(found.value) <= 200
