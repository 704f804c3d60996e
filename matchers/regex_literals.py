"""Strings every match of a regex holds: a substring test that may say a regex cannot match.

A rule over a clause's shape ("BLANGKO= _ EKTP=") is a regex that needs its tags; most rules a
shape's tags select still find nothing (four in five tries on the bench's listings).  A regex
cannot match a text that lacks one of the strings every one of its matches holds, and ``in``
finds that out at a fraction of a failed search's cost.

The strings are read from the regex's parse (the standard library's own parser), keeping only
what every match must hold: literal runs of the pattern's main sequence, of its groups, of
repeats taken at least once, and strings that every branch of an alternation holds.  What
cannot be proved (look-arounds, optional parts, classes) is left out, so the list may be
shorter than it could be, never wrong.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

#: The standard library's regex parser and its opcodes: the regex as ``re`` itself reads it
#: (private modules, which typeshed does not describe: read as ``Any``).
_parser: Any = importlib.import_module("re._parser")
sre: Any = importlib.import_module("re._constants")

_REPEATS = frozenset({sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT})
_SHORTEST = 2  # shorter strings say little and are found everywhere


def required_strings(pattern: re.Pattern[str]) -> tuple[str, ...]:
    """Strings (two characters or more) that every match of ``pattern`` holds, longest first;
    none for a pattern that ignores case (its literals match other strings too)."""
    if pattern.flags & re.IGNORECASE:
        return ()
    found = {text for text in _held(list(_parser.parse(pattern.pattern, pattern.flags))) if len(text) >= _SHORTEST}
    kept = [text for text in found if not any(text != other and text in other for other in found)]
    return tuple(sorted(kept, key=lambda text: (-len(text), text)))


def _held(items: list[tuple[Any, Any]]) -> set[str]:
    """The strings each match of a sequence of parsed items holds."""
    held: set[str] = set()
    run: list[str] = []
    for op, value in items:
        if op is sre.LITERAL:
            run.append(chr(value))
            continue
        if run:
            held.add("".join(run))
            run = []
        if op is sre.SUBPATTERN:
            held |= _held(list(value[-1]))
        elif op is sre.ATOMIC_GROUP:
            held |= _held(list(value))
        elif op in _REPEATS and value[0] >= 1:
            held |= _held(list(value[2]))
        elif op is sre.BRANCH:
            held |= _held_by_every([_held(list(branch)) for branch in value[1]])
    if run:
        held.add("".join(run))
    return held


def _held_by_every(branches: list[set[str]]) -> set[str]:
    """Strings held by every branch: each branch's strings and the tags in them ("EKTP=" of
    " EKTP="), kept where every other branch holds a string containing them."""
    candidates = {piece for strings in branches for text in strings
                  for piece in (text, *re.findall(r"[A-Z]+=", text))}
    return {piece for piece in candidates if all(any(piece in text for text in strings) for strings in branches)}
