"""From listing text to ranked actors, end to end through the pure parts.

Three sellers are planted the way the issue describes them, among unrelated
shops: one uses one bank account under different shop names on three
marketplaces, one gives the same phone (once as a DANA wallet) and relists
after a takedown, one is a lone seller.  The matcher reads the identifiers,
the graph joins the listings, the risk score ranks the actors: every planted
actor must be exactly one actor, and the relisting actor must rank first.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from alerts.actors import ListingRecord, RiskListing, build_actors, evasive, risk_score
from config.settings import RiskWeights
from matchers import score_listing

T0 = datetime(2026, 3, 1, tzinfo=UTC)

#: (alert id, planted actor, marketplace, seller id, seller name, title, description, day, removed day)
LISTINGS = [
    (1, "bank", "tokopedia", "t-11", "Blanko Center", "Blangko e-KTP original dinas",
     "Pembayaran transfer BCA 5271 0039 84 a.n. Rudi. Ready stok.", 0, None),
    (2, "bank", "shopee", "s-90", "KTP Store 88", "blanko ktp el kosong",
     "no rek: 5271003984 (BCA) a/n Rudi, kirim seluruh Indonesia", 3, None),
    (3, "bank", "olx", "o-5", "Dokumen Cepat", "B.L.A.N.K.O e-KTP chip aktif",
     "TF ke rekening BCA 527-100-3984 ya kak", 9, None),
    (4, "relist", "tokopedia", "t-40", "Toko Makmur", "Blangko KTP elektronik asli",
     "Hubungi WA 0813-2222-9090 untuk order", 1, 20),
    (5, "relist", "tokopedia", "t-41", "Makmur Jaya", "bl4nko ktp-el siap cetak",
     "Bayar DANA 081322229090, stok banyak", 25, None),
    (6, "relist", "lazada", "l-2", "MJ Official", "Blanko e-ktp kosongan",
     "order via wa.me/6281322229090", 30, None),
    (7, "lone", "blibli", "b-7", "Kartu Kita", "Blangko e-KTP", "Ready", 5, None),
    (8, None, "shopee", "s-1", "Holder Shop", "Holder KTP akrilik", "Transfer BRI 1234-56-789012-50-1", 2, None),
    (9, None, "olx", "o-9", "Map Dokumen", "Map KTP KK akta", "WA 0857-1111-2222", 4, None),
]


def _records_and_risk_inputs() -> tuple[list[ListingRecord], dict[int, RiskListing]]:
    records, risk = [], {}
    for alert_id, _, market, seller, name, title, description, day, removed in LISTINGS:
        assessment = score_listing(title, description, price=150_000)
        seen = T0 + timedelta(days=day)
        records.append(ListingRecord(alert_id, market, seller, name, seen, seen + timedelta(days=2),
                                     tuple((i.kind, i.value) for i in assessment.identifiers)))
        risk[alert_id] = RiskListing(alert_id, assessment.verdict.value, market, seen, seen + timedelta(days=2),
                                     150_000, None if removed is None else T0 + timedelta(days=removed),
                                     evasive([title, description], assessment))
    return records, risk


def test_every_planted_actor_is_one_actor_and_the_relisting_actor_ranks_first() -> None:
    records, risk = _records_and_risk_inputs()
    graph = build_actors(records)
    planted: dict[str, set[int]] = {}
    for alert_id, actor, *_ in LISTINGS:
        planted.setdefault(actor or f"other-{alert_id}", set()).add(alert_id)
    assert sorted(map(sorted, planted.values())) == sorted(list(a.alert_ids) for a in graph.actors)
    bank_actor = graph.actor_of(1)
    assert bank_actor is not None and bank_actor.marketplaces == ("olx", "shopee", "tokopedia")
    assert {e.reason for e in bank_actor.edges} == {"bank_account"}
    scores = {a.actor_id: risk_score([risk[i] for i in a.alert_ids], RiskWeights()) for a in graph.actors}
    ranking = sorted(graph.actors, key=lambda a: (-scores[a.actor_id].score, a.actor_id))
    assert ranking[0].alert_ids == (4, 5, 6)
    reasons = {r.name: r.points for r in scores[ranking[0].actor_id].reasons}
    assert reasons["relisted_after_takedown"] > 0 and reasons["evasion"] > 0
