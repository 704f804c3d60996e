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


Found = set[tuple[str, str, str]]


def _image_ids(title: str, photo_text: str) -> tuple[Found, Found]:
    """Every identifier each path keeps, with the field it is kept from."""
    result = score_listing(title, "", image_text=photo_text, image_sha256=SHA)
    matcher = {(i.kind, i.value, i.source) for i in result.identifiers}
    data = _with_photo_identifiers(AssessmentData.from_result(result), [(SHA, photo_text)], title)
    rescore = {(i.kind, i.value, i.source) for i in data.identifiers}
    return matcher, rescore


def test_a_bare_chip_number_on_a_photo_is_cued_by_the_title() -> None:
    matcher, rescore = _image_ids("Blanko e-KTP, no chip ada di foto", "04A23B1C5D807E")
    assert matcher == rescore == {("chip_uid", "04A23B1C5D807E", "image")}


def _tune_rows() -> list[dict]:
    return [r for r in tune_rows() if r.get("identifiers")]


def _disagreements(field: str) -> list[str]:
    wrong = []
    for row in _tune_rows():
        title = row["title"] if field == "description" else "Blangko e-KTP"
        matcher, rescore = _image_ids(title, row[field])
        if matcher != rescore:
            wrong.append(row["id"])
    return wrong


@pytest.mark.parametrize("field", ["title", "description"])
def test_every_tune_listing_read_as_photo_text_gives_one_answer(field: str) -> None:
    """The corpus rows with identifiers, their text put on a photo under a title."""
    assert _disagreements(field) == []


def test_a_title_identifier_repeated_on_a_photo_stays_the_titles_in_both_paths() -> None:
    """The matcher keeps each (kind, value) once, from the first field; so must the rescore."""
    title = "Blanko KTP-EL, kontak (+62) 812 5566 7788"
    matcher, rescore = _image_ids(title, "Kontak (+62) 812 5566 7788. Blanko KTP-EL kosong.")
    assert matcher == rescore == {("phone", "+6281255667788", "title")}


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(["", "blanko ektp", "kartu chip", "e-KTP kosong no seri", "tas kulit"]),
       st.text(alphabet="0123456789ABCDEFabcdef :-\nUIDchipno", max_size=60))
def test_any_photo_text_under_any_title_gives_one_answer(title: str, photo_text: str) -> None:
    matcher, rescore = _image_ids(title, photo_text)
    assert matcher == rescore
