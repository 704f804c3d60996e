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

from matchers import score_many, score_listing
from tests.matchers.test_evasion_levers10 import ANY_FIRST_LINE
from tests.matchers.tune_rows import RANK, labelled_params, read_right_offers, tune_rows

OFFERS = read_right_offers()
#: one sentence of each reading: a speaker head, supply statements, stories, an office speaking, chatter naming a shop
TRIGGERS = ["Disdukcapil Kab. Sleman: blangko e-KTP sedang kosong.", "Kapolres: jual beli blangko e-KTP diproses hukum.",
            "Stok blangko e-KTP di kecamatan menipis.", "Blangko KTP-el sudah datang dari pusat.",
            "Ratusan blanko e-KTP disita polisi.", "KTP saya hilang, katanya blangko ada.",
            "Antre cetak KTP dari pagi, blangko terbatas.", "Warga diminta bersabar.",
            "Selamat datang di toko kami!", "Kondisi: Baru\nEtalase: Semua Etalase\n"]


def _hidden(line: str, where: str) -> list[str]:
    def added(row: dict) -> tuple[str, str]:
        if where == "prefix":
            return row["title"], f"{line}\n{row['description']}"
        return row["title"], f"{row['description']}\n{line}"
    verdicts = score_many(added(row) for row in OFFERS)
    return [row["id"] for row, got in zip(OFFERS, verdicts, strict=True)
            if RANK[got.verdict.value] < RANK[row["label"]] and row["id"] not in ANY_FIRST_LINE]


@pytest.mark.parametrize("line", TRIGGERS)
@pytest.mark.parametrize("where", ["prefix", "suffix"])
def test_a_notice_line_added_hides_no_offer(line: str, where: str) -> None:
    assert _hidden(line, where) == []


#: notice13_a's rows still misread on this branch (measured, not tuned away)
STILL_MISSED = {
    "n13a-002": "a warning told only as an imperative ('Jangan tergiur iklan blangko e-KTP murah …, itu penipuan'): "
                "'blangko hanya ada di Dukcapil' names the goods plainly",
    "n13a-007": "a story under 'bikin KTP baru' reads 'bikin KTP' as a forged-KTP service before any voice is read",
    "n13a-014": "Javanese 'nggawe KTP' reads as a KTP-making service (related) as 'bikin KTP' does",
    "n13a-017": "a service reopened ('pelayanan cetak KTP-el dibuka lagi', 'Kuota 100 per hari'): the title's goods "
                "sentence is the service, said plainly",
    "n13a-020": "an office's appeal to check a status ('mengimbau masyarakat mengecek'): the title 'Cek status KTP-el "
                "kamu' names the goods plainly",
    "n13a-022": "'Untung saya tanya dulu ke dukcapil, ternyata blanko gak pernah dijual': a story whose title 'hampir "
                "ketipu jual blanko' reads a sale",
    "n13a-027": "'Tag: blanko ktp, …' under a news item: the tag list names the goods plainly",
    "n13a-028": "a Q&A with an office ('J: Blangko sedang dalam pengiriman'): 'T:'/'J:' answers read as a seller's",
}
A_ROWS = tune_rows("notice13_a")


@pytest.mark.parametrize("row", labelled_params(A_ROWS, STILL_MISSED))
def test_notice13_a_row(row: dict) -> None:
    assert score_listing(row["title"], row["description"]).verdict.value == row["label"]
