"""The frozen holdouts with no tune part (holdout8 to holdout16, issue 15's labels) judge the matcher.

Nothing may be tuned on them.  Each is one pool of hand-written listings, all of it holdout,
written after a tuning round by someone who had not seen it tuned on; ``HOLDOUTS`` below holds a
row per holdout (its file, SHA-256, minimums, id prefix, floors, issue-target xfail reason and
lexicon-leak bound) and every test here runs once per row, its id naming the holdout
(``test_file_is_frozen[holdout13]``), so a failure still says which holdout fell.  To leave the
newest out of a run: ``-k "not holdout16"``.  (Each ``holdoutN/README.md`` names the
``test_holdoutN.py`` that pinned it: that file is now its row here.)  Guards:

* the holdout file is byte for byte the one committed before the matcher was first run on
  it (SHA-256);
* the pool is as big and as mixed as its brief asked;
* the matcher meets the issue's targets on it (figures printed, never per row, so no holdout
  text reaches whoever tunes), and never falls below what it first measured there;
* no word of the matcher's lexicon occurs only in its texts (there is no tune part to share them),
  or no more words than the first run found there where the row sets a bound.

The holdouts with a tune part (``test_holdout.py``, ``test_holdout2.py`` … ``test_holdout7.py``)
keep their own files: they check the split rule and print the tune part's figures too.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.matchers.evaluation import ISSUE_TARGETS, LABELS, HoldoutFigures, shortfalls
from tests.matchers.holdout_parts import (
    labels_short_of,
    lexicon_words_only_in_holdout,
    part_figures,
    read_rows,
)

TESTS = Path(__file__).parent
FAMILIES = frozenset({"blank", "related", "hardneg", "ordinary"})
ROW_KEYS = frozenset({"id", "title", "description", "label", "identifiers", "split"})


@dataclass(frozen=True)
class FrozenHoldout:
    #: the folder under tests/matchers/ (``holdout.jsonl`` in it), and the test ids
    name: str
    sha256: str
    #: every row id starts with it (``h13-``), then a family of ``FAMILIES``
    id_prefix: str
    #: the floors: what the matcher measured there, a little below (see each row's comment)
    measured: HoldoutFigures
    #: the reason of the issue-target test's xfail (never strict: a matcher may reach them)
    target_reason: str
    #: a plain test: at most this many lexicon words occur in the holdout's texts and in no tune
    #: text (what the first run found); None: no such test
    leak_bound: int | None
    #: when set, a non-strict xfail test asks for no such word at all, with this reason
    no_leak_reason: str | None = None
    #: the brief's minimum per label (the whole pool is holdout)
    minimum: dict[str, int] = field(default_factory=lambda: {"blank": 170, "related": 140, "benign": 220})
    least_rows: int = 520
    #: the well-formed test also counts the hard negatives among the benign rows (60 % at the
    #: least) on its own; holdout8 and holdout9 were pinned before it was added
    hardneg_of_benign: bool = True

    @property
    def file(self) -> Path:
        return TESTS / self.name / "holdout.jsonl"


HOLDOUTS = (
    # holdout8: one pool of 544 listings (2026-12-06, written after the 2.8 tuning round: 272
    # hand-written cores, offers and hard negatives sharing their words, each written out in two of
    # ten shapes a crawler brings back, with contacts, non-identifiers and evasions; see
    # ``holdout8/README.md``).  The seven earlier holdouts had each judged tuning rounds, so a fresh
    # one was needed.
    FrozenHoldout(
        name="holdout8",
        sha256="1a7bef5db6aa97edb49c596efdb866a6aa5cda9e5519502a1dd2a15bf4f65cab",
        id_prefix="h8-",
        # What the matcher measured on this holdout at its one first run (matchers of main at 5649e09,
        # ktpwatch-matchers/2.8, 2026-12-06 22:03 UTC, before any 2.9 change): blank precision 0.927
        # (166/179), recall 0.954 (166/174), related recall 0.917 (132/144), identifiers precision 1.000
        # recall 1.000 (692/692).  Floors a little below those figures (one or two rows of slack); a later
        # matcher may not fall below them.
        # Judged once after the session's tuning, which never read it and began after it was frozen (ktpwatch-matchers/2.9,
        # 2026-12-06 23:40 UTC): blank precision 0.934, recall 0.971, related recall 0.917, identifiers 1.000 / 1.000; the
        # floors hold 2.9's figures.
        measured=HoldoutFigures(blank_precision=0.93, blank_recall=0.97, related_recall=0.91,
                                id_precision=0.99, id_recall=0.99),
        target_reason=(
            "issue 15 is open: the first run (matchers of main at 5649e09, ktpwatch-matchers/2.8) on holdout8 "
            "measured blank precision 0.927, recall 0.954, related recall 0.917, identifiers precision 1.000 "
            "recall 1.000"),
        leak_bound=None,
        no_leak_reason=(
            "the first run found 1 lexicon word (string constants of matchers/ at 5649e09, older than this "
            "holdout) in holdout8 texts and in no tune text; 2.9 adds a second (a common spelling a tuner who never saw "
            "holdout8 wrote into a seller's-voice reading, found by the integrator after tuning and kept rather than removed "
            "for the holdout's sake); the words are not named here, so the holdout does not leak through this reason"),
        hardneg_of_benign=False,
    ),
    # holdout9: one pool of 548 listings (2026-12-07, written by a helper who read no matcher code
    # beyond two module docstrings and no earlier holdout text: 274 hand-written cores, offers and
    # hard negatives sharing their words, each written out in two of nine shapes a crawler brings
    # back, with contacts, non-identifiers and evasions; see ``holdout9/README.md``).
    FrozenHoldout(
        name="holdout9",
        sha256="cd2038fb68a7c9f4ad401cf0789afd6b862ee1f76cbe666f3e74eb59bb61af65",
        id_prefix="h9-",
        # What the matcher measured on this holdout at its one first run (matchers of main at 0e52f3a,
        # ktpwatch-matchers/2.9, 2026-12-07 01:10 UTC, before any 2.10 change): blank precision 0.919
        # (170/185), recall 0.955 (170/178), related recall 0.908 (129/142), identifiers precision 1.000
        # recall 1.000 (741/741).  Floors a little below those figures (one or two rows of slack); a later
        # matcher may not fall below them.
        # Judged once after the round's tuning, which never read it (precision12, levers12 and blankrec12 began before it was
        # committed and were told never to open it; ktpwatch-matchers/2.10, 2026-12-07 02:15 UTC): blank precision 0.912
        # (176/193), recall 0.989 (176/178), related recall 0.908 (129/142), identifiers 1.000 / 1.000 (741/741); the recall
        # floor holds 2.10's gain.
        measured=HoldoutFigures(blank_precision=0.91, blank_recall=0.98, related_recall=0.90,
                                id_precision=0.99, id_recall=0.99),
        target_reason=(
            "issue 15 is open: the first run (matchers of main at 0e52f3a, ktpwatch-matchers/2.9) on holdout9 "
            "measured blank precision 0.919, recall 0.955, related recall 0.908, identifiers precision 1.000 "
            "recall 1.000"),
        # The first run found no lexicon word (string constants of matchers/ at 0e52f3a) in holdout9 texts and in
        # no tune text, so the test is strict: a tuner's word that only this holdout uses fails it.
        leak_bound=0,
        hardneg_of_benign=False,
    ),
    # holdout10: one pool of 570 listings (2026-12-07, written by a helper who read no matcher code
    # beyond two module docstrings and no earlier holdout text: 285 hand-written cores, offers and
    # hard negatives sharing their words, each written out in two of nine shapes a crawler brings
    # back, with contacts, non-identifiers and evasions; see ``holdout10/README.md``).
    FrozenHoldout(
        name="holdout10",
        sha256="d468e010354bed5f4f1f42135effa161f99afaed94703f25b85a69f34667170c",
        id_prefix="h10-",
        # floors set by the integrator after the round this holdout judges. First run (2026-12-07
        # 03:28 UTC, on ktpwatch-matchers/2.10, main at 3f6cf86, before this round's changes):
        # blank precision 0.887 (180/203), blank recall 1.000, related recall 0.901 (137/152),
        # identifiers 1.000 / 1.000.  Judged once on ktpwatch-matchers/2.11 (05:31 UTC): blank precision 0.909 (180/198),
        # blank recall 1.000, related recall 0.901 (137/152), identifiers 1.000 / 1.000.
        measured=HoldoutFigures(blank_precision=0.90, blank_recall=0.99, related_recall=0.90, id_precision=0.99, id_recall=0.99),
        target_reason="issue 15 is open: blank precision 0.887 on the first run, 0.909 on 2.11 (target 0.97)",
        leak_bound=0,
    ),
    # holdout11: one pool of 598 listings (2026-12-07, written by a helper who read no matcher code
    # beyond two module docstrings and no earlier holdout text: 299 hand-written cores, offers and
    # hard negatives sharing their words, each written out in two of eleven shapes a crawler brings
    # back, with contacts, non-identifiers and evasions; see ``holdout11/README.md``).
    FrozenHoldout(
        name="holdout11",
        sha256="a45a309a8ee2f21d8342a1cb0efe8abd0a878b08ad43908be837e85a90e3cd82",
        id_prefix="h11-",
        # floors set by the integrator after the round this holdout judges. First run (2026-12-07
        # 06:50 UTC, on ktpwatch-matchers/2.11, main at e5c3475, before this round's changes):
        # blank precision 0.905 (171/189), blank recall 0.881 (171/194), related recall 0.864 (133/154),
        # identifiers 1.000 / 0.998 (811 found, 0 false, 2 missed).  Judged once on ktpwatch-matchers/2.12 (08:51 UTC):
        # blank precision 0.914 (171/187), blank recall 0.881 (171/194), related recall 0.864 (133/154), identifiers
        # 1.000 / 0.998.
        measured=HoldoutFigures(blank_precision=0.91, blank_recall=0.88, related_recall=0.86, id_precision=0.99, id_recall=0.99),
        target_reason="issue 15 is open: blank precision 0.905, recall 0.881 on the first run; 0.914, 0.881 on 2.12 (targets 0.97)",
        # lexicon words of 2.11 (string constants of matchers/ at e5c3475, written before this holdout) that
        # the first run found in holdout11 texts and in no tune text; they are not named, so the holdout does
        # not leak through this file
        leak_bound=3,
        no_leak_reason=(
            "the first run found 3 lexicon words of 2.11 (older than this holdout) in holdout11 texts and in no tune "
            "text; the words are not named here, so the holdout does not leak through this reason"),
    ),
    # holdout12: one pool of 588 listings (2026-12-07, written by a helper who read no matcher code
    # beyond two module docstrings and no earlier holdout text: 294 hand-written cores leaning on
    # what a crawl of six shops brings back (offers behind vague titles, variant lists, Q&A answers,
    # price lists, closures and restock notes; shops, offices and newsrooms speaking about blank
    # stock; buyers, warnings and scam reports quoting offers), each written out in two of ten
    # shapes a crawler brings back, with contacts, non-identifiers and evasions; see
    # ``holdout12/README.md``).
    FrozenHoldout(
        name="holdout12",
        sha256="622314afd625288accda7b2058ec86d5fa2856947d2b667107860f1ea59f4bfc",
        id_prefix="h12-",
        # floors set by the integrator after the round this holdout judges. First run (2026-12-07
        # 10:08 UTC, on ktpwatch-matchers/2.12, main at 48a7dbc, before this round's changes):
        # blank precision 0.977 (172/176), blank recall 0.925 (172/186), related recall 0.803 (122/152),
        # identifiers 1.000 / 1.000 (871 found, 0 false, 0 missed).  Judged once on ktpwatch-matchers/2.13 (12:15 UTC):
        # the same figures, verdict for verdict (this round's related readings moved no holdout12 row).
        measured=HoldoutFigures(blank_precision=0.97, blank_recall=0.92, related_recall=0.80, id_precision=0.99, id_recall=0.99),
        target_reason="issue 15 is open: blank precision 0.977, recall 0.925, related recall 0.803 on 2.12 and 2.13 (targets 0.97 / 0.97 / 0.90)",
        # lexicon words of 2.12 (string constants of matchers/ at 48a7dbc, written before this holdout) that
        # the first run found in holdout12 texts and in no tune text; they are not named, so the holdout does
        # not leak through this file
        leak_bound=2,
        no_leak_reason=(
            "the first run found 2 lexicon words of 2.12 (older than this holdout) in holdout12 texts and in no tune "
            "text; the words are not named here, so the holdout does not leak through this reason"),
    ),
    # holdout13: one pool of 562 listings (2026-12-07, written by a helper who read no matcher code
    # beyond two module docstrings and no earlier holdout text: 281 hand-written cores leaning on
    # what a crawl of six shops brings back (offers behind vague titles, variant lists, Isi paket
    # lines, Q&A answers, chat transcripts, price lists, closures and restock notes, stories and
    # testimonials; shops, villages, newsrooms and Dukcapil speaking about blank stock; buyers,
    # warnings and scam reports quoting offers; related goods of every kind in several voices), each
    # written out in two of ten shapes a crawler brings back, with contacts, non-identifiers and
    # evasions; see ``holdout13/README.md``).
    FrozenHoldout(
        name="holdout13",
        sha256="7354978cc60db867cecb1e026e24af36bf645b2e45660b34108da20c80c4c48a",
        id_prefix="h13-",
        # floors set by the integrator after the judgement of 2.14 (15:24 UTC; 2.13's first run read every row the same):
        # blank precision 0.917 (154/168), recall 0.875 (154/176), related recall 0.882 (134/152), identifiers 1.000 / 0.997
        measured=HoldoutFigures(blank_precision=0.91, blank_recall=0.87, related_recall=0.88, id_precision=0.99, id_recall=0.99),
        target_reason="issue 15 is open: blank precision 0.917, recall 0.875, related recall 0.882 on 2.13 (first run, 13:16 UTC) and 2.14 (judged, 15:24 UTC); targets 0.97 / 0.97 / 0.90",
        # first run on 2.13 (13:16 UTC): no word of the matcher occurs only in holdout13 texts
        leak_bound=0,
    ),
    # holdout14: one pool of 584 listings (2026-12-07, written by a helper who read no matcher code
    # beyond two module docstrings and no earlier holdout text: 292 hand-written cores leaning on
    # what a crawl of six shops brings back (offers behind vague titles, variant lists, Isi paket
    # lines, Q&A answers, chat transcripts, price lists, closures and restock notes, stories and
    # testimonials; shops, villages, newsrooms and Dukcapil speaking about blank stock; buyers,
    # warnings and scam reports quoting offers; related goods of every kind in several voices), each
    # written out in two of ten shapes a crawler brings back, with contacts, non-identifiers and
    # evasions; see ``holdout14/README.md``).  Retired as a judge when holdout15 was frozen (its 54 misreads on 2.15
    # were given to the next round's tuners as shapes of language).
    FrozenHoldout(
        name="holdout14",
        sha256="2f23ff175f8c9ac434acf0c1fce0c8fc7496b1c29995edb6af2328b677822632",
        id_prefix="h14-",
        # floors set by the integrator after the judgement of 2.15 (18:30 UTC; first run on 2.14 at 16:30: blank
        # precision 0.916, recall 0.901, related recall 0.883): blank precision 0.916 (164/179), recall 0.901 (164/182),
        # related recall 0.895 (145/162), identifiers 1.000 / 1.000
        measured=HoldoutFigures(blank_precision=0.91, blank_recall=0.90, related_recall=0.89, id_precision=0.99,
                                id_recall=0.99),
        target_reason="issue 15 is open: blank precision 0.916, recall 0.901, related recall 0.883 on 2.14 (first run, "
                      "16:30 UTC) and 0.916 / 0.901 / 0.895 on 2.15 (judged, 18:30 UTC); targets 0.97 / 0.97 / 0.90",
        # One word of 2.14's lexicon occurs in holdout14's texts and in no tune text (first run, 16:30 UTC): it stays the
        # bound, and no new word may join it.
        leak_bound=1,
    ),
    # holdout15: one pool of 546 listings (2026-12-07 19:36-19:45 UTC, written by a helper who read no matcher
    # code beyond two module docstrings and no earlier holdout text: 273 hand-written cores leaning on
    # what a crawl of six shops brings back (offers behind vague titles, variant lists, Isi paket
    # lines, Q&A answers, chat transcripts, price lists, closures and restock notes, stories and
    # testimonials in Javanese, Sundanese, Betawi and Minang colour; shops, villages, newsrooms and
    # Dukcapil speaking about blank stock; buyers, warnings and scam reports quoting offers; related
    # goods of every kind in several voices), each written out in two of ten shapes a crawler brings
    # back, with contacts, non-identifiers and evasions; see ``holdout15/README.md``).  Retired as a judge when holdout16
    # was frozen (its 36 misreads on 2.16 were given to the next round's tuners as shapes of language).
    FrozenHoldout(
        name="holdout15",
        sha256="edd784fd5ae43b716121bd9018560168fe2c7a6939f63c6ebcefe72fca54d201",
        id_prefix="h15-",
        # floors set by the integrator after the first run (2026-12-07 19:43 UTC, on ktpwatch-matchers/2.15,
        # main at 21211bb, before this round's changes): blank precision 0.940 (158/168), blank recall 0.908
        # (158/174), related recall 0.944 (136/144), identifiers 1.000 / 1.000 (584 found, 0 false, 0 missed).
        # Floors a little below those figures (one or two rows of slack).  Judged once on ktpwatch-matchers/2.16 (21:34 UTC;
        # the tree chosen on tests alone): the same confusion, verdict for verdict (told18 moves no holdout15 row).
        measured=HoldoutFigures(blank_precision=0.93, blank_recall=0.90, related_recall=0.93,
                                id_precision=0.99, id_recall=0.99),
        target_reason="issue 15 is open: blank precision 0.940, recall 0.908, related recall 0.944 on the first run (2.15)",
        # One word of 2.15's lexicon (string constants of matchers/ at 21211bb, written before this holdout) occurs in
        # holdout15's texts and in no tune text (first run): it stays the bound, so no new word may join it; the word
        # is not named, so the holdout does not leak through this file.
        leak_bound=1,
        no_leak_reason=(
            "the first run found 1 lexicon word of 2.15 (older than this holdout) in holdout15 texts and in no tune "
            "text; the word is not named here, so the holdout does not leak through this reason"),
    ),
    # holdout16: one pool of 718 listings (2026-12-07 22:58-23:04 UTC, written by two helpers who read no matcher
    # code beyond two module docstrings and no earlier holdout text: 359 hand-written cores, 86 of them harder ones
    # added by the second helper before the first run (offers behind vague titles, variant lists, Isi paket lines, Q&A answers, live chats, price lists, closures and restock notes,
    # testimonials in Javanese, Sundanese, Minang, Medan, Makassar and Banjar colour; Dukcapil, newsrooms, buyers,
    # warnings and scam reports speaking about blank stock; related goods of every kind), each written out in two
    # of eleven shapes a crawler brings back, with contacts, non-identifiers and evasions; see
    # ``holdout16/README.md``).
    FrozenHoldout(
        name="holdout16",
        sha256="d084fab7b6050826bb54633d631dd4277f56c3d7e5ea66f651395733d3fdd8d4",
        id_prefix="h16-",
        minimum={"blank": 230, "related": 190, "benign": 290},
        least_rows=710,
        # floors set by the integrator after the first run (2026-12-07 23:04 UTC, on ktpwatch-matchers/2.16, main at
        # d81142b, before this round's matcher changes): blank precision 0.877 (229/261), blank recall 0.979
        # (229/234), related recall 0.938 (180/192), identifiers 1.000 / 1.000 (1,770 found, 0 false, 0 missed).
        # Floors a little below those figures (one or two rows of slack).
        measured=HoldoutFigures(blank_precision=0.87, blank_recall=0.97, related_recall=0.93,
                                id_precision=0.99, id_recall=0.99),
        target_reason="issue 15 is open: blank precision 0.877, recall 0.979, related recall 0.938 on the first run (2.16)",
        # Two words of 2.16's lexicon (written before this holdout) occur in holdout16's texts and in no tune text
        # (first run): that stays the bound, so no new word may join them; the words are not named, so the holdout
        # does not leak through this file.
        leak_bound=2,
        no_leak_reason=(
            "the first run found 2 lexicon words of 2.16 (older than this holdout) in holdout16 texts and in no tune "
            "text; the words are not named here, so the holdout does not leak through this reason"),
    ),
)


def _each(holdouts: Iterable[FrozenHoldout],
          marks: Callable[[FrozenHoldout], pytest.MarkDecorator] | None = None) -> list:
    """One pytest param a holdout, its id the holdout's name."""
    return [pytest.param(h, id=h.name, marks=() if marks is None else marks(h)) for h in holdouts]


def figures(holdout: FrozenHoldout) -> HoldoutFigures:
    return part_figures(holdout.file, holdout.file, "holdout")


def _leaked(holdout: FrozenHoldout) -> int:
    leaked = lexicon_words_only_in_holdout(read_rows(holdout.file), [])
    print(f"\nlexicon words in {holdout.name} but in no tune text: {leaked}")
    return leaked


@pytest.mark.parametrize("holdout", _each(HOLDOUTS))
def test_file_is_frozen(holdout: FrozenHoldout) -> None:
    digest = hashlib.sha256(holdout.file.read_bytes()).hexdigest()
    assert digest == holdout.sha256, f"{holdout.name}/holdout.jsonl changed: the holdout is frozen (see its README)"


@pytest.mark.parametrize("holdout", _each(HOLDOUTS))
def test_is_big_enough_and_well_formed(holdout: FrozenHoldout) -> None:
    rows = read_rows(holdout.file)
    assert len(rows) >= holdout.least_rows
    assert labels_short_of(rows, holdout.minimum) == []
    assert {r["label"] for r in rows} == set(LABELS)
    assert len({r["id"] for r in rows}) == len(rows)
    assert all(r["id"].startswith(holdout.id_prefix) and r["id"].split("-")[1] in FAMILIES for r in rows)
    assert all(set(r) == ROW_KEYS and r["label"] in LABELS and r["split"] == "holdout" for r in rows)
    if holdout.hardneg_of_benign:
        benign = [r for r in rows if r["label"] == "benign"]
        hardneg = [r for r in benign if r["id"].split("-")[1] == "hardneg"]
        assert len(hardneg) >= 0.6 * len(benign)


@pytest.mark.parametrize("holdout", _each(HOLDOUTS))
def test_matcher_never_falls_below_what_it_measured(holdout: FrozenHoldout) -> None:
    assert shortfalls(figures(holdout), holdout.measured) == []


@pytest.mark.parametrize("holdout", _each(
    HOLDOUTS, lambda h: pytest.mark.xfail(strict=False, reason=h.target_reason)))
def test_matcher_meets_the_issue_targets(holdout: FrozenHoldout) -> None:
    assert shortfalls(figures(holdout), ISSUE_TARGETS) == []


@pytest.mark.parametrize("holdout", _each(h for h in HOLDOUTS if h.leak_bound is not None))
def test_no_lexicon_word_beyond_the_bound_occurs_only_in_the_holdout(holdout: FrozenHoldout) -> None:
    leaked = _leaked(holdout)
    assert leaked <= holdout.leak_bound, (
        f"{leaked} lexicon words occur only in {holdout.name} texts, more than its bound of {holdout.leak_bound} "
        "(count only: naming them leaks)")


@pytest.mark.parametrize("holdout", _each(
    (h for h in HOLDOUTS if h.no_leak_reason is not None),
    lambda h: pytest.mark.xfail(strict=False, reason=h.no_leak_reason)))
def test_no_lexicon_word_occurs_only_in_the_holdout(holdout: FrozenHoldout) -> None:
    leaked = _leaked(holdout)
    assert leaked == 0, f"{leaked} lexicon words occur only in {holdout.name} texts (count only: naming them leaks)"
