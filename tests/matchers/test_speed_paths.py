"""The speed-ups of the scoring engine give exactly what the code they replace gave.

Each one is checked against that plain definition, on every tune text and on
generated text: numbers found by a regex that leads with a digit, quantities
decided by a call only when one reads as a word, phrases looked up by anchor,
rules looked up by tag (and a negation or a cue looked for only in a shape that holds
one), and judgements looked up by the identity of shared field readings.
"""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matchers import (
    chip_uids,
    contacts,
    identifiers,
    identifiers_spelled,
    lexicon,
    regex_literals,
    score,
    score_listing,
    tellers,
)
from matchers.by_sound import read_by_sound
from matchers.identity_memo import IdentityMemo, Interner
from matchers.normalise import normalise
from tests.matchers.tune_rows import tune_rows

ROWS = tune_rows()
TEXTS = [row["title"] for row in ROWS] + [row["description"] for row in ROWS if row["description"]]
CLAUSES = sorted({clause for text in TEXTS for clause in score.clauses(text) if clause.strip()})

#: The number regexes as 2.4 wrote them (a look-behind first).
_NUMBER_BEFORE = re.compile(r"(?<!\w)[0-9]{2,}[A-Za-z]{0,4}(?!\w)")
_QUANTITY_BEFORE = re.compile(r"(?<!\w)[0-9]{2,}[A-Za-z]{1,4}(?!\w)")

_VOCABULARY = sorted(lexicon.PHRASE_WORDS | set(lexicon.SPELLING) | {"kartu", "dan", "murah", "bukan", "bisa"})
words = st.lists(st.sampled_from(_VOCABULARY), max_size=12)
#: Text made of what the number regexes are about: digits, letters, word characters of other scripts.
number_text = st.lists(st.sampled_from([*"0123456789abcxyzPCS _.,-/:\n", ". ", " . ", "é", "٣", "ж", "🔥"]),
                       max_size=40).map("".join)
listing_words = st.lists(st.sampled_from([*_VOCABULARY, "50pcs", "514p", "4kun", "100rb", "2024", "12", "a4", "3"]),
                         max_size=15).map(" ".join)


def _numberless_before(text: str) -> str:
    """2.4's reading of a field's numbers: every number through the call when a quantity has letters."""
    return _NUMBER_BEFORE.sub(score._placeholder if _QUANTITY_BEFORE.search(text) else score._NUMBER_WORD, text)


def _tag_before(words: list[str]) -> str:
    """2.4's tagging: every phrase in order, run when one of its anchors is present."""
    text = " ".join(words)
    present = set(words)
    for regex, replace, anchors, name in lexicon._replacers():
        if present.isdisjoint(anchors):
            continue
        new = regex.sub(replace, text)
        if new != text:
            text = new
            present.add(name)
    return text


def _check_clauses(text: str) -> None:
    """A field is cut as clauses() cuts it: spelled-out words' full stops made spaces once more
    (2.4) only when there were some."""
    stopped = score._without_spelled_stops(text)
    assert (score._cut(text) if stopped is text else score.clauses(stopped)) == score.clauses(stopped)


def _check_spelled_run_gate(text: str) -> None:
    """Every word spelled with full stops ("e . k . t . p") holds a lone character between two
    stops, the cheap search that gates the run's (so the gate never hides one)."""
    if score._SPELLED_WITH_STOPS.search(text):
        assert score._DOT_LETTER_DOT.search(text), text


def _check_numbers(text: str) -> None:
    assert score._NUMBER.findall(text) == _NUMBER_BEFORE.findall(text)
    assert score._numberless(text) == _numberless_before(text)


def _check_tags(words: list[str]) -> None:
    assert lexicon.tag(words) == _tag_before(words)


def _shape_rules_looking_everywhere(shape: str) -> tuple[tuple[int, int, int, int, int, bool], ...]:
    """The full reading of a shape: every rule run, and a negation and a cue looked for around every match,
    where the engine looks for them only when the shape holds a NOT, a sale denied or a CUE tag."""
    shape_tags = shape.replace("=", "").replace("_", "").split(" ")
    nots = score._nots_in(shape_tags)
    fired = []
    for index, rule in enumerate(score.RULES):
        for match in rule.pattern.finditer(shape):
            first = shape.count(" ", 0, match.start())
            last = first + match.group(0).count(" ")
            near = shape_tags[max(0, first - score._ATTACH_REACH) : first] + shape_tags[last + 1 : last + 1 + score._ATTACH_REACH]
            cue = _cue_of_walking(shape_tags, index, first, last)
            if cue < 0 and rule.channel != "negative":  # a report cue inside the match (precision10), looked for always
                cue = score._told_of_inside(shape, shape_tags, rule, first, last)
            fired.append((index, first, last, score._negation_of(shape_tags, nots, rule, first, last), cue,
                          not score._ID_TAGS.isdisjoint(near)))
    return _negated_through_overlap_scanning(fired) if "NOT" in shape_tags else tuple(fired)


def _negated_through_overlap_scanning(fired: list[tuple[int, int, int, int, int, bool]]) -> tuple[tuple[int, int, int, int, int, bool], ...]:
    """2.16's reading of a negation through overlap: every denied match scanned for each positive match."""
    denied = [(first, last, negator) for index, first, last, negator, _, _ in fired
              if 0 <= negator < first and score.RULES[index].channel != "negative"]
    out = []
    for index, first, last, negator, cue, attached in fired:
        if negator < 0 and score.RULES[index].channel != "negative":
            negator = next((by for start, end, by in denied if start <= last and first <= end and by < first), -1)
        out.append((index, first, last, negator, cue, attached))
    return tuple(out)


def _cue_before_walking(shape_tags: list[str], first: int) -> int:
    """2.16's reading of the cue a match starting at ``first`` stands under: every cue before it walked, the first
    that governs the rest of its clause taken, else the last."""
    cue = -1
    for i, tag in enumerate(shape_tags[:first]):
        if tag.startswith("CUE"):
            if tag in score._CLAUSE_CUES:
                return i
            cue = i
    return cue


def _cue_of_walking(shape_tags: list[str], index: int, first: int, last: int) -> int:
    """2.16's reading of the cue a match of rule ``index`` stands under: the cue walked to before it, else one looked for
    in the match or in the rest of its clause (the requirement said after it searched for in every token after)."""
    rule = score.RULES[index]
    cue = _cue_before_walking(shape_tags, first)
    if cue < 0 and rule.channel != "negative" and "CUEREQ" in shape_tags[first + 1 : last]:
        cue = shape_tags.index("CUEREQ", first + 1, last)
    if cue < 0 and rule.channel == "related" and "CUEREQAFTER" in shape_tags[last + 1 :] \
            and score._OFFER_TAGS.isdisjoint(shape_tags):
        cue = shape_tags.index("CUEREQAFTER", last + 1)
    if cue < 0 and rule.channel != "negative" and score._REPORTED_AFTER in shape_tags[last + 1 : last + 1 + score._DENIAL_REACH]:
        cue = shape_tags.index(score._REPORTED_AFTER, last + 1)
    if index in score._BLANK_WORD_RULES and "CUEUSE" in shape_tags[first + 1 : last]:
        cue = shape_tags.index("CUEUSE", first + 1, last)
    return cue


def _negator_walking(shape_tags: list[str], first: int, listed: bool) -> int:
    """2.16's reading of the negation covering a match starting at ``first``: walked back to from the match, a hard
    negative's listed products passed over."""
    steps = 0
    for i in range(first - 1, -1, -1):
        tag = shape_tags[i]
        if tag == "NOT":
            return i
        if listed and tag.startswith("NEG"):
            continue
        steps += 1
        if steps >= (score._LIST_NEGATION_REACH if listed else score._NEGATION_REACH):
            return -1
    return -1


def _check_cues_before(shape: str) -> None:
    """At each token of a shape (and of its tags beneath a head cue), the cue before it read from the clause's first
    governing cue and a bisect is the one walked to, the requirement said after it the one searched for, and the
    negation covering it, found by a bisect and a count of steps, the one walked back to: found once per shape, each is
    what 2.16 looked for around every match."""
    for shape_tags in (shape.replace("=", "").replace("_", "").split(" "), score._tags_beneath(shape)[0]):
        cues, nots = score._cues_in(shape_tags), score._nots_in(shape_tags)
        offered = not score._OFFER_TAGS.isdisjoint(shape_tags)
        assert cues.offered == offered
        for first in range(len(shape_tags) + 1):
            assert score._cue_before(cues, first) == _cue_before_walking(shape_tags, first), (shape, first)
            after = shape_tags.index("CUEREQAFTER", first + 1) if "CUEREQAFTER" in shape_tags[first + 1 :] else -1
            assert score._asked_after(cues, first) == after, (shape, first)
            for listed in (False, True):
                assert score._negator_of(nots, first, listed) == _negator_walking(shape_tags, first, listed), (shape, first)


def _check_shape_rules(text: str, every_rule: tuple[int, ...]) -> None:
    tagged = lexicon.outline(lexicon.canonical_words(normalise(read_by_sound(text))), score._SHAPE_GAP)
    if tagged.shape:
        _check_cues_before(tagged.shape)
        assert score._rules_in_shape.__wrapped__(tagged.shape) == _shape_rules_looking_everywhere(tagged.shape)
        # the rules read a shape's tags by replacing its marks: its tokens are "TAG=" or "_", one space apart
        assert all(re.fullmatch(r"[A-Z]+=|_", token) for token in tagged.shape.split(" ")), tagged.shape
        assert tagged.shape.replace("=", "").replace("_", "").split(" ") == [
            score._tag_of(token) for token in tagged.shape.split()]
        by_tag = score._rules_in_shape.__wrapped__(tagged.shape)
        saved, held = score._RULES_OF_TAG, score._HELD_BY_MATCHES
        score._RULES_OF_TAG = dict.fromkeys(saved, every_rule)  # each shape tried by every rule, as before
        score._HELD_BY_MATCHES = ((),) * len(held)  # and no rule passed over for a string it lacks
        try:
            assert by_tag == score._rules_in_shape.__wrapped__(tagged.shape)
        finally:
            score._RULES_OF_TAG, score._HELD_BY_MATCHES = saved, held
        for rule, strings in zip(score.RULES, held, strict=True):
            for match in rule.pattern.finditer(tagged.shape):
                assert all(string in match.group(0) for string in strings), (rule.name, strings, match.group(0))


def test_speed_paths_agree_with_what_they_replace_on_the_corpus() -> None:
    every_rule = tuple(range(len(score.RULES)))
    for text in TEXTS:
        _check_numbers(text)
        _check_clauses(text)
        _check_spelled_run_gate(text)
        _check_shape_rules(text, every_rule)
    for clause in CLAUSES:
        _check_tags(lexicon.canonical_words(normalise(read_by_sound(clause))))


#: Letters, digits and other word characters with full stops and spaces between them.
spelled_text = st.lists(st.sampled_from([*"abkKtp19é_ж", ".", ". ", " .", " . ", " ", "ab", "x."]), max_size=24).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(number_text, listing_words, spelled_text, st.text(max_size=30)))
def test_number_readings_and_clauses_agree_on_generated_text(text: str) -> None:
    _check_numbers(text)
    _check_clauses(text)
    _check_spelled_run_gate(text)


@settings(max_examples=400, deadline=None)
@given(words)
def test_tagging_by_anchor_agrees_on_generated_words(words: list[str]) -> None:
    _check_tags(words)
    _check_shape_rules(" ".join(words), tuple(range(len(score.RULES))))


def _judge_as_before(title: str, description: str) -> tuple:
    fields = tuple((name, score._rules_in_field.__wrapped__(text))
                   for name, text in (("title", title), ("description", description)) if text)
    return score._judge.__wrapped__(fields)


@settings(max_examples=200, deadline=None)
@given(listing_words, listing_words)
def test_judgement_by_identity_agrees_with_judging_anew(title: str, description: str) -> None:
    score_listing(title, description)  # the memo holds this listing now
    judged = score._judgement(*(score._rules_in_field(text) if text else None for text in (title, description, "")))
    assert judged == _judge_as_before(title, description)


def test_judgement_by_identity_agrees_on_the_corpus() -> None:
    for row in ROWS[::5]:
        judged = score._judgement(*(score._rules_in_field(text) if text else None
                                    for text in (row["title"], row["description"], "")))
        assert judged == _judge_as_before(row["title"], row["description"])


def test_an_identity_memo_answers_only_for_the_very_same_objects() -> None:
    calls: list[tuple[object, ...]] = []

    def pure(*args: object) -> int:
        calls.append(args)
        return len(repr(args))

    memo = IdentityMemo(pure, size=2)
    first, equal = tuple([1, ("a",)]), tuple([1, ("a",)])
    assert first == equal and first is not equal
    assert memo(first) == memo(first) == pure(first)  # the second call is the memo's
    assert len(calls) == 2
    assert memo(equal) == pure(equal)  # equal but another object: computed again, the same answer
    assert len(calls) == 4
    memo(None), memo(2)  # past its size it starts again
    memo(first)
    assert len(calls) == 7


def test_an_interner_gives_the_first_equal_value() -> None:
    shared: Interner[tuple[int, ...]] = Interner(size=2)
    first = tuple([1, 2])
    assert shared(first) is first and shared(tuple([1, 2])) is first
    shared((3,)), shared((4,))  # past its size it starts again: an equal value is then the new one
    again = tuple([1, 2])
    assert shared(again) is again


def _check_phone_run_gate(text: str) -> None:
    """``_prepare`` looks for a phone run with lookalike letters only where its precheck allows one."""
    if not identifiers._may_have_phone_run(text):
        assert identifiers._PHONE_CUE_RUN.search(text) is None


phone_text = st.lists(st.sampled_from(["WA", "wa:", "hp", "call", "+62", "62", "+", " ", "-", "0", "o", "O", "8", "12",
                                       "l", "I", "345", "_", "789", "x"]), max_size=20).map("".join)


def test_phone_run_gate_on_the_corpus() -> None:
    for text in TEXTS:
        _check_phone_run_gate(text)
    assert identifiers._prepare.__wrapped__("WA +62 812-3456-789O") == "WA +62 812-3456-7890"


@settings(max_examples=400, deadline=None)
@given(st.one_of(phone_text, st.text(max_size=30)))
def test_phone_run_gate_on_generated_text(text: str) -> None:
    _check_phone_run_gate(text)


def _segment_before(word: str) -> list[str] | None:
    """2.5's split of a run-together word: the dynamic programming run on every word."""
    saved = lexicon._two_segment_starts
    lexicon._two_segment_starts = lambda _: True
    try:
        return lexicon._segment(word)
    finally:
        lexicon._two_segment_starts = saved


#: Words with letters twice in a row, letters of other scripts and capitals (the fast path is for a-z only).
spelled_words = st.lists(st.sampled_from([*"abkloptnsegi", "kk", "oo", "é", "ß", "K", "1"]), min_size=1,
                         max_size=14).map("".join)
#: Run-together words: lexicon words glued, with stray letters between.
glued_words = st.lists(st.one_of(st.sampled_from(sorted(lexicon._segment_vocabulary())), st.sampled_from([*"xqzab"])),
                       min_size=1, max_size=5).map("".join)
_CORPUS_WORDS = sorted({word for text in TEXTS for word in normalise(text).split()})


def test_spelling_prechecks_agree_with_the_full_readings_on_the_corpus() -> None:
    for word in _CORPUS_WORDS:
        assert lexicon._unstretched(word) == lexicon._stretched_readings(word), word
        assert lexicon._segment(word) == _segment_before(word), word


@settings(max_examples=500, deadline=None)
@given(st.one_of(spelled_words, glued_words, st.text(max_size=16)))
def test_spelling_prechecks_agree_with_the_full_readings_on_generated_words(word: str) -> None:
    assert lexicon._unstretched(word) == lexicon._stretched_readings(word)
    assert lexicon._segment(word) == _segment_before(word)


#: Text made of the spelled-number reader's own vocabulary: digit words of every language, digits,
#: its separators, and words around them.
spelled_number_text = st.lists(
    st.sampled_from([*identifiers_spelled.DIGIT_WORDS, "enam dua", "six two", "genep loro", "0", "8", "62", "+62", "08",
                     "12", "3456", "81", "wa", "hub",
                     " ", ", ", "-", ".", "/", "\t", "x"]),
    max_size=24).map(" ".join)
def _check_spelled_gate(low: str) -> None:
    """The gate is a necessary test: where it says no, the spelled-number reader finds nothing."""
    if not identifiers_spelled.may_have_spelled_number(low):
        assert list(identifiers_spelled.spelled_numbers(low)) == [], low


def test_spelled_number_gate_on_the_corpus() -> None:
    for text in TEXTS:
        _check_spelled_gate(text.lower())
    # 62 spelled in words, then the 8 in digits: the gate asked only for a zero word before an 8
    _check_spelled_gate("wa enam dua 812 satu dua tiga empat lima enam tujuh")
    assert identifiers_spelled.may_have_spelled_number("wa enam dua 812 satu dua tiga empat lima enam tujuh")


@pytest.mark.parametrize("text", [
    "wa 62 812 satu dua tiga empat lima enam tujuh",  # 2.6's gate asked for "08" then a word
    "wa 0812 3456 satu dua tiga empat",  # digit groups before the first word
    "wa 0 812 satu dua tiga empat lima enam tujuh",
    "wa +62-812 satu dua tiga empat lima enam tujuh",
])
def test_spelled_number_gate_lets_a_start_in_digits_through(text: str) -> None:
    """A start in digits then words, which the reader reads, passes the gate (2.6's gate said no)."""
    assert list(identifiers_spelled.spelled_numbers(text))
    assert identifiers_spelled.may_have_spelled_number(text)
    assert [m.kind for m in identifiers.extract_identifiers(text)] == ["phone"]


@settings(max_examples=600, deadline=None)
@given(spelled_number_text)
def test_spelled_number_gate_false_means_the_reader_finds_no_spelled_start(text: str) -> None:
    _check_spelled_gate(text)


#: Text made of what the identifier gates look for: cue words and pieces of them, link and handle marks.
gate_text = st.lists(st.sampled_from(["uid", "chip", "c h i p", "ch1p", "s/n", "s.n.", "sn", "serial", "srial", "no",
                                      "nomor", "kartu", "id", "tag", "nfc", "csn", "kode", "identifier", "x", "9",
                                      "@", "t.me/", "telegram.me/", "whatsapp.com/", "/", "ig", ":", "=", "tik",
                                      "tok", "instagram", "gram", " ", ".", "-", "\n", "é"]),
                     max_size=16).map("".join)


def _check_identifier_gates(low: str) -> None:
    assert chip_uids.has_uid_cue(low) == (chip_uids.UID_CONTEXT_LOW.search(low) is not None), low
    assert contacts.may_have_contact(low) == any(map(low.__contains__, contacts._HINTS)), low


def test_identifier_gates_agree_with_their_definitions_on_the_corpus() -> None:
    for text in TEXTS:
        _check_identifier_gates(identifiers._prepare(text).lower())


@settings(max_examples=600, deadline=None)
@given(st.one_of(gate_text, st.text(max_size=30)))
def test_identifier_gates_agree_with_their_definitions_on_generated_text(text: str) -> None:
    _check_identifier_gates(text.lower())


#: Regexes of the shapes the rules take, and strings to search: every match holds the strings
#: :func:`regex_literals.required_strings` lists.
_REGEXES = [r"ab(?:cd|ce)f?", r"(?:xy)+z|zxy", r"A=\S*(?: \S+){0,2} B=|B=\S*(?: (?!NEG)\S+){0,2} A=", r"(?:k|ab)c{2}",
            r"(?<!\S)(?:KTP=|EKTP=)(?: \S+)? (?:SALE=|CUE\S*)", r"a(?>bc|bd)e", r"(?:ab|cd)?ef", r"x(?:ay|by)*z"]
regex_text = st.lists(st.sampled_from([*"abcdefxyzk ", "A=", "B=", "NEG", "KTP=", "EKTP=", "SALE=", "CUE"]),
                      max_size=20).map("".join)


@settings(max_examples=400, deadline=None)
@given(regex_text)
def test_every_match_holds_the_strings_a_regex_requires(text: str) -> None:
    for source in _REGEXES:
        pattern = re.compile(source)
        strings = regex_literals.required_strings(pattern)
        for match in pattern.finditer(text):
            assert all(string in match.group(0) for string in strings), (source, strings, match.group(0))


def test_required_strings_of_a_rule_pair_are_both_tags() -> None:
    pattern = re.compile(r"BLANGKO=\S*(?: \S+){0,3} EKTP=\S*|EKTP=\S*(?: \S+){0,3} BLANGKO=\S*")
    assert set(regex_literals.required_strings(pattern)) == {"BLANGKO=", "EKTP="}
    assert regex_literals.required_strings(re.compile("blanko", re.IGNORECASE)) == ()


def test_rule_facts_read_once_agree_with_the_rules() -> None:
    """The judgement's per-index facts (channel; usable, traded, kit rule) are the rules' own."""
    indices = range(len(score.RULES) + len(score._LISTING_RULES))
    assert score._CHANNELS == tuple(score._rule_of(i).channel for i in indices)
    for facts, names in ((score._USABLE_AT, score._USABLE_RULES), (score._KIT_AT, score._KIT_RULES),
                         (score._TRADED_AT, score._TRADE_RULES | score._CUSTOM_DATA_RULES)):
        assert facts == {i for i in indices if score._rule_of(i).name in names}
    assert all(score._channel_of(-i) == score._rule_of(i).channel for i in indices)


#: The chip-topic words as 2.6 wrote them (each branch's word start checked before it).
_TOPIC_BEFORE = re.compile(r"\buid|nfc|rfid|mifare|ntag|desfire|ktp|blanko|blangko|kartu|card|(?<![a-z])tag(?![a-z])")
topic_text = st.lists(st.sampled_from(["uid", "tag", "nfc", "kartu", "card", "ktp", "x", "a", "_", "1", " ", "-", "é",
                                       "ntag", "rfid", "blanko"]), max_size=12).map("".join)


def test_chip_topic_led_by_letters_agrees_with_the_word_start_form_on_the_corpus() -> None:
    for text in TEXTS:
        low = text.lower()
        assert chip_uids.about_chips(low) == (_TOPIC_BEFORE.search(low) is not None), low


@settings(max_examples=400, deadline=None)
@given(st.one_of(topic_text, st.text(max_size=20)))
def test_chip_topic_led_by_letters_agrees_with_the_word_start_form(text: str) -> None:
    assert chip_uids.about_chips(text) == (_TOPIC_BEFORE.search(text) is not None), text


def _co_occurrence_scanning(fields: tuple, first_rules: frozenset[int], second_rules: frozenset[int],
                            other_products: int, said_next: bool = False) -> tuple[float, str, str]:
    """2.16's pairing of parts found apart: every first part tried with every second part, the best kept."""
    best: tuple[float, str, str] = (0.0, "", "")
    firsts = score._parts_apart(fields, first_rules)
    seconds = score._parts_apart(fields, second_rules) if firsts else []
    apart_in_description = None
    for first in firsts:
        for second in seconds:
            if (first.field, first.number) == (second.field, second.number):
                continue
            if said_next and first.field == second.field and abs(first.number - second.number) == 1:
                best = (1.0, first.field, f"{first.matched} … {second.matched}")
                continue
            if "title" not in (first.field, second.field):
                if first.field != second.field or abs(first.rank - second.rank) > 1 \
                        or max(first.rank, second.rank) >= score.FOCUS_CLAUSES:
                    continue
                if apart_in_description is None:
                    apart_in_description = (score._rule_of(next(iter(first_rules))).channel != "blank"
                                            or second_rules == score._EKTP_TERM or score._title_supports(fields, "blank"))
                if not apart_in_description:
                    continue
            deep = any(part.field != "title" and part.rank >= score.FOCUS_CLAUSES for part in (first, second))
            focus = (0.5 if deep else 1.0) / (1 + other_products)
            if focus > best[0]:
                best = (focus, first.field if first.field != "title" else second.field, f"{first.matched} … {second.matched}")
    return best


def _check_pairs_apart(monkeypatch: pytest.MonkeyPatch, listings: list[tuple[str, str]]) -> int:
    """Each listing judged afresh with every pairing of parts apart checked against 2.16's scan; how many were asked."""
    looked_up = score._co_occurrence
    asked = []

    def both(*args: object) -> tuple[float, str, str]:
        got = looked_up(*args)  # type: ignore[arg-type]
        assert got == _co_occurrence_scanning(*args), args  # type: ignore[arg-type]
        asked.append(got[0] > 0)
        return got

    with monkeypatch.context() as patched:
        patched.setattr(score, "_co_occurrence", both)
        for title, description in listings:
            _judge_as_before(title, description)
    return sum(asked)


def test_pairs_apart_looked_up_agree_with_every_pair_tried_on_the_corpus(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pair of parts found apart, looked up for each first part, is the pair 2.16's scan of every pair kept: on every
    tune listing, and on listings of many corpus clauses (title and description) where many parts pair."""
    rng = random.Random(19)
    many = [(". ".join(rng.sample(CLAUSES, rng.randrange(1, 6))), ". ".join(rng.sample(CLAUSES, rng.randrange(0, 14))))
            for _ in range(1500)]
    assert _check_pairs_apart(monkeypatch, [(row["title"], row["description"]) for row in ROWS] + many) > 1000


_FRAME_BEFORE = re.compile(r"\b(?:penipu\w*|tipu\w*|ketipu|tertipu|ditipu|korban|modus\w*|scam|waspada|awas|hati.hati"
                           r"|screenshot|contoh chat|isi chat\w*)\b[^\n]*:\s*$")
chat_lines = st.lists(st.sampled_from(["penipu", "penipunya", "korban", "hati-hati", "hati\nhati", "contoh chat", "isi chatnya",
                                       "modus", ":", " :", ": ", "::", "\n", " \n", "\t", "\u00a0", "\x1c", "kata", "é", "_",
                                       "1", " "]), max_size=10).map("".join)


@settings(max_examples=2000, deadline=None)
@given(st.one_of(chat_lines, st.text(max_size=20)))
def test_a_chat_logs_frame_read_from_its_colon_agrees_with_2_16s_regex(line: str) -> None:
    """A chat log's frame, read as the colon ending the line and a frame word on its line, is 2.16's one regex."""
    assert tellers.opens_chat_log(line) == (_FRAME_BEFORE.search(line) is not None)


def test_a_chat_logs_frame_agrees_on_the_corpus() -> None:
    lines = [line for text in TEXTS for line in [text, *text.split("\n"), *re.split(r"(?<=[.!?])\s+", text)]]
    assert [tellers.opens_chat_log(line) for line in lines] == [_FRAME_BEFORE.search(line) is not None for line in lines]
