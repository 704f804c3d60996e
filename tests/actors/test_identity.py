"""Stable actor ids across rescans: grow, merge, split, retire; analyst corrections survive rescans."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from alerts.actors import ActorGraph, Merge, Split, build_actors
from alerts.actors.identity import derived_id
from tests.actors.records import BCA, CHIP, PHONE, PHOTO, PHOTO_NEAR, rec, records_strategy


def _previous(graph: ActorGraph) -> dict[str, frozenset[int]]:
    return {a.actor_id: frozenset(a.alert_ids) for a in graph.actors}


def test_id_comes_from_the_strongest_identifier_seen_first() -> None:
    # the chip (medium) was seen first, but the phone (strong) anchors the actor
    records = [rec(1, ids=(CHIP,), day=0), rec(2, ids=(CHIP, PHONE), day=5), rec(3, ids=(PHONE,), day=6)]
    actor = build_actors(records).actors[0]
    assert actor.anchor == "phone:+6281234567890"
    assert actor.actor_id == derived_id("phone:+6281234567890")


def test_the_same_records_give_the_same_ids_without_history() -> None:
    records = [rec(1, ids=(BCA,)), rec(2, ids=(BCA,)), rec(3)]
    assert [a.actor_id for a in build_actors(records).actors] == [a.actor_id for a in build_actors(records[::-1]).actors]


def test_an_actor_keeps_its_id_when_it_grows_even_if_a_stronger_identifier_appears() -> None:
    first = build_actors([rec(1, ids=(CHIP,)), rec(2, ids=(CHIP,))])
    old_id = first.actors[0].actor_id
    # a new listing shares the chip and brings a bank account: the anchor would now be the account
    later = build_actors([rec(1, ids=(CHIP,)), rec(2, ids=(CHIP,)), rec(3, ids=(CHIP, BCA), day=0)],
                         previous=_previous(first))
    assert [a.actor_id for a in later.actors] == [old_id]
    assert later.actors[0].anchor.startswith("bank_account:")


def test_two_actors_joined_keep_the_oldest_id_and_report_the_other() -> None:
    first = build_actors([rec(1, ids=(PHONE,)), rec(2, ids=(PHONE,)), rec(5, ids=(BCA,)), rec(6, ids=(BCA,))])
    old, young = first.actors[0].actor_id, first.actors[1].actor_id
    later = build_actors([rec(1, ids=(PHONE,)), rec(2, ids=(PHONE,)), rec(5, ids=(BCA,)), rec(6, ids=(BCA,)),
                          rec(7, ids=(PHONE, BCA))], previous=_previous(first))
    assert [a.actor_id for a in later.actors] == [old]
    assert later.merged_into == {young: old}


def test_a_split_actor_keeps_its_id_on_the_larger_part() -> None:
    first = build_actors([rec(1, ids=(PHONE,)), rec(2, ids=(PHONE, BCA)), rec(3, ids=(BCA,)), rec(4, ids=(PHONE,))])
    old = first.actors[0].actor_id
    # alert 2 was corrected (its bank account was a misread): 3 stands alone now
    later = build_actors([rec(1, ids=(PHONE,)), rec(2, ids=(PHONE,)), rec(3, ids=(BCA,)), rec(4, ids=(PHONE,))],
                         previous=_previous(first))
    by_alerts = {a.alert_ids: a.actor_id for a in later.actors}
    assert by_alerts[(1, 2, 4)] == old
    assert by_alerts[(3,)] != old and later.split_from == {by_alerts[(3,)]: old}


def test_an_actor_whose_alerts_are_gone_is_retired() -> None:
    first = build_actors([rec(1), rec(2)])
    later = build_actors([rec(1)], previous=_previous(first))
    assert later.retired == (first.actors[1].actor_id,)


def test_a_fresh_id_never_reuses_a_previous_one() -> None:
    first = build_actors([rec(1, ids=(PHONE,)), rec(2, ids=(PHONE,))])
    # alert 1 gone; alert 3 now holds the phone and derives the same id, which is taken by alert 2's actor
    later = build_actors([rec(2, ids=(PHONE,)), rec(3, ids=(PHONE,), day=0)], previous=_previous(first))
    assert [a.actor_id for a in later.actors] == [first.actors[0].actor_id]
    solo = build_actors([rec(9, ids=(PHONE,))], previous={derived_id("phone:+6281234567890"): frozenset({1})})
    assert solo.actors[0].actor_id == derived_id("phone:+6281234567890") + "-2"


def test_analyst_merge_joins_and_survives_a_rescan() -> None:
    merge = Merge(1, 2, "same handwriting on the card photos")
    first = build_actors([rec(1), rec(2), rec(3)], constraints=[merge])
    assert [list(a.alert_ids) for a in first.actors] == [[1, 2], [3]]
    assert first.actors[0].edges[0].reason == "analyst_merge"
    later = build_actors([rec(1), rec(2), rec(3), rec(4)], constraints=[merge], previous=_previous(first))
    assert later.actors[0].actor_id == first.actors[0].actor_id and later.actors[0].alert_ids == (1, 2)


def test_analyst_split_cuts_the_weak_link_and_holds_when_a_new_listing_links_both_sides() -> None:
    records = [rec(1, ids=(PHONE,), photos=(PHOTO,)), rec(2, ids=(PHONE,)), rec(3, ids=(BCA,), photos=(PHOTO_NEAR,)),
               rec(4, ids=(BCA,))]
    assert len(build_actors(records).actors) == 1  # joined only by the photo
    split = Split(frozenset({1, 2}), frozenset({3, 4}), "stock photo")
    first = build_actors(records, constraints=[split])
    assert [list(a.alert_ids) for a in first.actors] == [[1, 2], [3, 4]]
    # a later listing shows the photo again: the split still holds
    later = build_actors([*records, rec(5, photos=(PHOTO,))], constraints=[split], previous=_previous(first))
    assert {a.alert_ids for a in later.actors} >= {(3, 4)}
    assert [a.actor_id for a in later.actors if 3 in a.alert_ids] == [first.actors[1].actor_id]


def test_a_later_merge_overrides_an_earlier_split() -> None:
    records = [rec(1, ids=(PHONE,)), rec(2, ids=(PHONE,))]
    split, merge = Split(frozenset({1}), frozenset({2})), Merge(1, 2)
    assert len(build_actors(records, constraints=[split]).actors) == 2
    graph = build_actors(records, constraints=[split, merge])
    assert len(graph.actors) == 1 and graph.overridden == (split,)
    # the other way round the split is the analyst's latest word
    unrelated = [rec(1), rec(2)]
    graph = build_actors(unrelated, constraints=[merge, split])
    assert len(graph.actors) == 2 and graph.overridden == (merge,)


def test_a_split_that_merges_hold_together_through_a_third_alert_is_reported() -> None:
    records = [rec(1), rec(2), rec(3)]
    split = Split(frozenset({1}), frozenset({3}))
    graph = build_actors(records, constraints=[Merge(1, 2), Merge(2, 3), split])
    assert len(graph.actors) == 1 and graph.overridden == (split,)


def test_split_only_cuts_what_separates_the_sides() -> None:
    records = [rec(1, ids=(PHONE,)), rec(2, ids=(PHONE, BCA)), rec(3, ids=(BCA,))]
    graph = build_actors(records, constraints=[Split(frozenset({1}), frozenset({3}))])
    assert len(graph.actors) == 2 and sum(len(a.alert_ids) for a in graph.actors) == 3


@settings(max_examples=40, deadline=None)
@given(records_strategy(), st.integers(1, 4))
def test_unrelated_new_listings_change_no_existing_actor(records, extra) -> None:  # type: ignore[no-untyped-def]
    first = build_actors(records)
    start = max(r.alert_id for r in records) + 1
    new = [rec(i, seller=f"new{i}", marketplace="olx") for i in range(start, start + extra)]
    later = build_actors([*records, *new], previous=_previous(first))
    assert {a.actor_id: a.alert_ids for a in first.actors}.items() <= {a.actor_id: a.alert_ids for a in later.actors}.items()
    assert not later.merged_into and not later.split_from and not later.retired


@settings(max_examples=40, deadline=None)
@given(records_strategy())
def test_a_rescan_of_the_same_listings_keeps_every_id(records) -> None:  # type: ignore[no-untyped-def]
    first = build_actors(records)
    assert build_actors(records, previous=_previous(first)) == first


def test_a_correction_naming_a_missing_alert_is_reported_stale() -> None:
    merge, split = Merge(1, 99), Split(frozenset({1}), frozenset({2, 98}))
    graph = build_actors([rec(1, ids=(PHONE,)), rec(2, ids=(PHONE,))], constraints=[merge, split])
    assert graph.stale == (merge, split)
    assert len(graph.actors) == 2  # the split still holds for the alerts that exist


@settings(max_examples=60, deadline=None)
@given(records_strategy(), st.data())
def test_a_split_always_separates_its_sides_and_cuts_only_between_them(records, data) -> None:  # type: ignore[no-untyped-def]
    ids = [r.alert_id for r in records]
    side_a = frozenset(data.draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3)))
    rest = [a for a in ids if a not in side_a]
    side_b = frozenset(data.draw(st.lists(st.sampled_from(rest), min_size=1, max_size=3))) if rest else frozenset()
    whole = build_actors(records)
    graph = build_actors(records, constraints=[Split(side_a, side_b)])
    for a in side_a:
        for b in side_b:
            assert graph.actor_of(a) != graph.actor_of(b)
    # a split never joins anything: every actor lies within an actor of the uncorrected build
    for actor in graph.actors:
        assert whole.actor_of(actor.alert_ids[0]) is not None
        assert set(actor.alert_ids) <= set(whole.actor_of(actor.alert_ids[0]).alert_ids)  # type: ignore[union-attr]
