"""Actors as connected components: edges with reasons and strengths, common photos, names."""

from __future__ import annotations

from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from alerts.actors import Strength, build_actors
from alerts.actors.links import near_pairs
from alerts.images.phash import hamming
from tests.actors.records import BCA, CHIP, PHONE, PHOTO, PHOTO_NEAR, rec, records_strategy


def _groups(graph) -> list[list[int]]:  # type: ignore[no-untyped-def]
    return [list(a.alert_ids) for a in graph.actors]


def test_a_shared_bank_account_joins_two_shops_with_a_strong_reason() -> None:
    graph = build_actors([rec(1, ids=(BCA,)), rec(2, marketplace="shopee", ids=(BCA,)), rec(3)])
    assert _groups(graph) == [[1, 2], [3]]
    actor = graph.actors[0]
    assert actor.marketplaces == ("shopee", "tokopedia")
    assert [(e.a, e.b, e.reason, e.strength, e.detail) for e in actor.edges] == [
        (1, 2, "bank_account", Strength.STRONG, "BCA:1234567890")]


def test_seller_ids_link_only_within_one_marketplace() -> None:
    graph = build_actors([rec(1, seller="77"), rec(2, seller="77"), rec(3, marketplace="shopee", seller="77")])
    assert _groups(graph) == [[1, 2], [3]]
    assert graph.actors[0].edges[0].reason == "seller"


def test_chip_is_medium_and_group_links_are_medium() -> None:
    group = ("url", "https://chat.whatsapp.com/AbCdEfGhIj1234")
    graph = build_actors([rec(1, ids=(CHIP, group)), rec(2, ids=(CHIP, group))])
    assert {(e.reason, e.strength) for e in graph.actors[0].edges} == {
        ("chip_uid", Strength.MEDIUM), ("url", Strength.MEDIUM)}


def test_a_near_photo_is_a_weak_link() -> None:
    graph = build_actors([rec(1, photos=(PHOTO,)), rec(2, photos=(PHOTO_NEAR,))], max_distance=6)
    assert _groups(graph) == [[1, 2]]
    assert graph.actors[0].edges[0].strength == Strength.WEAK


def test_a_common_photo_joins_no_one() -> None:
    """Four sellers show the same stock picture of a blank card: it says nothing about who they are."""
    records = [rec(i, photos=(PHOTO,)) for i in range(1, 5)]
    graph = build_actors(records, common_photo_sellers=3)
    assert _groups(graph) == [[1], [2], [3], [4]]
    assert graph.common_photos == (PHOTO,)
    # the same photo used by three sellers is not common: they are linked
    assert _groups(build_actors(records[:3], common_photo_sellers=3)) == [[1, 2, 3]]


def test_a_common_photo_does_not_undo_a_strong_link() -> None:
    records = [rec(i, photos=(PHOTO,)) for i in range(1, 5)] + [rec(5, ids=(PHONE,)), rec(6, ids=(PHONE,))]
    assert _groups(build_actors(records, common_photo_sellers=3))[-1] == [5, 6]


def test_display_name_is_the_most_frequent_seller_name() -> None:
    records = [rec(1, ids=(PHONE,), name="Blanko Jaya"), rec(2, ids=(PHONE,), name="KTP Murah"),
               rec(3, ids=(PHONE,), name="KTP Murah"), rec(4, ids=(PHONE,), name="")]
    assert build_actors(records).actors[0].display_name == "KTP Murah"


def test_duplicate_alert_is_an_error() -> None:
    try:
        build_actors([rec(1), rec(1)])
    except ValueError as exc:
        assert "alert 1" in str(exc)
    else:
        raise AssertionError("a duplicate alert must be refused")


@settings(max_examples=60, deadline=None)
@given(records_strategy(), st.randoms(use_true_random=False))
def test_actors_partition_the_alerts_join_every_shared_identifier_and_ignore_order(records, rnd) -> None:  # type: ignore[no-untyped-def]
    graph = build_actors(records)
    seen = [a for actor in graph.actors for a in actor.alert_ids]
    assert sorted(seen) == [r.alert_id for r in records]
    for r in records:
        for s in records:
            if set(r.identifiers) & set(s.identifiers):
                assert graph.actor_of(r.alert_id) == graph.actor_of(s.alert_id)
    shuffled = list(records)
    rnd.shuffle(shuffled)
    assert build_actors(shuffled) == graph


@settings(max_examples=80, deadline=None)
@given(st.lists(st.integers(0, 2**64 - 1), min_size=0, max_size=40, unique=True),
       st.lists(st.integers(0, 63), max_size=6), st.integers(0, 12))
def test_near_pairs_equal_comparing_every_pair(values, flips, max_distance) -> None:  # type: ignore[no-untyped-def]
    # include near copies so that some pairs are close
    near = [v ^ sum(1 << f for f in flips[:k]) for v in values[:5] for k in range(len(flips) + 1)]
    hashes = sorted({f"{v:016x}" for v in values + near})
    expected = [(a, b, d) for a, b in combinations(hashes, 2) if (d := hamming(a, b)) <= max_distance]
    assert near_pairs(hashes, max_distance) == expected


def test_an_account_given_without_its_bank_joins_the_named_one_when_unambiguous() -> None:
    named, unnamed = ("bank_account", "BCA:1234567890"), ("bank_account", "REK:1234567890")
    graph = build_actors([rec(1, ids=(named,)), rec(2, ids=(unnamed,)), rec(3, ids=(unnamed,))])
    assert [list(a.alert_ids) for a in graph.actors] == [[1, 2, 3]]
    assert {e.detail for e in graph.actors[0].edges} == {"BCA:1234567890"}
    # two banks with the same digits: the unnamed account stays apart from both
    other = ("bank_account", "BRI:1234567890")
    graph = build_actors([rec(1, ids=(named,)), rec(2, ids=(unnamed,)), rec(4, ids=(other,))])
    assert [list(a.alert_ids) for a in graph.actors] == [[1], [2], [4]]
