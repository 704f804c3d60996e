"""The word-set gate before a sentence is read as told otherwise (:mod:`matchers.told_words`) changes no reading.

Two ways: each requirement holds for every match its pattern makes (strings generated from the pattern itself, and
every sentence of the tune texts as written and as spelled), and the notice reading gives the same answer gated and
ungated, on every tune row and on generated listings mixing office heads, supply statements, first-person stories,
reports, shop chatter and offers.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matchers import notice_speaker, regex_literals, score, told_voice
from tests.matchers.chatter13 import CHATTER, wrapped
from tests.matchers.tune_rows import tune_rows

#: Each pattern a sentence is told otherwise by, with the requirements read from it (in the order
#: ``notice_speaker.told_words()`` lists them).
_NAMES = ("supply", "story", "notice_says", "notice_says_more", "office_acts", "reported_to", "money_lost", "warning",
          "shortage", "skipped_report", "compared")
PATTERNS = dict(zip(_NAMES, notice_speaker.told_words().requirements.items(), strict=True))
TEXTS = notice_speaker.told_words().texts


def test_the_gate_stands_before_every_pattern_the_reading_searches() -> None:
    """The patterns named are those of the reading, each read as what its matches hold (none is left ungated)."""
    assert [pattern for pattern, _ in PATTERNS.values()] == [
        notice_speaker._SUPPLY, notice_speaker.STORY, told_voice.NOTICE_SAYS, told_voice.NOTICE_SAYS_MORE,
        told_voice.OFFICE_ACTS, told_voice.REPORTED_TO, told_voice.MONEY_LOST, told_voice.WARNING,
        told_voice.SHORTAGE, told_voice.SKIPPED_REPORT, told_voice.COMPARED]
    assert TEXTS == {" me", " lapor", "("}  # an office's active verb, a police report skipped, a newsroom's bracket


ROWS = tune_rows()


def _meets(text: str, requirements: tuple[regex_literals.Requirement, ...]) -> bool:
    return regex_literals.meets(regex_literals.held((text,), TEXTS), requirements)


@pytest.mark.parametrize("name", PATTERNS)
def test_every_match_of_a_pattern_meets_its_requirements(name: str) -> None:
    """Strings made from the pattern itself (any characters around and inside its classes: capitals, digits, other
    scripts) hold a word of each set of some requirement whenever the pattern finds them."""
    pattern, requirements = PATTERNS[name]

    @settings(max_examples=1500, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.from_regex(pattern))
    def check(text: str) -> None:
        if pattern.search(text):
            assert _meets(text, requirements), text

    check()


#: Every sentence of the tune texts, lower-cased as the reading reads it, and as the matcher spells it.
SENTENCES = sorted({form for row in ROWS for text in (row["title"], row["description"])
                    for match in told_voice.SENTENCE.finditer(text.lower())
                    for form in (match.group(0), score._spelled(match.group(0)))})


def test_every_tune_sentence_a_pattern_finds_meets_its_requirements() -> None:
    found = 0
    for sentence in SENTENCES:
        for pattern, requirements in PATTERNS.values():
            if pattern.search(sentence):
                found += 1
                assert _meets(sentence, requirements), (pattern.pattern[:40], sentence)
    assert found > 1000  # the tune texts tell of supplies, stories and offices often


def _reading(title: str, description: str, gated: bool) -> bool:
    """The notice reading of a listing as score asks it, with the gate or with it always open."""
    with pytest.MonkeyPatch.context() as patch:
        if not gated:
            patch.setattr(notice_speaker, "may_be_told_otherwise", lambda forms, tags: True)
        return notice_speaker.speaks_of_goods_as_no_seller.__wrapped__(
            score._without_spelled_stops(title), score._without_spelled_stops(description), score._tags_in, score._spelled)


def _same_readings(listings: list[tuple[str, str]]) -> int:
    """How many of ``listings`` read as notices, asserting each reads the same gated and ungated."""
    notices = 0
    for title, description in listings:
        gated = _reading(title, description, gated=True)
        assert gated == _reading(title, description, gated=False), (title, description)
        notices += gated
    return notices


def test_every_tune_row_reads_the_same_gated() -> None:
    listings = [(row["title"], row["description"]) for row in ROWS]
    listings += [(row["title"], "") for row in ROWS] + [("", row["description"]) for row in ROWS]
    assert _same_readings(listings) > 50


def test_every_notice_row_in_shop_chatter_reads_the_same_gated() -> None:
    rows = tune_rows("notice13*", "levers1*", "precision12*")
    assert _same_readings([wrapped(row, block) for row in rows for block in CHATTER]) > 100


#: Sentences of each voice the reading tells apart, in several spellings.
OFFICE_HEADS = ["Disdukcapil Kab. Sleman:", "Kapolres:", "Humas Polres Bogor:", "Lurah Kebon Jeruk:", "Redaksi:",
                "Ditjen Dukcapil:", "Camat Cibinong:"]
SUPPLY = ["blangko e-KTP sudah datang dari pusat", "stok blanko menipis", "blanko KTP-el sedang kosong",
          "ratusan blangko e-KTP disita polisi", "blangko KTP-el hanya untuk dinas", "kiriman tambahan blanko tiba",
          "blanko e-KTP tidak pernah dijual", "blangko ktp el belum dikirim", "stok blangko nasional aman",
          "blanko tersedia kembali di kecamatan", "blangko sdh dtg", "b.l.a.n.k.o s.u.d.a.h d.a.t.a.n.g",
          "kuota blangko 50 per hari", "blanko e-ktp langka", "blanko kosong lagi"]
STORIES = ["KTP saya hilang", "katanya blangko ada", "ktpku belum jadi", "kata petugas blanko habis",
           "dulu saya beli blanko KTP el di marketplace", "e-ktp anak saya belum dicetak", "jare blangko durung teko"]
REPORTS = ["waspada penipuan jual blanko e-KTP", "laporkan akun itu ke polisi", "uang 300rb hilang", "tertipu 2 juta",
           "hati-hati modus baru blangko", "pria yang menjual blangko ditangkap", "warga diminta bersabar",
           "pelayanan dibuka Senin 12 Desember pukul 08.00", "blanko e-KTP bocor (ant)", "dilansir dari kompas",
           "kualitas sama dengan yang di dukcapil", "tanpa surat lapor polisi", "Dukcapil memastikan stok aman",
           "pencetakan KTP-el tidak dipungut biaya", "gimana bisa blangko bocor?", "Blanko KTP tidak dijual",
           "H*a*t*i-h*a*t*i penipuan", "Kemendagri mendistribusikan blangko ke daerah"]
CHATTER_LINES = [line for before, after in CHATTER.values() for line in f"{before}\n{after}".splitlines() if line.strip()]
OFFERS = ["Blangko e-KTP kosong ori", "Ready blanko KTP-el 150rb/pcs", "jual blangko ektp asli dinas", "stok 40 keping",
          "minat chat wa", "Blanko lagi kosong kak, adanya KTP jadi", "e.k.t.p b.l.a.n.k.o", "бланко е-КТП",
          "KTP jadi custom data", "akun verified + KTP", "kami jual blangko", "Stok blangko e-KTP terbatas, buruan order kak",
          "Bukan kartu PVC biasa", "Cek juga holder KTP", "Kami juga menjual kaos polos", "#blangkoektp #ektpkosong",
          "blnk ktp ksng", "Butuh blanko?", "Penjual: Ready kak"]
FRAGMENTS = OFFICE_HEADS + SUPPLY + STORIES + REPORTS + CHATTER_LINES + OFFERS
#: Words of the requirements, run into the fragments (a gate's word beside any voice).
GATE_WORDS = sorted({word for requirements in notice_speaker.told_words().requirements.values()
                     for requirement in requirements for need in requirement for word in need if re.fullmatch(r"[a-z]+", word)})
_piece = st.one_of(st.sampled_from(FRAGMENTS), st.sampled_from(FRAGMENTS), st.sampled_from(GATE_WORDS))
_joined = st.tuples(st.lists(_piece, max_size=7), st.lists(st.sampled_from([". ", "\n", ", ", "! ", "? ", " ", " - ", ": "]),
                                                           min_size=7, max_size=7))
_text = _joined.map(lambda parts: "".join(piece + cut for piece, cut in zip(parts[0], parts[1], strict=False)))


@settings(max_examples=600, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(["", *OFFICE_HEADS, *OFFERS, *STORIES]), _text)
def test_a_generated_listing_reads_the_same_gated(title: str, description: str) -> None:
    assert _reading(title, description, gated=True) == _reading(title, description, gated=False)


def test_generated_voices_make_notices_and_offers() -> None:
    """The generator's voices reach both answers: notices that hold two tellings, offers that end the reading."""
    notices = [("Info warga", f"{head} {supply}.\n{story}.") for head in OFFICE_HEADS[:2] for supply in SUPPLY[:4]
               for story in STORIES[:3]]
    assert _same_readings(notices) >= len(notices) // 2
    assert _same_readings([(offer, f"{supply}. {report}.") for offer in OFFERS for supply in SUPPLY[:3]
                           for report in REPORTS[:3]]) < len(OFFERS) * 9


@pytest.mark.parametrize("title", ["Blangko e-KTP kosong ori ready", "blanko ktp el asli dinas 150rb", "E-KTP blanko 100pcs",
                                   "jual blangko ektp murah grosir"])
def test_a_plain_product_phrase_is_read_past_the_gate(title: str) -> None:
    """The gate closes on an offer's plain product phrase (the speed it is for): none of its words is a telling's."""
    sentence = score._without_spelled_stops(title).lower()
    tags = told_voice.tags_of_clauses(sentence, score._tags_in, score._spelled)
    assert not notice_speaker.may_be_told_otherwise((sentence, score._spelled(sentence)), tags)
