"""Property: a sentence from a grammar of logistics, payment, packing and greeting
phrases, appended to any labelled listing's description, never changes its verdict."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from matchers import score_listing
from tests.matchers.tune_rows import tune_rows

ROWS = tune_rows()

COURIERS = ["JNE", "J&T", "SiCepat", "AnterAja", "GoSend", "kurir toko", "ekspedisi pilihan", "kargo"]
PAYMENTS = ["transfer BCA", "transfer bank", "e-wallet", "OVO", "DANA", "GoPay", "QRIS", "ShopeePay", "PayLater"]
WRAPS = ["bubble wrap", "kardus", "plastik", "map coklat", "amplop", "lakban", "dus tebal", "kemasan rapi"]
TIMES = ["hari ini", "besok pagi", "setiap hari", "jam 3 sore", "hari Senin sampai Sabtu", "H+1", "sebelum jam 12"]
PLACES = ["di tempat", "area Jakarta", "seluruh Indonesia", "Jabodetabek", "dalam kota", "luar pulau"]
GREETINGS = ["Halo kak", "Selamat datang", "Terima kasih", "Happy shopping", "Salam hangat", "Selamat berbelanja"]
ADDRESS = ["kak", "gan", "sis", "bosku", ""]

sentence = st.one_of(
    st.builds("Dikirim {} pakai {} {}.".format, st.sampled_from(TIMES), st.sampled_from(COURIERS), st.sampled_from(ADDRESS)),
    st.builds("Pengiriman ke {} via {}.".format, st.sampled_from(PLACES), st.sampled_from(COURIERS)),
    st.builds("Bisa COD {}.".format, st.sampled_from(PLACES)),
    st.builds("Pembayaran lewat {} atau {}.".format, st.sampled_from(PAYMENTS), st.sampled_from(PAYMENTS)),
    st.builds("Bisa bayar pakai {} {}.".format, st.sampled_from(PAYMENTS), st.sampled_from(ADDRESS)),
    st.builds("Packing pakai {} dan {}.".format, st.sampled_from(WRAPS), st.sampled_from(WRAPS)),
    st.builds("Dikemas dalam {}, dijamin aman.".format, st.sampled_from(WRAPS)),
    st.builds("{} {}, pesanan diproses {}.".format, st.sampled_from(GREETINGS), st.sampled_from(ADDRESS),
              st.sampled_from(TIMES)),
    st.builds("{}!".format, st.sampled_from(GREETINGS)),
)


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(ROWS), sentence)
def test_appending_a_logistics_sentence_keeps_the_verdict(row: dict, extra: str) -> None:
    before = score_listing(row["title"], row["description"]).verdict
    after = score_listing(row["title"], f"{row['description']} {extra}".strip()).verdict
    assert after is before, (row["id"], extra)
