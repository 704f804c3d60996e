"""notice13: whose voice names the goods — a notice, a news item, a warning or a story about blanks stays one.

:func:`matchers.notice_speaker.speaks_of_goods_as_no_seller` reads a listing as told by no seller when no sentence speaks
in a seller's voice of the goods and every sentence naming the goods says them as an office (a speaker head
"Disdukcapil Kab. X: …"), a supply statement ("blangko sudah datang", "stok menipis", "disita"), a first-person story
("KTP saya hilang, katanya blangko ada") or a report does.  Rule 3 (no new lever): each trigger, appended to or put
before every offer the tune rows read right (5,149 on this branch), hides none; a seller's supply statement to the
buyer with its price ("Stok blangko e-KTP terbatas, buruan order kak 150rb") stays an offer (notice13_a, concepts).
"""

from __future__ import annotations

import pytest

from matchers import score_listing
from tests.matchers.lever_checks import moved_with_and_without
from tests.matchers.tune_rows import labelled_params, read_right_offers, tune_rows

OFFERS = read_right_offers()
#: one sentence of each reading: a speaker head, supply statements, stories, an office speaking, chatter naming a shop
TRIGGERS = ["Disdukcapil Kab. Sleman: blangko e-KTP sedang kosong.", "Kapolres: jual beli blangko e-KTP diproses hukum.",
            "Stok blangko e-KTP di kecamatan menipis.", "Blangko KTP-el sudah datang dari pusat.",
            "Ratusan blanko e-KTP disita polisi.", "KTP saya hilang, katanya blangko ada.",
            "Katanya blangko terbatas cuma 50 per hari.", "Blangko KTP-el hanya untuk dinas, tidak pernah dijual.",
            "Warga diminta bersabar.", "Selamat datang di toko kami!", "Kondisi: Baru\nEtalase: Semua Etalase"]


@pytest.mark.parametrize("line", TRIGGERS)
@pytest.mark.parametrize("where", ["dp", "da"])
def test_a_notice_line_added_hides_no_offer(line: str, where: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The reading hides no offer a trigger line added to it: what the line hides with the reading is what it hides
    without it (main's own levers: "Warga diminta bersabar." before the description hid 13 offers on 2.10 already, the
    shortage line 14, five offers any first line flips), measured over all 5,149 read-right offers."""
    with_reading, without = moved_with_and_without(OFFERS, line, where, monkeypatch, reading="_told_by_no_seller")
    assert with_reading - without == set()


#: notice13_a's rows still misread on this branch (measured, not tuned away)
STILL_MISSED = {
    "n13a-001": "the title 'Info terkini stok blanko' names the goods under a genre word only, which a seller writes as "
                "easily, and 'Kabar dari kecamatan: …' is no speaker head (a source named after 'kabar dari')",
    "n13a-006": "a broadcast's '✅ Ready stock, kirim cepat' bullet reads as the seller's stock of the goods",
    "n13a-007": "a story under 'Pengalaman bikin KTP baru': 'bikin KTP' reads as a KTP-making service (related)",
    "n13a-008": "the title 'antre ktp dari subuh' tells a queue, no story by its own words (a fast track's seller says "
                "'tanpa antre' too)",
    "n13a-014": "a Javanese story titled 'Crita nggawe KTP': 'nggawe KTP' reads as a KTP-making service (related), and a "
                "story's title word is no telling of its own (a seller heads an offer 'Curhat:' as easily, levers10)",
    "n13a-017": "a service reopened ('pelayanan cetak KTP-el dibuka lagi'): the service's sentence names the goods plainly",
    "n13a-020": "an office's appeal to check a status: the title 'Cek status KTP-el kamu' names the goods plainly",
    "n13a-022": "a story under 'Curhat: hampir ketipu jual blanko': the title's report word is no telling of its own "
                "(levers10's heads), so its 'jual blanko' names the goods plainly",
    "n13a-027": "'Tag: blanko ktp, …' under a news item: the tag list names the goods plainly",
    "n13a-028": "a Q&A with an office ('T: … J: Blangko sedang dalam pengiriman'): the question 'Bisa beli blangko "
                "sendiri?' names the goods plainly",
}
A_ROWS = tune_rows("notice13_a")


@pytest.mark.parametrize("row", labelled_params(A_ROWS, STILL_MISSED))
def test_notice13_a_row(row: dict) -> None:
    assert score_listing(row["title"], row["description"]).verdict.value == row["label"]
