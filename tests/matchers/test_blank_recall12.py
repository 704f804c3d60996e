"""Rows of ``corpus/blankrec12*.jsonl`` held to their labels, and the blankrec12 blank concepts as properties.

blankrec12_a.jsonl (27 blank offers in the shapes the retired holdouts 7 and 8 missed, 18 hard negatives and related
rows beside them) and blankrec12_b.jsonl (15 and 10) were both written and committed before any matcher change; a was
measured on main (2.9) and learnt from, b measured once on this branch before anything was learnt from it (figures in
corpus/README.md).  ``blankrec12_concepts.jsonl`` holds the rows written for each concept, hard negatives beside them.
``kits12.jsonl`` (kits naming the blank e-KTP among their goods, cloning kits with generic chips, printers with PVC
cards) was written and committed before the kit change and measured on main (the integrator's kit labels).
Rows still read wrong are strict xfails with why (measured, not tuned away).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matchers import score_listing, score_many
from matchers.lexicon import canonical_words
from tests.matchers.tune_rows import labelled_params, read_right_offers, tune_rows

ROWS = tune_rows("blankrec12*", "kits12")
#: A generic chip cloning kit: no rule pairs copying words apart with the ID (related, read benign).
_CLONING_KIT = ("a generic NFC/Mifare cloning kit that names no e-KTP blank, only that an e-KTP can be copied: no rule pairs "
                "copying words apart with the ID, so no related reading")
STILL_MISSED: dict[str, str] = {
    "br12a-029": "a generic NFC cloning kit ('kartu chip kosong Mifare, software copy UID') that only says an e-KTP 'bisa "
                 "dibaca': no rule pairs copying words apart with the ID, so no related reading",
    "br12a-038": "a PVC shop's Q&A denial ('bisa buat ktp? gak bisa') reads 'buat KTP' as making one (as br8a-034)",
    # blankrec12_b, measured once on this branch (figures in corpus/README.md), not learnt from
    "br12b-004": "'Jual KTP elektronik yg belum terpakai, blm pernah di-print': the sale word before the KTP term reads as "
                 "an issued KTP sold (id_for_sale); the unprinted state is a clause on, never paired",
    "br12b-014": "'Kartu KTP elektronik kosong sisa pelatihan': 'pelatihan' (a training's leftovers) reads as a course "
                 "teaching to make e-KTPs (howto_make_id)",
    "br12b-017": "a generic NFC cloning kit ('kartu blank NTAG/Mifare + aplikasi clone') names no ID: as br12a-029",
    # kits12, measured on main before any label or matcher change (figures in corpus/README.md)
    "kit12-010": "'Software cetak KTP + 20 blanko e-KTP' with no machine: the title's 'software cetak KTP' reads as a "
                 "printed KTP (forged_ktp) and the named blanks as its material; the kit reading needs a machine",
    "kit12-015": _CLONING_KIT,
    "kit12-019": _CLONING_KIT,
}


@pytest.mark.parametrize("row", labelled_params(ROWS, STILL_MISSED))
def test_blankrec12_row_gets_its_label(row: dict) -> None:
    assert score_listing(row["title"], row["description"]).verdict.value == row["label"]


def _verdict(title: str, description: str) -> str:
    return score_listing(title, description).verdict.value


def _swapped(word: str, first: int, second: int) -> str:
    letters = list(word)
    letters[first], letters[second] = letters[second], letters[first]
    return "".join(letters)


@settings(max_examples=60, deadline=None)
@given(word=st.sampled_from(["blangko", "blanko", "kosong", "kosongan"]), data=st.data())
def test_two_letters_of_a_key_word_swapped_read_as_the_word(word: str, data: st.DataObject) -> None:
    """(2.10) Two letters of a key word swapped ("balngko", "bnalko", "kosnog"), the first letter only with the second,
    read as the word itself: the letters are the key word's own, so no other word is corrected."""
    first = data.draw(st.integers(0, len(word) - 2))
    second = data.draw(st.integers(first + 1, 1 if first == 0 else len(word) - 1))
    swapped = _swapped(word, first, second)
    assert canonical_words(swapped) == canonical_words(word)


@pytest.mark.parametrize("word", ["sokong", "sokongan", "balkon", "blangkon", "konsol"])
def test_a_word_of_its_own_is_no_swapped_key_word(word: str) -> None:
    """(2.10) "sokong(an)" (support) swaps k and s of "kosong(an)" apart, the first letter moved beyond its neighbour:
    read as itself; the headdress "blangkon" and its swaps stay the headdress."""
    assert canonical_words(word) in ([word], ["blangkon"])


@pytest.mark.parametrize("headdress", ["balngkon", "blnagkon", "lbangkon"])
def test_a_swapped_headdress_stays_the_headdress(headdress: str) -> None:
    assert _verdict(f"{headdress.capitalize()} batik Solo", f"{headdress} batik polos, bisa buat foto KTP adat.") == "benign"


@pytest.mark.parametrize("state", ["belum pernah dipakai/dicetak", "belum terpakai dan belum tercetak",
                                   "blm pernah dipake atau diprint", "belum pernah digunakan maupun diisi"])
def test_a_card_never_used_nor_printed_is_a_blank(state: str) -> None:
    """(2.10) Never used nor printed, said of a KTP card, is a blank's state; unused alone is any used good's."""
    assert _verdict("Kartu KTP-el perdana", f"kartu ktp-el {state}, bahan asli. 170rb.") == "blank"
    assert _verdict("Holder KTP akrilik", "Holder KTP akrilik, belum pernah dipakai, mulus.") == "benign"


@settings(max_examples=30, deadline=None)
@given(others=st.permutations(["ribbon YMCKO", "pouch laminasi", "holder akrilik", "lanyard"]),
       at=st.integers(0, 3), blank=st.sampled_from(["ktp-el kosong siap pakai", "blanko e-KTP", "e-KTP polos siap cetak"]),
       head=st.sampled_from(["Varian", "Variasi", "Pilihan varian"]))
def test_a_variant_list_offers_each_of_its_items(others: list[str], at: int, blank: str, head: str) -> None:
    """(2.10) A variant list ("Varian: ribbon / pouch / ktp-el kosong") offers each item: the first is no product
    phrase, so a machine or holder listed first no longer outweighs the blank listed after it; without a blank the
    list is a shop's goods."""
    items = others[:3]
    with_blank = [*items[:at], blank, *items[at:]]
    assert _verdict("Perlengkapan Cetak Kartu", f"{head}: {' / '.join(with_blank)}\nKondisi: Baru") == "blank"
    assert _verdict("Perlengkapan Cetak Kartu", f"{head}: {' / '.join(items)} / kartu PVC kosong\nKondisi: Baru") == "benign"


@pytest.mark.parametrize("reader", ["Buat yang KTP-nya rusak", "Untuk yg e-KTP nya hilang", "Buat kakak yang KTP-nya patah"])
def test_readers_addressed_by_their_ktp_make_no_ktp(reader: str) -> None:
    """(2.10) "Buat yang KTP-nya rusak" addresses readers by their own KTP ("buat" = for): selling them the blank
    is a blank offer, a KTP made for them stays a service (related), the office's notice stays benign."""
    assert _verdict("KTP rusak? Cetak sendiri", f"{reader}: kami jual blanko-nya, cetak sendiri di rumah. Asli.") == "blank"
    assert _verdict("Jasa KTP", f"{reader}, kami bikinin KTP baru, 1 hari jadi tanpa antri.") == "related"
    assert _verdict("Info layanan", f"{reader}, silakan datang ke kantor Disdukcapil, gratis.") == "benign"


@pytest.mark.parametrize("seller", ["Saya sertakan", "Kami sertakan juga", "kami juga sertakan"])
def test_what_the_seller_includes_is_on_offer(seller: str) -> None:
    """(2.10) "sertakan" with the writer as subject is what the seller includes, not a paper asked of the reader."""
    assert _verdict("Printer kartu + blangko", f"Printer kartu normal. {seller} 20 blangko e-KTP kosong.") == "blank"
    assert _verdict("Printer kartu bekas", f"Printer kartu normal. {seller} 100 kartu PVC kosong.") == "benign"
    assert _verdict("Lowongan admin", "Kirim lamaran, sertakan fotokopi KTP dan ijazah terakhir.") == "benign"


@pytest.mark.parametrize("printer", ["Printer ID card", "Printer kartu PVC", "Printer idcard"])
def test_a_printer_named_by_its_cards_is_the_machine(printer: str) -> None:
    """(2.10) "Printer ID card" names the machine by the cards it prints (head first), not a plain card on offer
    too: with blank e-KTPs as its bonus it offers them; with PVC cards it is a printer."""
    assert _verdict(f"{printer} Evolis", "Printer normal, bonus 10 blangko e-KTP kosong.") == "blank"
    assert _verdict(f"{printer} Evolis", "Printer normal, bonus 100 kartu PVC blank putih.") == "benign"


#: Everyday lines holding each blankrec12 trigger (a variant heading, readers addressed by their KTP, the seller's
#: "sertakan"): none may hide an offer, before or after it.
_TRIGGERS = ("Varian: hitam / putih.", "Buat yang KTP-nya rusak, cek etalase.", "Saya sertakan nota pembelian.")


def test_no_blankrec12_trigger_hides_an_offer() -> None:
    """Appending or prepending each trigger line to the description of every tune blank offer read right hides none
    (count: 0 of 3 triggers x 2 places x every such offer)."""
    right = [r for r in read_right_offers() if r["label"] == "blank"]
    assert len(right) > 1000
    hidden = []
    for trigger in _TRIGGERS:
        for place in ("before", "after"):
            texts = [(r["title"], f"{trigger}\n{r['description']}" if place == "before" else f"{r['description']}\n{trigger}")
                     for r in right]
            hidden += [(trigger, place, r["id"]) for r, a in zip(right, score_many(texts), strict=True)
                       if a.verdict.value != "blank"]
    assert hidden == []


@pytest.mark.parametrize("card", ["kartu biru garuda kosong", "kartu biru garuda yang masih kosongan", "kartu putih bergaruda yg kosong"])
def test_a_card_named_by_its_colour_and_emblem_then_said_empty_is_a_blank(card: str) -> None:
    """(2.10) The e-KTP's own card named by its colour and emblem first and its empty state after (the state follows
    the noun it says of, as "kartu putih garuda" heads it in 2.9); a name card with a small emblem is a name card."""
    assert _verdict("Sedia kartu", f"Ready {card}, ada chip, 160rb.") == "blank"
    assert _verdict("Kartu nama biru logo garuda", "Kartu nama biru logo garuda, bagian belakang kosong.") == "benign"


@settings(max_examples=40, deadline=None)
@given(machine=st.sampled_from(["printer kartu Evolis", "printer ID card", "writer chip", "reader Omnikey", "mesin cetak kartu"]),
       extra=st.sampled_from(["software layout", "aplikasi desain", "software isi data", "ribbon YMCKO"]),
       blank=st.sampled_from(["30 blanko e-KTP kosong", "20 blangko KTP-el", "ktp-el kosong 10 lbr", "25 kartu e-KTP kosong"]),
       order=st.permutations([0, 1, 2]))
def test_a_kit_naming_the_blank_ektp_among_its_goods_offers_it(machine: str, extra: str, blank: str, order: list[int]) -> None:
    """(2.10, the integrator's kit labels) A kit whose goods name the blank e-KTP itself offers the blank: the machine or
    software beside it does not make it less.  With PVC cards it is a printer's bundle (benign).  (Blank chips in such a
    one-clause list under a title naming no machine read as the base read them, blank or benign by the machine: not
    this change's; :func:`test_blank_chips_in_a_writer_kit_stay_a_kit` holds the kit with a machine in its title.)"""
    def kit(card: str) -> str:
        goods = [machine, extra, card]
        return "Isi paket: " + ", ".join(goods[i] for i in order) + ". Siap usaha."
    assert _verdict("Paket usaha cetak kartu", kit(blank)) == "blank"
    assert _verdict("Paket usaha cetak kartu", kit("100 kartu PVC putih polos")) == "benign"


@pytest.mark.parametrize("chips", ["50 pcs chip blangko e-ktp", "100 chip e-KTP kosong", "20 kartu chip kosong",
                                   "10 blank chip cards"])
def test_blank_chips_in_a_writer_kit_stay_a_kit(chips: str) -> None:
    """(2.10) Blank chips named as chips ("chip blangko e-KTP", "chip e-KTP kosong", a chip card) in a reader/writer's kit
    are the parts of a kit to write identities: related, as the tune corpus labels them."""
    assert _verdict("Reader writer e-KTP paket usaha", f"Reader/writer e-KTP USB + {chips} + software tulis data.") == "related"


#: Everyday lines naming a printer or software (the kit's other goods): appended to an offer they must hide none.
_KIT_LINES = ("Bonus software layout.", "Tersedia juga printer kartu.", "Tersedia juga printer kartu dan software desain.")


def test_no_kit_line_hides_an_offer() -> None:
    """Appending a line that names a printer or software to the description of every tune blank offer read right hides
    none (count: 0 of 3 lines x every such offer)."""
    right = [r for r in read_right_offers() if r["label"] == "blank"]
    assert len(right) > 1000
    hidden = []
    for line in _KIT_LINES:
        texts = [(r["title"], f"{r['description']}\n{line}") for r in right]
        hidden += [(line, r["id"]) for r, a in zip(right, score_many(texts), strict=True) if a.verdict.value != "blank"]
    assert hidden == []
