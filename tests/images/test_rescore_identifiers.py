"""Two paths read a photo's identifiers: the matcher's image field (``score_listing``) and
the photo rescore, which reads each photo on its own to keep that photo's hash.  They must
give one answer, or a chip cued only in the title is found by one and lost by the other."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alerts.images.rescore import _with_photo_identifiers
from matchers import score_listing
from storage.listings import AssessmentData
from tests.matchers.tune_rows import tune_rows

SHA = "a" * 64


def _image_ids(title: str, photo_text: str) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    result = score_listing(title, "", image_text=photo_text, image_sha256=SHA)
    matcher = {(i.kind, i.value) for i in result.identifiers if i.source == "image"}
    data = _with_photo_identifiers(AssessmentData.from_result(result), [(SHA, photo_text)], title)
    rescore = {(i.kind, i.value) for i in data.identifiers if i.source == "image"}
    return matcher, rescore


def test_a_bare_chip_number_on_a_photo_is_cued_by_the_title() -> None:
    matcher, rescore = _image_ids("Blanko e-KTP, no chip ada di foto", "04A23B1C5D807E")
    assert matcher == rescore == {("chip_uid", "04A23B1C5D807E")}


def _tune_rows() -> list[dict]:
    return [r for r in tune_rows() if r.get("identifiers")]


#: Rows whose photo text the two paths still read differently, found when the row reached
#: the tune corpus (corpus/independent4.jsonl at 5dc6ac5, ktpwatch-matchers/2.4): the title
#: names the phone the photo repeats; the rescore reads it from the photo (+62812…), the
#: matcher gives the photo nothing.  1 of the corpus rows with identifiers, description field.
SPLIT_READINGS = {("description", "h4-blank-0270")}


def _disagreements(field: str, ids: set[str] | None = None) -> list[str]:
    wrong = []
    for row in _tune_rows():
        if ids is not None and row["id"] not in ids:
            continue
        title = row["title"] if field == "description" else "Blangko e-KTP"
        matcher, rescore = _image_ids(title, row[field])
        if matcher != rescore:
            wrong.append(row["id"])
    return wrong


@pytest.mark.parametrize("field", ["title", "description"])
def test_every_tune_listing_read_as_photo_text_gives_one_answer(field: str) -> None:
    """The corpus rows with identifiers, their text put on a photo under a title."""
    known = {row_id for f, row_id in SPLIT_READINGS if f == field}
    assert [row_id for row_id in _disagreements(field) if row_id not in known] == []


@pytest.mark.xfail(strict=False, reason="1 tune row (SPLIT_READINGS) is read differently by the two paths at 2.4")
def test_the_rows_the_two_paths_still_read_differently_give_one_answer() -> None:
    for field, row_id in sorted(SPLIT_READINGS):
        assert _disagreements(field, {row_id}) == [], (field, row_id)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(["", "blanko ektp", "kartu chip", "e-KTP kosong no seri", "tas kulit"]),
       st.text(alphabet="0123456789ABCDEFabcdef :-\nUIDchipno", max_size=60))
def test_any_photo_text_under_any_title_gives_one_answer(title: str, photo_text: str) -> None:
    matcher, rescore = _image_ids(title, photo_text)
    assert matcher == rescore
