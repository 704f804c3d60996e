"""The demo's check of built actors against the sandbox's planted ones says split and merged when they are."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from crawler.cli.demo_actors import check_planted


def _truth(actors: dict[str, list[str]], lone: list[str], waiting: tuple[str, ...] = ()) -> dict[str, Any]:
    """Truth with planted actors (name → external ids on tokopedia) and lone planted listings."""
    listed = [x for ids in actors.values() for x in ids if x not in waiting]
    return {
        "planted": [{"marketplace": "tokopedia", "external_id": x} for x in [*listed, *lone]],
        "actors": [{"actor": name, "listings": [
            {"marketplace": "tokopedia", "external_id": x, "listed": x not in waiting} for x in ids]}
            for name, ids in actors.items()],
    }


PLANTED = {"bank": ["1", "2", "3"], "relist": ["4", "5", "6"]}
LONE = ["7", "8"]


def _built(groups: list[list[str]]) -> dict[tuple[str, str], str]:
    return {("tokopedia", x): f"act-{i}" for i, group in enumerate(groups) for x in group}


def test_built_as_planted_is_ok() -> None:
    check = check_planted(_truth(PLANTED, LONE), _built([["1", "2", "3"], ["4", "5", "6"], ["7"], ["8"]]))
    assert check.ok() and check.exact == ["bank", "relist"] and not check.merged


def test_a_split_actor_and_a_merged_pair_are_reported() -> None:
    check = check_planted(_truth(PLANTED, LONE), _built([["1", "2"], ["3"], ["4", "5", "6", "7"], ["8"]]))
    assert not check.ok()
    assert check.split == ["bank"] and check.merged == {"act-2": ["lone:tokopedia:7", "relist"]}
    assert check.exact == []


def test_two_lone_sellers_joined_are_a_merge_and_a_missed_listing_is_not_exact() -> None:
    check = check_planted(_truth(PLANTED, LONE), _built([["1", "2", "3"], ["4", "5"], ["7", "8"]]))
    assert check.merged == {"act-2": ["lone:tokopedia:7", "lone:tokopedia:8"]}
    assert check.missing == {"relist": 1} and check.exact == ["bank"]


def test_a_relist_not_listed_yet_is_not_expected() -> None:
    check = check_planted(_truth(PLANTED, LONE, waiting=("6",)), _built([["1", "2", "3"], ["4", "5"]]))
    assert check.ok()


@given(st.lists(st.integers(0, 3), min_size=8, max_size=8))
def test_ok_exactly_when_the_built_partition_equals_the_planted_one(labels: list[int]) -> None:
    """Any assignment of the eight listings to four built actors: ok iff it is the planted partition."""
    ids = [str(i) for i in range(1, 9)]
    built = {("tokopedia", x): f"act-{label}" for x, label in zip(ids, labels, strict=True)}
    planted = [{"1", "2", "3"}, {"4", "5", "6"}, {"7"}, {"8"}]
    groups: dict[str, set[str]] = {}
    for x, label in zip(ids, labels, strict=True):
        groups.setdefault(f"act-{label}", set()).add(x)
    as_planted = sorted(map(sorted, groups.values())) == sorted(map(sorted, planted))
    assert check_planted(_truth(PLANTED, LONE), built).ok() == as_planted
