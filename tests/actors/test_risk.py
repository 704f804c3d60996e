"""The actor risk score: hand-made actors, and properties that hold for any actor."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from alerts.actors.risk import ChipStatus, RiskListing, RiskScore, risk_score
from config.settings import RiskWeights

T0 = datetime(2026, 1, 1, tzinfo=UTC)
WEIGHTS = RiskWeights()


def listing(alert_id: int, verdict: str = "blank", *, marketplace: str = "tokopedia", day: int = 0,
            days: int = 0, price: int | None = 150_000, removed_day: int | None = None,
            evasive: bool = False, chips: tuple[str, ...] = ()) -> RiskListing:
    first = T0 + timedelta(days=day)
    return RiskListing(alert_id, verdict, marketplace, first, first + timedelta(days=days), price,
                       None if removed_day is None else T0 + timedelta(days=removed_day), evasive, chips)


def _points(score: RiskScore) -> dict[str, float]:
    return {r.name: r.points for r in score.reasons}


def test_every_configured_weight_is_a_reason() -> None:
    score = risk_score([listing(1)], WEIGHTS)
    assert {r.name for r in score.reasons} == set(RiskWeights.model_fields)
    assert all(r.weight == getattr(WEIGHTS, r.name) for r in score.reasons)


def test_one_blank_listing() -> None:
    score = risk_score([listing(1)], WEIGHTS)
    # 25 × 1/5 blank, 7 × 1/20 volume, 5 × 150 000 / 5 000 000 price
    assert _points(score)["blank_listings"] == 5.0
    assert score.score == round(5 + 0.35 + 0.15)
    assert score.reasons[0].name == "blank_listings"


def test_a_relisting_multi_shop_evasive_seller_scores_high_with_its_reasons() -> None:
    listings = [
        listing(1, marketplace="tokopedia", day=0, removed_day=10, evasive=True, chips=("04A1B2C3",)),
        listing(2, marketplace="shopee", day=12, days=100, evasive=True, chips=("04A1B2C4",)),
        listing(3, marketplace="olx", day=20, days=170, evasive=True),
        listing(4, "related", marketplace="olx", day=30),
        listing(5, day=40),
    ]
    traced = risk_score(listings, WEIGHTS, chip_status=lambda uid: ChipStatus.TRACED)
    points = _points(traced)
    assert points["relisted_after_takedown"] == 25.0 and points["several_marketplaces"] == 10.0
    assert points["evasion"] == 10.0 and points["traced_chips"] == 20.0 and points["time_active"] == 10.0
    # 25 + 10 + 10 + 20 + 10, blank 4/5 × 25, related 1/5 × 8, volume 5/20 × 7, price 750 000/5 000 000 × 5
    assert traced.score == round(75 + 20 + 1.6 + 1.75 + 0.75) == 99
    untraced = risk_score(listings, WEIGHTS)
    assert untraced.score < traced.score and _points(untraced)["traced_chips"] == 0.0


def test_a_listing_removed_after_the_others_is_no_relist() -> None:
    listings = [listing(1, day=0), listing(2, day=5, removed_day=30)]
    assert _points(risk_score(listings, WEIGHTS))["relisted_after_takedown"] == 0.0


def test_weights_from_configuration_and_zero_switches_a_reason_off() -> None:
    listings = [listing(1, marketplace="a"), listing(2, marketplace="b")]
    off = RiskWeights(several_marketplaces=0)
    assert _points(risk_score(listings, off))["several_marketplaces"] == 0.0
    assert risk_score(listings, off).score < risk_score(listings, WEIGHTS).score


def test_no_listings_no_risk() -> None:
    assert risk_score([], WEIGHTS) == RiskScore(0, ())


_VERDICTS = st.sampled_from(["blank", "related", "benign"])


@st.composite
def listings(draw, start: int = 1):  # type: ignore[no-untyped-def]
    n = draw(st.integers(1, 8))
    out = []
    for i in range(start, start + n):
        removed = draw(st.none() | st.integers(0, 400))
        out.append(listing(i, draw(_VERDICTS), marketplace=draw(st.sampled_from(["tokopedia", "shopee", "olx"])),
                           day=draw(st.integers(0, 300)), days=draw(st.integers(0, 60)),
                           price=draw(st.none() | st.integers(0, 2_000_000)), removed_day=removed,
                           evasive=draw(st.booleans()), chips=tuple(draw(st.lists(st.sampled_from(["A", "B", "C"]), max_size=2)))))
    return out


def _ledger(uid: str) -> ChipStatus:
    return ChipStatus.TRACED if uid in ("A", "C") else ChipStatus.UNTRACED


@settings(max_examples=150, deadline=None)
@given(listings(), listings(start=100))
def test_adding_listings_never_lowers_the_score(base, more) -> None:  # type: ignore[no-untyped-def]
    before = risk_score(base, WEIGHTS, chip_status=_ledger)
    after = risk_score(base + more, WEIGHTS, chip_status=_ledger)
    assert after.score >= before.score
    for old, new in zip(sorted(before.reasons, key=lambda r: r.name), sorted(after.reasons, key=lambda r: r.name), strict=True):
        assert new.points >= old.points, old.name


@settings(max_examples=150, deadline=None)
@given(listings(), st.integers(0, 60))
def test_a_relist_after_a_takedown_never_lowers_the_score(base, gap) -> None:  # type: ignore[no-untyped-def]
    removed = max(x.removed_at or x.first_seen for x in base)
    taken_down = [*base[:-1], RiskListing(**{**base[-1].__dict__, "removed_at": removed})]
    relist = listing(999, day=(removed - T0).days + 1 + gap)
    before = risk_score(taken_down, WEIGHTS)
    after = risk_score([*taken_down, relist], WEIGHTS)
    assert after.score >= before.score
    assert _points(after)["relisted_after_takedown"] >= _points(before)["relisted_after_takedown"]


@settings(max_examples=100, deadline=None)
@given(listings(), st.sampled_from(sorted(RiskWeights.model_fields)), st.floats(0, 100))
def test_raising_a_weight_never_lowers_the_score_and_the_score_is_0_to_100(base, name, extra) -> None:  # type: ignore[no-untyped-def]
    low = risk_score(base, WEIGHTS, chip_status=_ledger)
    raised = RiskWeights(**{**WEIGHTS.model_dump(), name: min(100.0, getattr(WEIGHTS, name) + extra)})
    high = risk_score(base, raised, chip_status=_ledger)
    assert 0 <= low.score <= high.score <= 100


@settings(max_examples=60, deadline=None)
@given(listings(), st.randoms(use_true_random=False))
def test_deterministic_whatever_the_order(base, rnd) -> None:  # type: ignore[no-untyped-def]
    shuffled = list(base)
    rnd.shuffle(shuffled)
    assert risk_score(shuffled, WEIGHTS, chip_status=_ledger) == risk_score(base, WEIGHTS, chip_status=_ledger)
