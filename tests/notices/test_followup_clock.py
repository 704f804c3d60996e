"""The demo keeps real time: short per-platform deadlines from its configuration, never a moved clock.

Issue 16: the demo followed up with ``now`` set past the deadline and recorded
removals dated in the future. Here the demo's own follow-up path runs with
the demo's configuration (``notice_deadline_seconds`` per platform, quick
retries), waits for the deadlines on the real clock, and afterwards no
timestamp column of any table lies ahead of the clock.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import DateTime, func, select
from sqlalchemy.orm import Session, sessionmaker

from config import Settings, load_config
from crawler.cli.demo import follow_up_in_real_time, followup_toml
from crawler.cli.errors import UserError
from crawler.cli.followup import parse_now
from crawler.recheck import SpiderListingReader
from storage.models import Base, Notice, UTCDateTime
from tests.notices.conftest import AlertFactory, RecordingHandler
from tests.notices.followup_helpers import alert_on_shop, notify
from tests.notices.shop_server import (
    SHOP_CASES,
    Answer,
    ShopServer,
    fixture_body,
    served_by,
)

#: long enough that the alerts' setup before the follow-up starts (notify, three shop answers) stays inside it on a
#: loaded machine: at 1.0 s, a CI run with the other core busy started the follow-up after every deadline had passed,
#: so no deadline was left to wait for
DEADLINE_SECONDS = 3.0


@pytest.fixture
def demo_settings(settings: Settings, shop: ShopServer, tmp_path: Path) -> Settings:
    """The demo's follow-up configuration, loaded from TOML as the demo writes it."""
    path = tmp_path / "demo.toml"
    path.write_text(followup_toml(DEADLINE_SECONDS), encoding="utf-8")
    loaded = load_config(path).settings
    assert {mp.notice_deadline_seconds for mp in loaded.marketplaces.values()} == {DEADLINE_SECONDS}
    pointed = served_by(loaded, shop.base)
    return pointed.model_copy(update={"crawl": settings.crawl, "smtp": settings.smtp})


def _latest_timestamps(factory: sessionmaker[Session]) -> dict[str, datetime]:
    """The newest value of every date-time column of every table."""
    found: dict[str, datetime] = {}
    with factory() as session:
        for table in Base.metadata.sorted_tables:
            for column in table.columns:
                if isinstance(column.type, (DateTime, UTCDateTime)):
                    value = session.scalar(select(func.max(column)))
                    if value is not None:
                        found[f"{table.name}.{column.name}"] = (
                            value if value.tzinfo else value.replace(tzinfo=UTC))
    return found


def test_demo_follow_up_waits_for_real_deadlines_and_dates_nothing_ahead(
    session_factory: sessionmaker[Session], demo_settings: Settings, make_alert: AlertFactory,
    shop: ShopServer, smtp_server: RecordingHandler,
) -> None:
    live, _gone = SHOP_CASES["blibli"]
    alert_on_shop(make_alert, session_factory, demo_settings, shop, "tokopedia", Answer(404, b""))
    alert_on_shop(make_alert, session_factory, demo_settings, shop, "blibli", Answer(200, fixture_body(live)))
    _, blocked = alert_on_shop(make_alert, session_factory, demo_settings, shop, "facebook",
                               Answer(200, fixture_body("facebook/search/login_wall")))
    sent_at = datetime.now(UTC)
    notify(session_factory, demo_settings, at=sent_at)
    with session_factory() as session:
        spans = {n.deadline_at - n.sent_at for n in session.scalars(select(Notice)) if n.deadline_at and n.sent_at}
    assert spans == {timedelta(seconds=DEADLINE_SECONDS)}

    waits: list[tuple[str, float]] = []
    reports: list[Any] = []

    def wait(label: str, seconds: float) -> None:
        waits.append((label, seconds))
        time.sleep(seconds)
        if len(waits) == 2:  # the login wall is lifted before the retry: the shop says it is gone
            shop.route(blocked, Answer(200, fixture_body(SHOP_CASES["facebook"][1])))

    follow_up_in_real_time(session_factory, demo_settings, SpiderListingReader(demo_settings),
                           actor="ktpwatch-demo", wait=wait, on_report=reports.append)

    assert waits[0][0] == "until the last notice deadline" and 0 < waits[0][1] <= DEADLINE_SECONDS + 0.5
    first, second = reports
    assert sorted(r.outcome for r in first.rows) == ["live", "removed", "unknown"]
    # the retry round asks the undecided listing again (and the still-live one, as every run does)
    assert sorted((r.marketplace, r.outcome) for r in second.rows) == [("blibli", "live"), ("facebook", "removed")]
    for row in first.rows:
        assert row.time_to_removal is None or row.time_to_removal >= timedelta(seconds=DEADLINE_SECONDS)
    now = datetime.now(UTC)
    ahead = {name: value for name, value in _latest_timestamps(session_factory).items() if value > now}
    assert ahead == {}
    assert {"rechecks.checked_at", "alerts.removed_at", "notices.deadline_at"} <= set(
        _latest_timestamps(session_factory))


def test_followup_refuses_a_future_now() -> None:
    with pytest.raises(UserError, match="future"):
        parse_now((datetime.now(UTC) + timedelta(hours=25)).isoformat())
    assert parse_now("2025-01-31T09:00") == datetime(2025, 1, 31, 9, 0, tzinfo=UTC)
