"""The fast paths and caches give exactly what the plain definitions give.

Each shortcut in the matchers (ASCII normalisation without regexes, tagging
runs of phrase words on their own, rules over a field's shape, identifier
prefilters, per-text caches, the reasons JSON cache) is checked here against
the straightforward definition it replaces, on the corpus and on generated
text built from the words and characters the shortcuts are about.
"""

from __future__ import annotations

import gc
import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein

from matchers import extract_identifiers, identifiers, lexicon, score, score_listing, score_many
from matchers.by_sound import read_by_sound
from matchers.jsonl import assessment_json, assessment_record, classify_lines
from matchers.normalise import _fold, _normalise_by_regex, normal_words, normalise
from tests.matchers.tune_rows import tune_rows

ROWS = tune_rows()
TEXTS = [row["title"] for row in ROWS] + [row["description"] for row in ROWS if row["description"]]

_VOCABULARY = sorted(lexicon.PHRASE_WORDS | set(lexicon.SPELLING) | {"kartu", "ukuran", "dan", "3", "e"})
_NOISE = ["murah", "promo", "100rb", "2pcs", "a4", "bl4nk0", "k t p", "b.l.a.n.k.o", "e-k.t.p", "0812", "3456",
          "7890", "+62", "wa", "uid", "chip:", "04:a2:3b:1c", "0x04A23B1C", "seri", "32.01.01.450690.0002",
          "NIK", "wa.me/6281298765432", "t.me/jual", "ＢＬＡＮＫＯ", "КТР", "\u200b", "🔥", "|", "@", "$"]
_SEPARATORS = [" ", " ", " ", ", ", ". ", "-", "_", "\n", " / "]
listing_text = st.lists(
    st.tuples(st.sampled_from(_VOCABULARY + _NOISE), st.sampled_from(_SEPARATORS)), max_size=30
).map(lambda parts: "".join(word + sep for word, sep in parts))


def _reference_rules(text: str) -> list[tuple[int, str]]:
    """The rules as defined: every match of every rule's regex over the whole tagged text whose tokens,
    words included, hold what the rule's ``words`` asks (2.8), when it asks anything (tokens written in
    Cyrillic or Greek by sound read so first: matchers.by_sound)."""
    tagged = lexicon.tag(lexicon.canonical_words(normalise(read_by_sound(text))))
    return [(index, lexicon.plain_words(match.group(0)))
            for index, rule in enumerate(score.RULES) for match in rule.pattern.finditer(tagged)
            if rule.words is None or rule.words.search(match.group(0))]


def _check_text(text: str) -> None:
    assert normal_words(text) == _normalise_by_regex(_fold(text)).split()
    words = lexicon.canonical_words(normalise(read_by_sound(text)))
    assert lexicon.tag_tokens(words) == lexicon.tag(words).split()
    tagged = lexicon.outline(words, score._SHAPE_GAP)
    kept = " ".join(tagged.tokens[i] for i in tagged.where)
    hits = score._hits_in_outline.__wrapped__(kept, tagged.shape) if tagged.shape else ()
    assert [(hit.rule, hit.matched) for hit in hits] == _reference_rules(text)
    # as written: the same rules, each naming as many words as its canonical match
    written = score._hits_in_clause.__wrapped__(text)
    assert [h.rule for h in written] == [h.rule for h in hits]


def test_fast_paths_agree_with_the_definitions_on_the_corpus() -> None:
    for text in TEXTS:
        _check_text(text)


@settings(max_examples=300, deadline=None)
@given(listing_text)
def test_fast_paths_agree_with_the_definitions_on_generated_listings(text: str) -> None:
    _check_text(text)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_fast_normalisation_agrees_on_any_unicode(text: str) -> None:
    assert normal_words(text) == _normalise_by_regex(_fold(text)).split()


def test_every_word_a_phrase_can_match_is_a_phrase_word() -> None:
    for pattern, name in lexicon._PHRASES:
        phrases = lexicon._expand(pattern)
        assert phrases and all(w in lexicon.PHRASE_WORDS for p in phrases for w in p.split() if not w.isupper())
        plain = [p for p in phrases if not any(w.isupper() for w in p.split())]
        for phrase in plain[:20]:  # a phrase on its own is tagged (by this or an earlier, longer phrase)
            assert "=" in lexicon.tag(phrase.split()), (name, phrase)


@pytest.mark.parametrize("pattern", [r"ktp\w+", "ktp.*", "(?:ktp", "ktp)"])
def test_phrase_patterns_the_vocabulary_cannot_list_are_refused(pattern: str) -> None:
    with pytest.raises(ValueError):
        lexicon._expand(pattern)


def test_shapes_cut_long_gaps_and_keep_token_positions() -> None:
    words = ["harga", "murah", "blanko", "satu", "dua", "tiga", "empat", "lima", "enam", "ktp", "el", "kode"]
    tagged = lexicon.outline(words, 4)
    assert tagged.shape == "BLANGKO= _ _ _ _ EKTP="
    assert [tagged.tokens[i] for i in tagged.where] == ["BLANGKO=blanko", "satu", "dua", "tiga", "empat", "EKTP=ktp_el"]
    assert lexicon.outline(["harga", "murah"], 4).shape == ""


def test_typo_correction_picks_the_first_closest_key() -> None:
    for word in ["blangkko", "elektonik", "dukcapli", "kwitnasi", "laminatin", "printre", "kelahiarn", "origianl"]:
        distances = [Levenshtein.distance(word, key) for key in lexicon.FUZZY_KEYS]
        best = min(range(len(distances)), key=distances.__getitem__)
        expected = lexicon._FUZZY_TARGET[lexicon.FUZZY_KEYS[best]] if distances[best] <= lexicon._max_edits(word) else word
        # (2.10) two letters of a key word swapped ("dukcapli") read as that word before any typo correction
        assert lexicon.canonical_words(word) == [lexicon._swapped_key(word) or expected]


def test_spelling_cache_limit_keeps_every_word_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lexicon, "_CACHE_LIMIT", 3)
    monkeypatch.setattr(lexicon, "_spelling_cache", {})
    monkeypatch.setattr(lexicon, "_split_words", set())  # cleared with the cache: the real one must not be
    for text in ["blangko ktp el", "kosong dinas chip original", "blangkko elektonik murah sekali", "blanko ektp"]:
        assert lexicon.canonical_words(text)  # a cleared cache must not lose words of the text in hand
    assert lexicon.canonical_words("blangkko") == ["blanko"]


def _identifiers_without_prefilters(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[tuple[str, str, str, int], ...]:
    with monkeypatch.context() as patched:
        patched.setattr(identifiers, "_may_have_numbers", lambda _text: (True, True))
        patched.setattr(identifiers, "_may_have_uid", lambda text, _low: identifiers._UID_CONTEXT.search(text) is not None)
        return identifiers._identifiers_in.__wrapped__(text)


@settings(max_examples=300, deadline=None)
@given(listing_text)
def test_identifier_prefilters_never_hide_an_identifier(text: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert identifiers._identifiers_in.__wrapped__(text) == _identifiers_without_prefilters(text, monkeypatch)


def test_identifier_prefilters_on_the_corpus(monkeypatch: pytest.MonkeyPatch) -> None:
    for text in TEXTS:
        assert identifiers._identifiers_in.__wrapped__(text) == _identifiers_without_prefilters(text, monkeypatch)


def test_cached_identifiers_carry_each_callers_source_and_image() -> None:
    text = "UID chip 04:A2:3B:1C WA 0812-3456-7890"
    first = extract_identifiers(text, source="title")
    again = extract_identifiers(text, source="image", image_sha256="ab" * 32)
    assert [(i.kind, i.value, i.raw) for i in first] == [(i.kind, i.value, i.raw) for i in again]
    assert {i.source for i in first} == {"title"} and {(i.source, i.image_sha256) for i in again} == {("image", "ab" * 32)}


def test_results_do_not_depend_on_what_is_cached() -> None:
    rows = [(row["title"], row["description"]) for row in ROWS[::7]]
    warm = [score_listing(t, d) for t, d in rows]
    score._hits_in_clause.cache_clear()
    score._rules_in_field.cache_clear()
    score._hits_in_outline.cache_clear()
    score._rules_in_shape.cache_clear()
    score._judge.cache_clear()
    score._judgement.cache_clear()
    score._shared_reading.cache_clear()
    score._rules_in_numberless.cache_clear()
    score._rules_in_text.cache_clear()
    identifiers._identifiers_in.cache_clear()
    lexicon._run_cache.clear()
    lexicon._spelling_cache.clear()
    cold = [score_listing(t, d) for t, d in rows]
    assert cold == warm
    # the same title as description, or in another field, is judged per field
    both = score_listing("Blangko KTP", "Blangko KTP")
    assert next(r for r in both.reasons if r.rule == "blank_ktp").field == "title"
    assert both.score == score_listing("Blangko KTP").score  # one piece of evidence, said twice, counts once


def test_score_many_scores_duplicates_once_and_keeps_order() -> None:
    rows = [("Blangko e-KTP", ""), ("Kaos polos", "hitam"), ("Blangko e-KTP", ""), ("KTP jadi", ""), ("Kaos polos", "hitam")]
    results = score_many(rows)
    assert results == [score_listing(t, d) for t, d in rows]
    assert results[0] is results[2] and results[1] is results[4]


def test_output_lines_equal_json_dumps_of_the_record() -> None:
    for row in ROWS[::3]:
        assessment = score_listing(row["title"], row["description"])
        expected = json.dumps(assessment_record(row["id"], assessment), ensure_ascii=False)
        assert assessment_json(row["id"], assessment) == expected
        assert assessment_json(row["id"], assessment) == expected  # second time from the reasons cache
    lines = [json.dumps({"id": "x", "title": "Blangko e-KTP"}), "[1]"]
    out = list(classify_lines(lines))
    assert out[0].record["verdict"] == "blank" and out[1].record == {"id": None, "line": 2, "error": "expected a JSON object"}


def test_score_many_restores_the_garbage_collector() -> None:
    assert gc.isenabled()
    score_many([("Blangko e-KTP", "")])
    assert gc.isenabled()
    gc.disable()
    try:
        score_many([("Blangko e-KTP", "")])
        assert not gc.isenabled()
    finally:
        gc.enable()


# phone_e164 reads common shapes without phonenumbers.parse; its answers must be parse's
PHONE_PREFIXES = ("0", "62", "+62", "+62 0", "620", "+1", "00", "0 ", "+6", "6", "+", "08", "+ 62", "(0", "+62(0",
            "+62 8", "08 ", "+628")
PHONE_SEPARATORS = ("", " ", "-", ".", "  ", "(", ")")


def _phone_candidate(rng: random.Random) -> str:
    text = rng.choice(PHONE_PREFIXES)
    for _ in range(rng.randrange(2, 16)):
        text += rng.choice("0123456789888")
        if rng.random() < 0.2:
            text += rng.choice(PHONE_SEPARATORS)
    return text


def test_fast_path_agrees_with_phonenumbers_parse_on_random_and_written_numbers() -> None:
    rng = random.Random(2018)
    cases = [_phone_candidate(rng) for _ in range(20_000)]
    cases += [f"08{rng.randrange(11, 99)}-{rng.randrange(1000, 9999)}-{rng.randrange(100, 99999)}" for _ in range(2_000)]
    cases += [f"+62 8{rng.randrange(11, 99)} {rng.randrange(1000, 9999)} {rng.randrange(1000, 9999)}" for _ in range(2_000)]
    cases += ["+62 0812 3456 7890", "620812345678", "0812-3456-7890", "+6281234567890", "(0812) 345 6789",
              "08123", "081234567890123", "62 812 3456 789", "+628", "0", "+62", "0811111111111111111111"]
    valid = 0
    for case in cases:
        expected = identifiers._phone_e164_parsed(case)
        assert identifiers.phone_e164.__wrapped__(case) == expected, case
        valid += expected is not None
    assert valid > 3_000  # the comparison covers numbers that are valid, not only rejections


_NUMBERS = ["12", "150.000", "2024", "50pcs", "100rb", "0,76", "Rp35.000", "200", "123456", "3x4", "1", "10x15",
            "04:A2:3B:1C", "12GB", "99999999", "2", "08123456789"]
text_with_numbers = st.lists(
    st.tuples(st.sampled_from(_VOCABULARY + _NOISE + _NUMBERS * 3), st.sampled_from(_SEPARATORS)), max_size=30
).map(lambda parts: "".join(word + sep for word, sep in parts))


def _read_as_is(text: str) -> score.FieldRules:
    return score._rules_in_text.__wrapped__(text)


def test_numbers_read_as_one_placeholder_give_the_hits_of_the_text_as_it_is_on_the_corpus() -> None:
    for text in TEXTS:
        assert score._rules_in_field.__wrapped__(text) == _read_as_is(text), text


@settings(max_examples=400, deadline=None)
@given(text_with_numbers)
def test_numbers_read_as_one_placeholder_give_the_hits_of_the_text_as_it_is(text: str) -> None:
    assert score._rules_in_field.__wrapped__(text) == _read_as_is(text)


def test_a_match_spanning_a_number_names_the_number_as_written() -> None:
    reasons = score_listing("Blangko 50 lembar e-KTP", "").reasons
    assert any("50 lembar" in r.matched for r in reasons if r.rule == "blank_ektp")
