"""The seeded catalogue: deterministic, realistic, with findable planted fraud and look-alikes."""

from __future__ import annotations

import re
from datetime import date

import pytest

from config import KNOWN_MARKETPLACES, load_config
from sandbox.catalogue import Catalogue, build_catalogue
from sandbox.planted_texts import PROVINCE_CODES, colon_uid


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return build_catalogue(seed=3, listings=3000)


def test_same_seed_gives_the_same_catalogue() -> None:
    first, again = build_catalogue(5, 600), build_catalogue(5, 600)
    assert first.fingerprint() == again.fingerprint()
    assert build_catalogue(6, 600).fingerprint() != first.fingerprint()


def test_listings_are_spread_over_every_marketplace_newest_first(catalogue: Catalogue) -> None:
    assert len(catalogue) == 3000
    assert set(catalogue.shops) == set(KNOWN_MARKETPLACES)
    for shop in catalogue.shops.values():
        assert len(shop.listings) == 500
        dates = [listing.created_at for listing in shop.listings]
        assert dates == sorted(dates, reverse=True)
        assert len({listing.external_id for listing in shop.listings}) == 500


def test_every_marketplace_has_planted_blank_related_and_hard_negatives(catalogue: Catalogue) -> None:
    for name, shop in catalogue.shops.items():
        labels = {(item.kind, item.label) for item in shop.listings}
        assert {("planted", "blank"), ("planted", "related"), ("hard_negative", "benign"),
                ("ordinary", "benign")} <= labels, name
        assert any(item.detail_only for item in shop.listings), name


def test_titles_are_varied(catalogue: Catalogue) -> None:
    titles = {item.title for item in catalogue}
    assert len(titles) > 800


def test_planted_variants_include_obfuscation_and_identifiers(catalogue: Catalogue) -> None:
    planted = catalogue.planted()
    titles = [item.title for item in planted if item.label == "blank"]
    assert any(re.search(r"[\u200b-\u200d\u2060]", t) for t in titles), "zero-width"
    assert any(re.search(r"[\u0400-\u04ff]", t) for t in titles), "homoglyphs"
    assert any(re.search(r"8L4NK0|8L4N9K0", t) for t in titles), "leetspeak"
    kinds = {kind for item in planted for kind, _ in item.identifiers}
    # planted actors (sandbox/planted_actors.py) add bank accounts, e-wallets and Telegram links
    assert kinds == {"chip_uid", "nik", "phone", "bank_account", "ewallet", "url"}
    assert any("wa.me/" in item.description for item in planted)


def test_planted_identifiers_are_in_the_text_and_well_formed(catalogue: Catalogue) -> None:
    for item in catalogue.planted():
        text = item.description
        for kind, value in item.identifiers:
            if kind == "chip_uid":
                assert re.fullmatch(r"04[0-9A-F]{12}", value)
                assert value in text or colon_uid(value) in text
            elif kind == "nik":
                assert re.fullmatch(r"\d{16}", value) and value in text
                assert int(value[:2]) in PROVINCE_CODES
                day = int(value[6:8]) % 40
                date(2000, int(value[8:10]), day)  # raises on an impossible date
            elif kind in ("phone", "ewallet"):
                phone = value.partition(":")[2] if kind == "ewallet" else value
                assert re.fullmatch(r"\+628\d{8,11}", phone)
                assert phone[3:] in re.sub(r"\D", "", text)
            elif kind == "bank_account":
                bank, _, account = value.partition(":")
                assert bank in text and account in re.sub(r"\D", "", text)
            else:
                assert kind == "url" and value.removeprefix("https://") in text


def test_detail_only_titles_hide_the_telling_words(catalogue: Catalogue) -> None:
    hidden = [item for item in catalogue.planted() if item.detail_only]
    assert hidden
    for item in hidden:
        assert not re.search(r"bla\w*ko", item.title, re.IGNORECASE)
        assert re.search(r"bla\w*ko", item.description, re.IGNORECASE)


def test_every_planted_blank_is_found_by_the_default_lexicon(catalogue: Catalogue) -> None:
    lexicon = load_config(None).settings.queries.lexicon
    for name in catalogue.shops:
        found = {item.external_id for query in lexicon for item in catalogue.search(name, query)}
        missed = [item.title for item in catalogue.shops[name].listings
                  if item.kind == "planted" and item.label == "blank" and item.external_id not in found]
        assert not missed, f"{name}: {missed}"


def test_lexicon_results_mix_targets_with_hard_negatives(catalogue: Catalogue) -> None:
    hits = catalogue.search("tokopedia", "blangko e-ktp")
    kinds = {item.kind for item in hits}
    assert {"planted", "hard_negative"} <= kinds
    assert len(hits) > 60  # several pages at the shops' page sizes


def test_unknown_marketplace_and_bad_sizes() -> None:
    assert build_catalogue(1, 60).search("bukalapak", "ktp") == ()
    with pytest.raises(ValueError):
        build_catalogue(1, 0)
    with pytest.raises(ValueError):
        build_catalogue(1, 10, [])
