"""Issue 17: unstored listings survive in the spool byte for byte, and a failed scan's job says so."""

from __future__ import annotations

import threading
from datetime import UTC
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine

from config import load_config
from crawler.schedule import jobs
from crawler.spool import item_from_json, item_to_json, iter_spool, spool_items
from spiders.items import HttpExchange, ListingItem
from storage.schedule import JobOutcome
from storage.session import make_engine, make_session_factory

text = st.text(max_size=40)
exchanges = st.builds(
    HttpExchange, url=text, method=st.sampled_from(["GET", "POST"]),
    request_headers=st.lists(st.tuples(text, text), max_size=3).map(tuple),
    request_body=st.binary(max_size=64), status=st.integers(100, 599),
    response_headers=st.lists(st.tuples(text, text), max_size=3).map(tuple),
    response_body=st.binary(max_size=256), fetched_at=text,
)
items = st.builds(
    ListingItem, marketplace=st.sampled_from(["tokopedia", "olx"]), external_id=text, url=text,
    title=text, description=text, price=st.none() | st.integers(0, 10**9), seller_id=text,
    image_urls=st.lists(text, max_size=3), sold_count=st.none() | st.integers(0, 10**6),
    listed_at=st.none() | st.datetimes(timezones=st.just(UTC)), detail_fetched=st.booleans(),
    query=text, raw=st.dictionaries(text, st.integers() | text, max_size=3),
    exchanges=st.lists(exchanges, max_size=2),
)


@given(items)
def test_an_item_survives_the_spool_unchanged(item: ListingItem) -> None:
    assert item_from_json(item_to_json(item)) == item
    assert item_from_json(item_to_json(item)).content_hash() == item.content_hash()


@settings(max_examples=20)
@given(st.lists(items, min_size=1, max_size=5))
def test_spool_files_hold_their_batches_in_order(tmp_path_factory: pytest.TempPathFactory,
                                                 batch: list[ListingItem]) -> None:
    folder = tmp_path_factory.mktemp("spool")
    spool_items(folder, batch[:1], scan_id=1)
    spool_items(folder, batch[1:], scan_id=2)
    (folder / "garbage.spool.json").write_text("not json")
    read = list(iter_spool(folder))
    good = [entry.items for entry in read if not isinstance(entry, tuple)]
    bad = [entry for entry in read if isinstance(entry, tuple)]
    assert [i for part in good for i in part] == batch
    assert len(bad) == 1 and bad[0][0].name == "garbage.spool.json"


@pytest.fixture
def upgraded(tmp_path: Path) -> Engine:
    from storage.migrate import upgrade

    engine = make_engine(f"sqlite:///{tmp_path / 'jobs.db'}")
    upgrade(engine)
    return engine


def test_a_scan_job_with_unstored_listings_fails_and_names_the_problem(
    upgraded: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary: dict[str, Any] = {
        "scan_id": None, "status": "finished", "new_alerts": 0,
        "marketplaces": [{"marketplace": "olx", "store_errors": 1, "unstored": 10}],
        "problems": ["olx: 1 batch(es), 10 listing(s) not stored; spooled for the next scan"],
    }
    monkeypatch.setattr(jobs, "resolve", lambda path: lambda *a, **k: summary)
    ctx = jobs.JobContext(settings=load_config().settings, sessions=make_session_factory(upgraded),
                          config_path=None, owner="test", stop_requested=threading.Event())
    result = jobs.run_scan_job(ctx)
    assert result.outcome is JobOutcome.FAILED
    assert "not stored; spooled for the next scan" in result.detail
