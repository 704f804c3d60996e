"""score_listing: verdicts, reasons, the third field, thresholds and the API shape."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from matchers import MATCHER_VERSION, Verdict, score_listing, score_many
from matchers.score import DEFAULT_BLANK_THRESHOLD, DEFAULT_RELATED_THRESHOLD

REPO = Path(__file__).resolve().parents[2]


def test_defaults_match_configuration() -> None:
    matching = tomllib.loads((REPO / "config" / "ktpwatch.toml").read_text())["matching"]
    assert matching["blank_threshold"] == DEFAULT_BLANK_THRESHOLD
    assert matching["related_threshold"] == DEFAULT_RELATED_THRESHOLD


@pytest.mark.parametrize(
    ("title", "description", "verdict"),
    [
        ("Blangko e-KTP original dinas", "", Verdict.BLANK),
        ("kartu chip original dinas", "Isi: blangko e-KTP asli, belum tercetak", Verdict.BLANK),
        ("Holder KTP-el kosong transparan", "", Verdict.BENIGN),
        ("Blangkon Jogja", "", Verdict.BENIGN),
        ("Blanko kwitansi 2 ply", "", Verdict.BENIGN),
        ("Kartu PVC blank putih ukuran KTP", "", Verdict.BENIGN),
        ("Blangko KK dan akta kelahiran", "", Verdict.RELATED),
        ("KTP jadi 1 hari", "", Verdict.RELATED),
        ("Jual data NIK aktif", "", Verdict.RELATED),
        ("Lampu tembak LED", "", Verdict.BENIGN),
        ("Bulu mata palsu", "", Verdict.BENIGN),
    ],
)
def test_verdicts(title: str, description: str, verdict: Verdict) -> None:
    assert score_listing(title, description).verdict is verdict


def test_assessment_records_reasons_scorer_and_version() -> None:
    assessment = score_listing("Blangko e-KTP", "WA 0812-3456-7890")
    assert assessment.matcher_version == MATCHER_VERSION
    assert assessment.scorer
    assert dict(assessment.thresholds) == {"blank": 60.0, "related": 55.0}
    strong = next(r for r in assessment.reasons if r.rule == "blank_ektp")
    assert (strong.field, strong.matched) == ("title", "blanko e ktp")
    json.dumps(assessment.reasons_as_dicts())
    assert [(i.kind, i.source) for i in assessment.identifiers] == [("phone", "description")]


def test_negative_context_is_a_reason_with_negative_weight() -> None:
    assessment = score_listing("Holder e-KTP kosong")
    assert any(r.rule == "neg_holder" and r.weight < 0 for r in assessment.reasons)


def test_image_text_raises_score_and_carries_identifiers() -> None:
    without = score_listing("kartu chip original dinas")
    with_image = score_listing("kartu chip original dinas", image_text="BLANGKO KTP-EL chip 04:A2:3B:1C",
                               image_sha256="cd" * 32)
    assert without.verdict is Verdict.BENIGN and with_image.verdict is Verdict.BLANK
    image_reasons = [r for r in with_image.reasons if r.field == "image"]
    assert image_reasons and all("image text" in r.detail for r in image_reasons)
    assert [(i.kind, i.value, i.source, i.image_sha256) for i in with_image.identifiers] == [
        ("chip_uid", "04A23B1C", "image", "cd" * 32)
    ]


def test_thresholds_are_options() -> None:
    assert score_listing("Blangko e-KTP", blank_threshold=100.1).verdict is not Verdict.BLANK


def test_score_many_equals_one_by_one() -> None:
    rows = [("Blangko e-KTP", ""), ("Kaos polos", "hitam"), ("KTP jadi", "")]
    assert score_many(rows) == [score_listing(t, d) for t, d in rows]


def test_new_assessment_equals_the_dataclass() -> None:
    from dataclasses import astuple

    from matchers.result import Assessment, new_assessment

    fields = (Verdict.BLANK, 99.0, (), (), MATCHER_VERSION, "scorer", (("blank", 60.0),))
    built = new_assessment(*fields)
    assert built == Assessment(*fields) and astuple(built) == fields and hash(built) == hash(Assessment(*fields))
