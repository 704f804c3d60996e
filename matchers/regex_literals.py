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

(struct15) Strings every match shares say nothing of a pattern made of alternatives ("sudah|telah"
then "datang|tiba").  :func:`required_words` reads, alternative by alternative, the words each
match holds one of in each place, from every way through the alternative the parse allows
(optional parts taken and left, branches one by one, what cannot be spelled out a gap).  The
word-set gates before notice_speaker's and others_voices' readings are read from it, so a word
added to one of their patterns is in its gate with it (``tests/matchers/test_regex_literals.py``
checks it on generated regexes and on every pattern of the matchers).
"""

from __future__ import annotations

import functools
import importlib
import itertools
import operator
import re
from collections.abc import Callable
from typing import Any, NamedTuple

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


# --- (struct15) the words every match holds, alternative by alternative -----------------------------------------------
#: A requirement: a match holds an element of each of its sets.  An element is a *word* (a run of ``[a-z0-9]``, whole:
#: no such character either side of it in the text) or a *text* (a string holding some other character, found as a
#: substring: " me" of an active verb, "(" of a dateline).
Requirement = tuple[frozenset[str], ...]

_WORD = re.compile(r"[a-z0-9]+")
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
#: More readings of an alternative than this are not spelled out: the part that would pass it is read as anything.
_MOST_READINGS = 4096
_EDGES = frozenset({sre.AT_BEGINNING, sre.AT_BEGINNING_STRING, sre.AT_BOUNDARY, sre.AT_END, sre.AT_END_STRING})
_CATEGORIES: dict[Any, Callable[[str], bool]] = {
    sre.CATEGORY_DIGIT: str.isdigit, sre.CATEGORY_NOT_DIGIT: lambda char: not char.isdigit(),
    sre.CATEGORY_SPACE: str.isspace, sre.CATEGORY_NOT_SPACE: lambda char: not char.isspace(),
    sre.CATEGORY_WORD: lambda char: char.isalnum() or char == "_",
    sre.CATEGORY_NOT_WORD: lambda char: not (char.isalnum() or char == "_")}


#: One way through a pattern: its literal characters, and two marks (private-use characters; a pattern that holds one
#: reads it as a gap): a *gap* (any string) and an *edge* (no word character: a boundary, an anchor, a run of ``\W``).
_Reading = str
_GAP, _EDGE = "\ue000", "\ue001"
_ANY: list[_Reading] = [_GAP]
#: A reading's literal runs lie between its marks.
_MARKS = re.compile("[\ue000\ue001]")


def required_words(pattern: re.Pattern[str]) -> tuple[Requirement, ...] | None:
    """The words (and texts) the matches of ``pattern`` hold: every match meets one of the requirements, one for each
    top-level alternative (merged where that loses nothing), each read from the alternative's parse as sets of what it
    holds in each place ("sudah|telah" then "datang|tiba": a word of each).  None when a match may hold nothing such,
    or when the pattern ignores case."""
    if pattern.flags & re.IGNORECASE:
        return None
    requirements = []
    for alternative in _alternatives(list(_parser.parse(pattern.pattern, pattern.flags))):
        requirement = _requirement([_tokens(reading) for reading in _expanded(alternative)])
        if requirement is None:
            return None
        requirements.append(requirement)
    return _merged(requirements)


def held(forms: tuple[str, ...], texts: frozenset[str]) -> set[str]:
    """What the forms of a text hold of the elements of requirements: their words, and those of ``texts`` in them."""
    found = {word for form in forms for word in _WORD.findall(form)}
    found.update(text for text in texts if any(text in form for form in forms))
    return found


def meets(found: set[str] | frozenset[str], requirements: tuple[Requirement, ...]) -> bool:
    """Whether what a text holds (:func:`held`) meets one of ``requirements``: an element of each of its sets."""
    return any(all(not found.isdisjoint(need) for need in requirement) for requirement in requirements)


def texts_of(requirements: tuple[Requirement, ...]) -> frozenset[str]:
    """The texts (elements that are no word) of ``requirements``."""
    return frozenset(element for requirement in requirements for need in requirement for element in need
                     if _WORD.fullmatch(element) is None)


def one_word_of_each(patterns: tuple[re.Pattern[str], ...]) -> frozenset[str]:
    """Words of which every match of each of ``patterns`` holds one: of each requirement, its set of words only with the
    fewest words, the longest shortest word first (fewer, rarer words let a word-set gate open less often)."""
    words: set[str] = set()
    for pattern in patterns:
        for requirement in required_words(pattern) or ((),):
            plain = [need for need in requirement if not texts_of(((need,),))]
            if not plain:
                raise ValueError(f"no word every match of {pattern.pattern[:60]!r} holds")
            words |= min(plain, key=lambda need: (len(need), -min(map(len, need)), sorted(need)))
    return frozenset(words)


def _alternatives(items: list[tuple[Any, Any]]) -> list[list[tuple[Any, Any]]]:
    """The top-level alternatives of a parsed pattern, each with what stands around them ("\\b(?:a|b)\\b": "\\ba\\b",
    "\\bb\\b")."""
    consuming = [at for at, (op, _) in enumerate(items) if op not in (sre.AT, sre.ASSERT, sre.ASSERT_NOT)]
    if len(consuming) == 1:
        at = consuming[0]
        op, value = items[at]
        if op is sre.SUBPATTERN and not value[1] & re.IGNORECASE:
            return _alternatives([*items[:at], *value[-1], *items[at + 1:]])
        if op is sre.BRANCH:
            return [[*items[:at], *branch, *items[at + 1:]] for branch in value[1]]
    return [items]


def _expanded(items: list[tuple[Any, Any]]) -> list[_Reading]:
    """The readings of a parsed sequence: each way through it, a part with more ways than :data:`_MOST_READINGS` allow
    read as anything."""
    done: list[_Reading] = [""]
    for op, value in items:
        part = _item(op, value)
        if len(done) * len(part) > _MOST_READINGS:
            part = _ANY
        done = list(dict.fromkeys(left + right for left in done for right in part))
    return done


def _item(op: Any, value: Any) -> list[_Reading]:
    """The readings of one parsed item; what cannot be spelled out (a class that may hold a word character, any
    character, a back-reference, a part ignoring case) is a gap, a zero-width assertion nothing."""
    if op is sre.LITERAL:
        return _ANY if _MARKS.match(chr(value)) else [chr(value)]
    if op is sre.IN:
        return _class(list(value))
    if op is sre.AT:
        return [_EDGE] if value in _EDGES else [""]
    if op in (sre.ASSERT, sre.ASSERT_NOT):
        return [""]
    if op is sre.SUBPATTERN:
        return _ANY if value[1] & re.IGNORECASE else _expanded(list(value[-1]))
    if op is sre.ATOMIC_GROUP:
        return _expanded(list(value))
    if op is sre.BRANCH:
        return [reading for branch in value[1] for reading in _expanded(list(branch))]
    if op in _REPEATS:
        return _repeated(value[0], value[1], _expanded(list(value[2])))
    return _ANY


def _class(items: list[tuple[Any, Any]]) -> list[_Reading]:
    """A character class: its characters when it lists them, an edge when it holds no word character (``\\W``, ``\\s``,
    ``[:(]``), else a gap."""
    if all(op is sre.LITERAL and not _MARKS.match(chr(value)) for op, value in items):
        return [chr(value) for _, value in items]
    if all(_in_class(char, items) is False for char in _WORD_CHARS):
        return [_EDGE]
    return _ANY


def _in_class(char: str, items: list[tuple[Any, Any]]) -> bool | None:
    """Whether a parsed class holds ``char`` (None where this cannot say)."""
    negated, found = False, False
    for op, value in items:
        if op is sre.NEGATE:
            negated = True
        elif op is sre.LITERAL:
            found |= chr(value) == char
        elif op is sre.RANGE:
            found |= value[0] <= ord(char) <= value[1]
        elif op is sre.CATEGORY and value in _CATEGORIES:
            found |= _CATEGORIES[value](char)
        else:
            return None
    return found != negated


def _repeated(least: int, most: int, content: list[_Reading]) -> list[_Reading]:
    """A repeat's readings: none or one of an optional part; a run of non-word characters an edge; the content
    repeated up to twice as often as it must be, then a gap where it may be repeated more."""
    if most == 0:
        return [""]
    if all(content) and not any(_GAP in reading or _WORD.search(reading) for reading in content):
        return [_EDGE] if least else ["", _EDGE]
    if least == 0:
        return ["", *content] if most == 1 else _ANY
    if len(content) ** min(least, 2) > _MOST_READINGS:
        return _ANY
    copies: list[_Reading] = [""]
    for _ in range(min(least, 2)):
        copies = [left + right for left in copies for right in content]
    return copies if least == most and least <= 2 else [copy + _GAP for copy in copies]


class _Tokens(NamedTuple):
    """What one reading holds: its words and texts in order (None for a gap: where a word runs into a gap it is no
    whole word), its whole words, and its runs of literal characters (where its texts are found)."""

    order: tuple[str | None, ...]
    words: frozenset[str]
    runs: tuple[str, ...]


def _tokens(reading: _Reading) -> _Tokens:
    """A reading's words and texts.  A run of word characters is a whole word when an edge or another character stands
    on each side of it; a run that goes on into a gap is a text with the character before or after it (" me" of
    "me[a-z]{3,}"), or nothing; punctuation holding no word character is a text too ("(" of "\\(\\d")."""
    order: list[str | None] = []
    words = []
    at = 0
    for run in _WORD.finditer(reading):
        order += [None] * reading.count(_GAP, at, run.start())
        start, at = run.span()
        before = reading[start - 1] if start else _GAP
        after = reading[at] if at < len(reading) else _GAP
        if before != _GAP and after != _GAP:
            words.append(run.group())
            order.append(words[-1])
        elif before not in (_GAP, _EDGE):
            order.append(before + run.group())  # the other side a gap: a text with the character before it
        elif after not in (_GAP, _EDGE):
            order.append(run.group() + after)
        else:
            order.append(None)
    order += [None] * reading.count(_GAP, at)
    runs = tuple(run for run in _MARKS.split(reading) if run)
    order += [run.strip() for run in runs if run.strip() and not _WORD.search(run)]
    return _Tokens(tuple(order), frozenset(words), runs)


def _requirement(readings: list[_Tokens]) -> Requirement | None:
    """Sets each reading of an alternative holds an element of: the elements each reading holds in one place (its
    first word, its last, the first of its second part between gaps ...), each set cut to what the readings need, none
    a superset of another; of the sets holding texts, one holding a single text at most (each text is a substring test
    on every sentence a gate reads).  None when some reading holds nothing."""
    if any(not any(reading.order) for reading in readings):
        return None
    holders, every = _holders(readings), (1 << len(readings)) - 1
    found = {_needed(frozenset(picked), holders, every) for picked in _places(readings)}
    kept = [need for need in found if not any(other < need for other in found)]
    plain = sorted(need for need in kept if not texts_of(((need,),)))
    texted = sorted((need for need in kept if len(texts_of(((need,),))) == 1), key=_order)
    return tuple(sorted(plain + texted[:1], key=_order))


def _holders(readings: list[_Tokens]) -> dict[str, int]:
    """Of each word and text of the readings, which readings hold it (a bit each)."""
    holders: dict[str, int] = {}
    for at, reading in enumerate(readings):
        for word in reading.words:
            holders[word] = holders.get(word, 0) | 1 << at
    for text in {token for reading in readings for token in reading.order if token and token not in holders}:
        holders[text] = sum(1 << at for at, reading in enumerate(readings) if any(text in run for run in reading.runs))
    return holders


def _places(readings: list[_Tokens]) -> list[list[str]]:
    """What each reading holds in one place, place by place: counted from either end of the reading, and of each of
    its parts between gaps (a reading's first part, its second ... or its last)."""
    whole = [[token for token in reading.order if token] for reading in readings]
    parts = [_parts(reading.order) for reading in readings]
    places = _aligned(whole)
    for at in range(min(map(len, parts))):
        places += _aligned([part[at] for part in parts]) + _aligned([part[-1 - at] for part in parts])
    return places


def _aligned(sequences: list[list[str]]) -> list[list[str]]:
    """The elements of each sequence at one place, counted from the start and from the end."""
    shortest = min(map(len, sequences))
    return [[sequence[at] for sequence in sequences] for at in range(shortest)] + \
        [[sequence[-1 - at] for sequence in sequences] for at in range(shortest)]


def _parts(order: tuple[str | None, ...]) -> list[list[str]]:
    """A reading's words and texts between its gaps (runs of gaps as one; the part before the first gap and after the
    last kept, though empty)."""
    parts: list[list[str]] = [[]]
    for token in order:
        if token is None:
            parts.append([])
        else:
            parts[-1].append(token)
    return [parts[0], *[part for part in parts[1:-1] if part], *parts[-1:]] if len(parts) > 1 else parts


def _needed(need: frozenset[str], holders: dict[str, int], every: int) -> frozenset[str]:
    """``need`` without the elements no reading needs (another it holds is in the set), the shortest tried first;
    ``holders``: of each element, the readings that hold it (a bit each), ``every`` all of them."""
    kept = set(need)
    for element in sorted(need, key=lambda element: (len(element), element)):
        rest = kept - {element}
        if rest and functools.reduce(operator.or_, map(holders.__getitem__, rest)) == every:
            kept = rest
    return frozenset(kept)


def _order(need: frozenset[str]) -> tuple[int, int, list[str]]:
    """Sets of fewer, longer elements first."""
    return len(need), -min(map(len, need)), sorted(need)


def _merged(requirements: list[Requirement]) -> tuple[Requirement, ...]:
    """Requirements joined where what they let through stays the same: one implied by another dropped (the weaker
    holds whenever the stronger does), two that differ in one set made one with the sets joined."""
    merged = list(dict.fromkeys(requirements))
    while True:
        for first, second in itertools.permutations(range(len(merged)), 2):
            one, other = set(merged[first]), set(merged[second])
            if _implies(merged[first], merged[second]):
                del merged[first]
                break
            if len(one) == len(other) and len(one ^ other) == 2:
                (left,), (right,) = one - other, other - one
                merged = [*(kept for at, kept in enumerate(merged) if at not in (first, second)),
                          tuple(sorted((one & other) | {left | right}, key=_order))]
                break
        else:
            return tuple(merged)


def _implies(strong: Requirement, weak: Requirement) -> bool:
    """Whether ``strong`` is met only where ``weak`` is: each set of ``weak`` holds one of ``strong``'s."""
    return all(any(need <= want for need in strong) for want in weak)
