"""The rebuild feeds the ``evasion`` reason from stored data: listing text and the latest assessment's reasons."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session

from alerts.actors.evasion import evasive, evasive_from_stored
from alerts.actors.rebuild import rebuild_actors
from config.settings import RiskWeights
from matchers import score_listing
from storage.models import ActorRow, Alert, AssessmentRecord, Identifier, Listing, Seller

T0 = datetime(2026, 11, 1, tzinfo=UTC)
PHONE = ("phone", "+6281299990000")


def _scored_alert(session: Session, n: int, title: str, description: str, *, stale_title: str = "") -> None:
    """A listing with an alert and its assessments as ingest stores them (an older one first, if given)."""
    owner = Seller(marketplace="tokopedia", external_id=f"s{n}", name=f"Toko {n}")
    listing = Listing(marketplace="tokopedia", external_id=str(n), url=f"https://x/{n}", title=title,
                      description=description, price=100_000, seller=owner,
                      first_seen_at=T0 + timedelta(days=n), last_seen_at=T0 + timedelta(days=n))
    session.add(listing)
    session.flush()
    for text in ([stale_title] if stale_title else []) + [title]:
        result = score_listing(text, description)
        session.add(AssessmentRecord(listing_id=listing.id, score=result.score, verdict=result.verdict.value,
                                     reasons=result.reasons_as_dicts(), matcher_version=result.matcher_version))
        session.flush()
    session.add(Identifier(listing_id=listing.id, kind=PHONE[0], value=PHONE[1]))
    session.add(Alert(listing_id=listing.id, marketplace="tokopedia", verdict="blank", score=0.9,
                      opened_at=T0 + timedelta(days=n), last_seen_at=T0 + timedelta(days=n)))
    session.flush()


def _evasion(session: Session) -> dict[str, Any]:
    row = session.scalars(select(ActorRow)).one()
    return next(r for r in row.risk_reasons if r["name"] == "evasion")


def test_an_actor_with_obfuscated_listings_gets_the_evasion_reason(session: Session) -> None:
    _scored_alert(session, 1, "B.L.A.N.K.O e-KTP kosong", "WA 0812-9999-0000")
    _scored_alert(session, 2, "bl4nko ktp el chip aktif", "order WA 081299990000",
                  stale_title="Blangko e-KTP kosong")  # only the latest assessment counts
    _scored_alert(session, 3, "Blangko e-KTP original", "WA +62 812-9999-0000")
    rebuild_actors(session, RiskWeights())
    reason = _evasion(session)
    assert reason["points"] > 0 and reason["detail"] == "2 listing(s) with obfuscated words"


def test_plain_listings_get_no_evasion_points(session: Session) -> None:
    _scored_alert(session, 1, "Blangko e-KTP kosong", "WA 0812-9999-0000")
    _scored_alert(session, 2, "Blanko KTP el chip aktif", "order WA 081299990000")
    rebuild_actors(session, RiskWeights())
    assert _evasion(session)["points"] == 0


_WORDS = st.sampled_from(["blanko", "B.L.A.N.K.O", "bl4nko", "ВLАNКО", "e-KTP", "k t p", "kosong", "dompet",
                          "bla\u200bnko", "ektp", "chip", "b.a.j.u", "kaos"])


@settings(max_examples=150, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=6), st.lists(_WORDS, max_size=4))
def test_stored_reasons_decide_as_the_live_assessment_does(title: list[str], description: list[str]) -> None:
    texts = [" ".join(title), " ".join(description)]
    assessment = score_listing(*texts)
    assert evasive_from_stored(texts, assessment.reasons_as_dicts()) == evasive(texts, assessment)
