"""Rows of ``corpus/blankrec8*.jsonl`` held to their labels, and the 2.8 e-KTP described by its state as a
differential property.

blankrec8_a.jsonl (20 blank offers as evaders write them, 20 hard negatives) and blankrec8_b.jsonl (8 and 8) were
each written and committed before anything was learnt from them; their unseen figures are in corpus/README.md.
``blankrec8_concepts.jsonl`` holds the rows written for each 2.8 concept, hard negatives beside them.  Rows 2.8
still gets wrong are strict xfails with why (measured, not tuned away).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matchers import score_listing
from tests.matchers.tune_rows import labelled_params, tune_rows

ROWS = tune_rows("blankrec8*")
STILL_MISSED = {
    "br8a-005": "a printer, a chip writer and blanks sold as one 'Paket usaha cetak KTP': the title's 'usaha cetak KTP' reads as a "
                "KTP-making business (forged_ktp) and discounts the named blanks as its material; the printer is in the "
                "description only, so the 2.10 kit reading (named blanks among a kit's goods) is not reached",
    "br8a-034": "a Q&A denial ('ini bisa buat KTP? tidak bisa') reads 'buat KTP' as making one",
    "br8b-001": "'Kartu identitas warga kosongan': 'KTP warga' reads as residents' KTP data",
    "br8c-type-12": "a chip card of the KTP's size without data 'untuk akses pintu': the use names an access card, which "
                    "no negative reads outside the product phrase",
    "br8c-state-08": "'Bantu urus KTP yang belum tercetak': the customer's unprinted KTP, read in one clause as a blank pair",
    "br8e-010": "a forum question about sending a KTP photo for a loan reads 'foto KTP' as KTP photos sold",
    "br8d-011": "a village letter's blank form as a Word file ('Blangko surat keterangan domisili') reads as a blank civil "
                "form (related)",
}


@pytest.mark.parametrize("row", labelled_params(ROWS, STILL_MISSED))
def test_blankrec8_row_gets_its_label(row: dict) -> None:
    assert score_listing(row["title"], row["description"]).verdict.value == row["label"]


#: A chip card of the KTP's size or model, named without the e-KTP's name.
_CHIP_CARDS = st.sampled_from(["Kartu chip ukuran KTP", "Kartu standar KTP ber-chip", "Kartu chip model KTP",
                               "Kartu ber-chip ukuran KTP"])
#: Its state of holding no data yet (not a bare "kosong", which an NFC tag or a PVC card is too).
_NO_DATA = st.sampled_from(["belum ada data", "belum dipersonalisasi", "tanpa data", "belum terisi", "belum ada isinya",
                            "belum tercetak"])
#: A plain card's own kind: the card is that, whatever its state.
_PLAIN = st.sampled_from(["RFID", "NFC", "Mifare", "member", "PVC"])


@settings(max_examples=60, deadline=None)
@given(card=_CHIP_CARDS, state=_NO_DATA, plain=_PLAIN, apart=st.booleans())
def test_a_chip_card_of_the_ktps_size_without_data_is_blank_unless_a_plain_card(card: str, state: str, plain: str,
                                                                                apart: bool) -> None:
    """The e-KTP described by its state (2.8), in one clause or in two, while a plain card word in the product
    phrase keeps it a plain card ("Kartu RFID chip ukuran KTP, belum ada data")."""
    title = f"{card}, {state}" if apart else f"{card} {state}"
    assert score_listing(title, "Stok 30 keping, harga per keping 150rb.").verdict.value == "blank"
    plain_title = title.replace("Kartu", f"Kartu {plain}", 1)
    assert score_listing(plain_title, "Stok 30 keping, harga per keping 150rb.").verdict.value == "benign"
