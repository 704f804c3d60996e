"""precision15: who tells of the blank, sentence by sentence (:mod:`matchers.tellers`, read by others_voices).

A headline's actor ("Polresta ungkap …"), reported speech ("Penjualnya bilang … 125rb"), a seizure, a law, a victim, a
story of one's own e-KTP, a shortage noun, a seller dealt with or reported, a chat log under a scam's frame, a title
asking: each tells of the blank as no seller does.  A sentence naming only an account or another document in no seller's
voice says nothing of the blank; one telling is backed by a report's sentence naming no goods; the title's crawl tag and
shop name are read past.  Rule 3 (no new lever): each trigger before the title and before and after the description of
every offer the tune rows read right hides none beyond what the line hides without the reading (``-s`` prints counts).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matchers import score_listing
from matchers.tellers import names_only_other_documents, said_title, tells_as_teller
from tests.matchers.lever_checks import moved_with_and_without
from tests.matchers.tune_rows import labelled_params, read_right_offers, tune_rows

OFFERS = read_right_offers()
#: One line of each reading, as a reporter, an office, a victim or an asker says it.
TRIGGERS = ["Polresta ungkap jual beli blangko e-KTP ilegal.", "Dispendukcapil terima 5.000 keping blangko KTP-el.",
            "Saya korban penipuan blangko e-KTP.", "Penjualnya bilang blanko asli dinas, harga 125rb.",
            "Kemarin saya ketipu. Jangan sampai ada korban lagi.", "Jual beli blangko e-KTP termasuk pidana.",
            "Akhirnya KTP-el ku jadi juga.", "Kekurangan blangko di kecamatan.", "Cek info di akun resmi kami.",
            "Ini chat penipunya:\nPenjual: ready 50 lembar, 150rb\nSaya: oke", "[READY] Tanya:", "Awas penipuan! Ini chat penipunya:",
            "Disdukcapil Kota Bekasi (akun terverifikasi): blangko KTP-el tidak dijual."]


#: Measured, not tuned away: "[READY] Tanya:" before a title makes it a question; p8c-010's description then names its
#: blank only beside "bukan barang sitaan", read as a supply told of (notice_speaker's reading, denied too far back).
KNOWN_HIDDEN: dict[tuple[str, str], set[str]] = {}


@pytest.mark.parametrize("line", TRIGGERS)
@pytest.mark.parametrize("where", ["tp", "dp", "da"])
def test_a_teller_line_added_to_an_offer_hides_none(line: str, where: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each trigger before the title, before and after the description of every read-right offer: what it hides with
    the reading is what it hides without it."""
    with_reading, without = moved_with_and_without(OFFERS, line, where, monkeypatch)
    assert with_reading - without <= KNOWN_HIDDEN.get((line, where), set())


#: precision15_a's rows still misread on this branch (measured, not tuned away)
STILL_MISSED = {
    "p15a-007": "a Dukcapil account answering in a Q&A under its badge ('Disdukcapil Kota Bekasi (akun terverifikasi):'):"
                " a speaker head with a badge in brackets was a lever (before a title, it put 697 offers under an office's"
                " voice), so the badge line names a verified account plainly",
    "p15a-011": "a Dukcapil's Instagram post whose hashtags name the blank ('#blangkoktp'): hashtags may be an offer's only "
                "product phrase (tags13), so the reading does not start (a two-telling reading of such posts hid a "
                "hashtag offer with one telling line under one more)",
    "p15a-016": "a story of a tout paid once ('saya bayar calo 150rb biar KTP cepat jadi') reads as a fast track sold "
                "(related), which this reading of the blank does not judge",
    "p15a-019": "a video investigation ('tim kami menyamar jadi pembeli blangko'): 'kami' and the blank in one sentence read "
                "as a seller's own",
    "p15a-026": "a SIM card 'kosongan' registered with the buyer's own NIK and KK reads as identity data (related)",
    "p15a-037": "an offer that never says KTP ('Blangko kami asli dinas, stok 100 lembar'): no e-KTP term, below the bar "
                "(misread on main as well)",
}
A_ROWS = tune_rows("precision15_a")


@pytest.mark.parametrize("row", labelled_params(A_ROWS, STILL_MISSED))
def test_precision15_a_row(row: dict) -> None:
    assert score_listing(row["title"], row["description"]).verdict.value == row["label"]


CONCEPT_ROWS = tune_rows("precision15_concepts")
#: concept rows still misread: the blank is told of, but an account and an e-KTP named in the listing combine as an
#: account sold with its ID (related), a co-occurrence no telling reaches
CONCEPTS_MISSED = {"p15c-documents-01": "an office's Q&A pointing to its 'akun resmi': account + e-KTP in the listing read "
                                        "as an account sold with its ID (related)"}


@pytest.mark.parametrize("row", labelled_params(CONCEPT_ROWS, CONCEPTS_MISSED))
def test_precision15_concept_row(row: dict) -> None:
    assert score_listing(row["title"], row["description"]).verdict.value == row["label"]


_WORDS = st.sampled_from(["Blangko", "e-KTP", "kosong", "ready", "150rb", "Toko", "Kartu", "Jaya", "88", "Info:", "dinas"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=6), st.lists(_WORDS, min_size=0, max_size=4))
def test_said_title_keeps_every_word(head: list[str], tail: list[str]) -> None:
    """The title's crawl wrapping is read past, never a word of its own: "[READY]" heading it goes, a spaced dash only
    parts it into lines."""
    title = " ".join(head) + (" - " + " ".join(tail) if tail else "")
    assert said_title(f"[READY] {title}").split() == said_title(title).split() == title.replace(" - ", " ").split()


def _NOTHING(text: str) -> bool:
    return False


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["Saya korban penipuan blangko e-KTP.", "Jual beli blangko e-KTP itu ilegal.",
                        "E-KTP ku belum jadi, blangko kosong.", "Krisis blangko e-KTP di kabupaten."]),
       st.sampled_from(["bukan", "tidak"]))
def test_a_telling_denied_is_none(sentence: str, denial: str) -> None:
    """A denial right before a telling undoes it ("bukan korban", "tidak ilegal"), as a seller reassures."""
    told = sentence.lower()
    word = {"saya": "korban", "jual": "ilegal", "e-ktp": "ku", "krisis": "krisis"}[told.split()[0]]
    denied = told.replace(word, f"{denial} {word}", 1)
    assert tells_as_teller((told, told), _NOTHING)
    if word != "ku":  # "KTP-el ku" names the writer's own card: no denial reads it
        assert not tells_as_teller((denied, denied), _NOTHING)
    # a product phrase before the telling stands outside it ("BLANKO KTP-EL 2026 Saya korban penipuan …")
    assert not tells_as_teller((f"blanko ktp-el 2026 {told}",) * 2, lambda text: "blanko" in text)


def test_other_documents_named_only_with_no_sale_service_or_other_product() -> None:
    """An account or a suket named alone says nothing of the blank; with a sale, a service or a template beside it, or
    with the blank's own goods, it is named as goods are."""
    assert names_only_other_documents(frozenset({"AKUN"}), frozenset({"AKUN"}))
    assert not names_only_other_documents(frozenset({"KK", "SERVICE"}), frozenset({"KK"}))
    assert not names_only_other_documents(frozenset({"KK", "NEGTEMPLATE"}), frozenset({"KK"}))
    assert not names_only_other_documents(frozenset({"AKUN", "EKTP"}), frozenset({"AKUN", "EKTP"}))
    assert not names_only_other_documents(frozenset({"KK", "SHORTCUT"}), frozenset({"KK", "SHORTCUT"}))


#: precision15_b, the after-measure (measured once at a9ac539, not learnt from): main 2.12 and the branch alike, blank P
#: 9/15 R 9/10, related R 2/2; what the readings learnt from a and the retired holdouts gained nothing here
B_MISSED = {  # shapes only: measured once, not read further (not learnt from)
    "p15b-003": "a marketplace's notice listing blangko KTP-el among banned products (read blank)",
    "p15b-004": "an ombudsman's finding of a fee charged 'dengan alasan blangko terbatas' (read blank)",
    "p15b-006": "a kelurahan's story 'Blanko KTP el ready di kelurahan ya warga!' (read blank)",
    "p15b-008": "an expat's English question about an advert's 'blank e-KTP card' at 150k (read related)",
    "p15b-009": "a Minang question ('blangko indak ado lai') (read blank)",
    "p15b-010": "a group admin's PSA counting blocked accounts and their prices (read blank)",
    "p15b-015": "a profile of an officer carrying blangko KTP-el to villages (read blank)",
    "p15b-022": "an offer titled only by a handle ('Tweet @kartukosong_id') (read benign, main alike)",
}
B_ROWS = tune_rows("precision15_b")


@pytest.mark.parametrize("row", labelled_params(B_ROWS, B_MISSED))
def test_precision15_b_row(row: dict) -> None:
    assert score_listing(row["title"], row["description"]).verdict.value == row["label"]
