"""What every match of a regex holds (:func:`matchers.regex_literals.required_words`), read from the regex's parse.

The word-set gates before notice_speaker's reading (:mod:`matchers.told_words`) and others_voices' reading are read from
it, and change no verdict only as far as it is sound: every string a pattern finds meets one of its requirements.  So
the property is checked on regexes generated from the pieces the matchers' patterns are made of (words, alternations,
optional parts, boundaries, classes, repeats, look-arounds), on every pattern of the matchers, and on strings generated
from each pattern itself (any characters around and inside its classes: capitals, digits, other scripts).
"""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import matchers
from matchers import others_voices
from matchers.regex_literals import (
    Requirement,
    held,
    meets,
    one_word_of_each,
    required_words,
    texts_of,
)
from matchers.told_voice import PERSON_SELLING, SHOP_SELLING, SOLD_BY_OTHERS


def _meets(text: str, requirements: tuple[Requirement, ...]) -> bool:
    return meets(held((text,), texts_of(requirements)), requirements)


# --- generated regexes -------------------------------------------------------------------------------------------------
_WORDS = st.sampled_from(["blangko", "ktp", "sudah", "datang", "me", "di", "lapor", "a", "ktp-el", "e ktp", "hati2",
                          "(ant)", "nya", "x", "stok 5"])
_PIECES = st.sampled_from([r"\w+", r"\d{1,2}", r"[^.]{0,20}", r"\W*", r"\s*", " ?", r"[a-z]{3,}", r"\(", ",?", " ",
                           r"\b", "^", "$", r"(?! ?\))", r"(?!\W*$)", "-", r"[ja]", r"[\w.]+", r"(?: \w+){0,3}?", "."])


def _regexes() -> st.SearchStrategy[str]:
    leaf = st.one_of(_WORDS.map(re.escape), _PIECES)
    return st.recursive(leaf, lambda inner: st.one_of(
        st.lists(inner, min_size=2, max_size=4).map("".join),
        st.lists(inner, min_size=2, max_size=4).map(lambda parts: "(?:" + "|".join(parts) + ")"),
        inner.map(lambda part: f"(?:{part})?"),
        inner.map(lambda part: rf"\b{part}\b"),
        inner.map(lambda part: f"(?:{part}){{1,2}}")), max_leaves=12)


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data(), _regexes())
def test_a_string_a_generated_regex_finds_meets_its_requirements(data: st.DataObject, source: str) -> None:
    pattern = re.compile(source)
    requirements = required_words(pattern)
    if requirements is None:
        return
    for _ in range(5):
        text = data.draw(st.from_regex(pattern))
        if pattern.search(text):
            assert _meets(text, requirements), (source, text, requirements)


# --- the matchers' own patterns ----------------------------------------------------------------------------------------
def _matchers_patterns() -> dict[str, re.Pattern[str]]:
    found = {}
    for module in pkgutil.iter_modules(matchers.__path__):
        for name, value in vars(importlib.import_module(f"matchers.{module.name}")).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str) and required_words(value) is not None:
                found[f"{module.name}.{name}"] = value
    return found


PATTERNS = _matchers_patterns()


def _strings(pattern: re.Pattern[str]) -> st.SearchStrategy[str]:
    """Strings made from the pattern itself, and from the words its requirements name run together with other words
    and cuts (``st.from_regex`` rarely meets a pattern's boundaries around a lazy class: "dukcapil … menyatakan")."""
    words = sorted({word for requirement in required_words(pattern) or () for need in requirement for word in need})
    piece = st.one_of(st.sampled_from(words or [" "]), st.from_regex(r"[a-z]{1,6}", fullmatch=True))
    cut = st.sampled_from([" ", ", ", ". ", "-", "", "\n", " (", ") ", "2 "])
    near = st.lists(st.tuples(piece, cut), max_size=8).map(lambda parts: "".join(a + b for a, b in parts))
    return st.one_of(st.from_regex(pattern), near)


def test_most_sentence_readings_are_read() -> None:
    assert len(PATTERNS) > 80


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_a_string_a_matchers_pattern_finds_meets_its_requirements(name: str) -> None:
    pattern = PATTERNS[name]
    requirements = required_words(pattern)
    assert requirements is not None

    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
    @given(_strings(pattern))
    def check(text: str) -> None:
        if pattern.search(text):
            assert _meets(text, requirements), text

    check()


# --- what the reading gives --------------------------------------------------------------------------------------------
def _sets(pattern: str) -> set[frozenset[frozenset[str]]] | None:
    found = required_words(re.compile(pattern))
    return None if found is None else {frozenset(requirement) for requirement in found}


def test_a_word_of_each_place() -> None:
    assert _sets(r"\b(?:sudah|telah) (?:datang|tiba)\b") == {frozenset({frozenset({"sudah", "telah"}),
                                                                        frozenset({"datang", "tiba"})})}


def test_alternatives_apart_and_joined_where_nothing_is_lost() -> None:
    # one word each: one set; two alternatives differing in one set: that set joined
    assert _sets(r"\b(?:waspada|awas|hati hati)\b") == {frozenset({frozenset({"waspada", "awas", "hati"})})}
    assert _sets(r"\bbelum datang\b|\bbelum dikirim\b|\bkosong lagi\b") == {
        frozenset({frozenset({"belum"}), frozenset({"datang", "dikirim"})}),
        frozenset({frozenset({"kosong"}), frozenset({"lagi"})})}


def test_a_word_running_into_a_class_is_no_word() -> None:
    # "ktp\w*" holds no whole word; "me[a-z]{3,}" after a space holds the text " me"; "diharap\w*" too
    assert _sets(r"\b(?:blangko|ktp\w*)\b[^.]{0,20}\blangka\b") == {frozenset({frozenset({"langka"})})}
    assert _sets(r"\bdukcapil\b (?:me|men)[a-z]{3,}\b") == {frozenset({frozenset({"dukcapil"}), frozenset({" me"})})}


def test_what_may_hold_nothing_is_not_read() -> None:
    assert required_words(re.compile(r"\d+")) is None
    assert required_words(re.compile(r"blangko|\w+")) is None
    assert required_words(re.compile("blangko", re.IGNORECASE)) is None
    assert required_words(re.compile(r"(?:ktp)?")) is None


def test_optional_words_join_those_around_them() -> None:
    # "(?:di)?jual": "jual" or "dijual", whole words after a space
    assert _sets(r"\btidak (?:di)?jual\b") == {frozenset({frozenset({"tidak"}), frozenset({"jual", "dijual"})})}


def test_one_word_of_each_is_the_others_voices_gate() -> None:
    """others_voices' gate words are read from its readings' patterns: of each requirement its set of fewest words."""
    assert one_word_of_each((re.compile(r"\b(?:gratis|tidak dipungut biaya|tanpa biaya)\b"),)) == {"gratis", "dipungut",
                                                                                                    "biaya"}
    assert {"tidak", "menyatakan", "modus", "tentang", "tanya", "ceunah", "wae", "dipungut"} <= others_voices._gate_words()
    assert "hati" in others_voices._gate_words()  # "hati2" as the gate reads a listing's words (letters)
    with pytest.raises(ValueError):
        one_word_of_each((re.compile(r"\d+"),))


@pytest.mark.parametrize("pattern", [others_voices._REFUSAL, others_voices._OFFICE_SAYS, others_voices._WARNED,
                                     others_voices._ABOUT, others_voices._ASKING, others_voices._HEARSAY,
                                     others_voices._SHORT, others_voices._FREE,
                                     # another's sale (struct16: "masang", "memasang" of SHOP_SELLING slipped the stems)
                                     SHOP_SELLING, PERSON_SELLING, SOLD_BY_OTHERS])
def test_every_match_of_an_others_voices_reading_opens_its_gate(pattern: re.Pattern[str]) -> None:
    @settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
    @given(_strings(pattern))
    def check(text: str) -> None:
        if pattern.search(text.lower()):
            assert others_voices._gated(text.lower()), text

    check()
