"""The frozen holdout of issue 15 judges the matcher; nothing may be tuned on it.

Three guards, each of which is why the holdout can be believed:

* the file is byte for byte the one written before the rewrite (SHA-256);
* the matcher meets the issue's targets on it (figures are printed, per split
  never per row: printing texts or ids would hand the holdout to whoever reads
  the output while tuning);
* no word of the matcher's lexicon occurs in holdout texts without also
  occurring in a tune text: a word only the holdout holds can only have been
  learned from it.  The lexicon is read generically: every alphabetic word of
  four letters or more in every string constant of ``matchers/**/*.py`` (parsed
  with ``ast``, docstrings, f-strings and exception messages excepted) and in
  any data file of the package.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import json
import re
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from tests.matchers.evaluation import LABELS, HoldoutFigures, printed_figures

TESTS = Path(__file__).parent
HOLDOUT = TESTS / "holdout" / "holdout.jsonl"
HOLDOUT_SHA256 = "6381500a8788732bbcdc4908e5da6421a6ce635261062c6cb3a8627dd66d5578"
MATCHERS = TESTS.parents[1] / "matchers"
WORD = re.compile(r"[^\W\d_]{4,}")
DATA_SUFFIXES = (".toml", ".json", ".txt", ".yaml", ".yml", ".csv", ".tsv")


def _holdout_rows() -> list[dict]:
    with HOLDOUT.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def _words(texts: Iterable[str]) -> set[str]:
    """Alphabetic words of four letters or more, NFKC-normalised and casefolded."""
    return {w for text in texts for w in WORD.findall(unicodedata.normalize("NFKC", text).casefold())}


def test_holdout_file_is_frozen() -> None:
    digest = hashlib.sha256(HOLDOUT.read_bytes()).hexdigest()
    assert digest == HOLDOUT_SHA256, "holdout.jsonl changed: the holdout is frozen (see its README)"


def test_holdout_is_big_enough_and_well_formed() -> None:
    rows = _holdout_rows()
    labels = Counter(r["label"] for r in rows)
    hard = sum(1 for r in rows if r["id"].startswith("holdout-hardneg-"))
    assert len(rows) >= 420 and labels["blank"] >= 130 and labels["related"] >= 90
    assert labels["benign"] >= 200 and hard >= 150
    assert set(labels) == set(LABELS)
    assert {r["split"] for r in rows} == {"holdout"}
    assert len({r["id"] for r in rows}) == len(rows)


@functools.cache
def holdout_figures() -> HoldoutFigures:
    """Score the holdout once per session and print only aggregate figures."""
    return printed_figures(_holdout_rows(), "holdout")


#: What the matcher measured on this holdout, rounded down: first run ktpwatch-matchers/2.0
#: (2026-12-05) 0.992 / 0.792 / 0.461, ids 1.000 / 1.000; ktpwatch-matchers/2.1 (2026-12-06,
#: tuned without reading this file) 0.992 / 0.799 / 0.686, ids 1.000 / 1.000; 2.2 0.992 / 0.799 /
#: 0.735, ids 1.000 / 1.000; 2.3 (2026-12-06) 0.992 / 0.799 / 0.804, ids 1.000 / 1.000; 2.4
#: (2026-12-06 07:25 UTC) 0.992 / 0.825 / 0.863, ids 1.000 / 1.000; 2.5 (2026-12-06 09:58 UTC)
#: 0.992 / 0.825 / 0.873, ids 1.000 / 1.000; 2.7 (2026-12-06 17:30 UTC) 0.992 / 0.818 / 0.873, ids
#: 1.000 / 1.000: one blank offer more read related, a trade taken knowingly for the blank/related
#: boundary of 2.6-2.7, which the fresh holdouts gain from (holdout6, never seen: blank precision
#: 0.893 -> 0.933, recall 0.904 -> 0.916, related recall 0.865 -> 0.894), so the blank-recall floor
#: is 2.7's. A later matcher may not fall below the latest.
#: Judged after the next session's tuning (ktpwatch-matchers/2.8, 2026-12-06 20:25 UTC, tuned on tune parts and
#: fresh rows only, never on this file): 0.992 / 0.818 / 0.902, ids 1.000 / 1.000; the floors hold 2.8's figures.
MEASURED = HoldoutFigures(blank_precision=0.99, blank_recall=0.81, related_recall=0.9,
                          id_precision=1.0, id_recall=1.0)


def test_matcher_never_falls_below_what_it_measured_on_the_holdout() -> None:
    got = holdout_figures()
    for name in ("blank_precision", "blank_recall", "related_recall", "id_precision", "id_recall"):
        assert getattr(got, name) >= getattr(MEASURED, name), name


@pytest.mark.xfail(strict=False, reason=(
    "issue 15 is open: the first run of ktpwatch-matchers/2.0 on this holdout measured blank "
    "precision 0.992, recall 0.792, related recall 0.461 (identifiers 1.000/1.000); 2.1 measured "
    "0.992 / 0.799 / 0.686, 2.2 0.992 / 0.799 / 0.735, 2.3 0.992 / 0.799 / 0.804, 2.4 0.992 / 0.825 / 0.863, 2.5 0.992 / 0.825 / 0.873; part of blank recall is a label disagreement (this holdout calls a "
    "finished forged KTP blank, the issue calls forgery related), see holdout2"))
def test_matcher_meets_the_issue_targets_on_the_holdout() -> None:
    got = holdout_figures()
    assert got.blank_precision >= 0.97 and got.blank_recall >= 0.97
    assert got.related_recall >= 0.90
    assert got.id_precision >= 0.97 and got.id_recall >= 0.97


def _is_docstring(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    holder = parents.get(parents.get(node, node))
    body = getattr(holder, "body", None)
    return (isinstance(body, list) and bool(body) and isinstance(body[0], ast.Expr)
            and body[0].value is node)


#: keyword arguments that describe a rule to a reader (``why="blank word near …"``)
#: rather than give it something to match
DESCRIBING_KEYWORDS = frozenset({"why", "description"})


#: classes whose first argument names the object for reasons and logs (``Rule("blank_ektp", …)``):
#: an identifier, never matched against a listing
NAMED_CLASSES = frozenset({"Rule"})


def _message_nodes(tree: ast.AST) -> set[ast.AST]:
    """Nodes inside f-strings, raise statements, describing keyword arguments and
    the names given to rules: messages and identifiers, not lexicon."""
    inside: set[ast.AST] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr | ast.Raise):
            inside.update(ast.walk(node))
        elif isinstance(node, ast.keyword) and node.arg in DESCRIBING_KEYWORDS | {"name"}:
            inside.update(ast.walk(node.value))
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
              and node.func.id in NAMED_CLASSES and node.args):
            inside.update(ast.walk(node.args[0]))
    return inside


def _given_names(tree: ast.AST) -> set[str]:
    """The names given to rules in ``tree`` (``Rule("id_made_to_order", …)``): the same string looked up
    elsewhere (``_RULE_INDEX["id_made_to_order"]``) is that identifier again, not lexicon."""
    return {node.args[0].value for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in NAMED_CLASSES
            and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)}


def _python_strings(path: Path) -> Iterator[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    messages = _message_nodes(tree)
    names = _given_names(tree)
    for node in ast.walk(tree):
        if (isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value not in names
                and node not in messages and not _is_docstring(node, parents)):
            yield node.value


def _data_strings(value: object) -> Iterator[str]:
    """Every key and string value of a parsed TOML or JSON document."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _data_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _data_strings(item)


def _file_strings(path: Path) -> Iterator[str]:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".toml":
        yield from _data_strings(tomllib.loads(text))
    elif path.suffix == ".json":
        yield from _data_strings(json.loads(text))
    else:
        yield from (line for line in text.splitlines() if not line.lstrip().startswith("#"))


def lexicon_words() -> set[str]:
    """Every word the matcher package could match on, read from its source and data."""
    strings: list[str] = []
    for path in sorted(MATCHERS.rglob("*")):
        if path.suffix == ".py":
            strings.extend(_python_strings(path))
        elif path.suffix in DATA_SUFFIXES:
            strings.extend(_file_strings(path))
    return _words(strings)


def tune_words() -> set[str]:
    """Words of every tune text: corpus rows whose split is ``tune`` (or unset) and
    any file under tests/matchers whose name says ``tune``."""
    texts: list[str] = []
    for path in sorted(TESTS.rglob("*")):
        if HOLDOUT.parent in path.parents or not path.is_file():
            continue
        if path.suffix == ".jsonl":
            with path.open(encoding="utf-8") as fh:
                rows = [json.loads(line) for line in fh if line.strip()]
            texts.extend(str(v) for r in rows if r.get("split", "tune") == "tune"
                         for k, v in r.items() if k not in ("id", "label", "split", "identifiers"))
        elif "tune" in path.name and path.suffix in DATA_SUFFIXES:
            texts.append(path.read_text(encoding="utf-8"))
    return _words(texts)


def test_no_lexicon_word_occurs_only_in_the_holdout() -> None:
    lexicon = lexicon_words()
    assert lexicon, "no string constants found in matchers/: the scan is broken"
    holdout = _words(t for r in _holdout_rows() for t in (r["title"], r["description"]))
    leaked = sorted((lexicon & holdout) - tune_words())
    print(f"\nlexicon words in holdout but in no tune text: {len(leaked)}")
    assert leaked == [], f"lexicon words seen only in the holdout: {leaked}"


@pytest.mark.parametrize("source", [
    '"""Doc."""\nX = ("blangko", f"no {1} kosong")\n',
    'R = Rule("blank_rule", _p("blangko"), why="blank word near a term")\n',
    'R = Rule(name="blank_rule", pattern="blangko", description="a blank word")\n',
    'R = Rule("blank_rule", _p("blangko"))\nI = INDEX["blank_rule"]\n',
])
def test_lexicon_scan_skips_docstrings_and_messages(source: str, tmp_path: Path) -> None:
    path = tmp_path / "m.py"
    path.write_text(source, encoding="utf-8")
    assert set(_python_strings(path)) == {"blangko"}
