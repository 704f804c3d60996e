"""A hit copied with one field changed is the named tuple's ``_replace``: same type, same fields."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from matchers.score import Hit, _hit_with_cue, _hit_with_matched

_HITS = st.builds(Hit, st.integers(0, 500), st.text(max_size=12), st.text(max_size=6), st.text(max_size=8),
                  st.booleans(), st.integers(0, 40), st.integers(0, 40), st.text(max_size=8))


@given(_HITS, st.text(max_size=8))
def test_with_cue_is_replace(hit: Hit, cue: str) -> None:
    copy = _hit_with_cue(hit, cue)
    assert type(copy) is Hit and copy == hit._replace(cue=cue)


@given(_HITS, st.text(max_size=12))
def test_with_matched_is_replace(hit: Hit, matched: str) -> None:
    copy = _hit_with_matched(hit, matched)
    assert type(copy) is Hit and copy == hit._replace(matched=matched)
