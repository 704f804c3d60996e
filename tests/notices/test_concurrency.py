"""Two analysts and two senders at once, on SQLite and on a real PostgreSQL.

Each race is forced, not hoped for: the racers meet at a barrier after they
have read the row and before they write, so both act on the same stale view.
What must hold: exactly one wins, the other is told in one line who did what,
the audit trail shows only what happened, and every notice reaches the SMTP
server (aiosmtpd on 127.0.0.1) exactly once.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from email import message_from_bytes, policy

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from alerts.notices import NoticeError, draft_notices, send_notice
from alerts.notices.sending import smtp_deliver
from alerts.review import move_alerts
from config import Settings
from storage.alerts import AlertChanged, load_alerts
from storage.migrate import upgrade
from storage.models import Alert, AlertEvent, AlertStatus, Notice, NoticeStatus
from storage.session import make_engine, make_session_factory
from tests.notices.conftest import AlertFactory, RecordingHandler

ROUNDS = 4


@pytest.fixture(params=["sqlite", "postgresql"])
def session_factory(request: pytest.FixtureRequest, tmp_path: object) -> Iterator[sessionmaker[Session]]:
    """Overrides the SQLite-only factory of the notices fixtures: every test here runs on both."""
    if request.param == "postgresql":
        url = request.getfixturevalue("pg_url")
        engine = make_engine(url, pool_size=6)
    else:
        engine = make_engine(f"sqlite:///{request.getfixturevalue('tmp_path') / 'race.db'}")
    upgrade(engine)
    yield make_session_factory(engine)
    engine.dispose()


def _race(*racers: Callable[[threading.Barrier], str]) -> list[str]:
    """Run the racers on threads; each returns what its user would read. Re-raises what they raise."""
    barrier = threading.Barrier(len(racers), timeout=30)
    results: list[str] = [""] * len(racers)
    errors: list[BaseException] = []

    def run(i: int, racer: Callable[[threading.Barrier], str]) -> None:
        try:
            results[i] = racer(barrier)
        except BaseException as exc:  # surfaced below, never swallowed
            errors.append(exc)
            barrier.abort()

    threads = [threading.Thread(target=run, args=(i, r)) for i, r in enumerate(racers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    if errors:
        raise errors[0]
    return results


def _analyst(factory: sessionmaker[Session], alert_id: int, name: str, to: AlertStatus) -> Callable[
        [threading.Barrier], str]:
    def act(barrier: threading.Barrier) -> str:
        try:
            with factory.begin() as session:
                alerts = load_alerts(session, [alert_id])
                barrier.wait()  # both have read the alert as `new`
                move_alerts(session, alerts, to, actor=name, note=f"{name} decided")
        except AlertChanged as exc:
            return str(exc)
        return "ok"

    return act


def test_two_analysts_one_wins_the_other_is_told(
    session_factory: sessionmaker[Session], make_alert: AlertFactory
) -> None:
    for _ in range(ROUNDS):
        aid = make_alert(status=AlertStatus.NEW, evidence=False)
        ana, budi = _race(
            _analyst(session_factory, aid, "ana", AlertStatus.CONFIRMED),
            _analyst(session_factory, aid, "budi", AlertStatus.DISMISSED),
        )
        assert sorted([ana, budi]).count("ok") == 1, (ana, budi)
        winner, status = ("ana", "confirmed") if ana == "ok" else ("budi", "dismissed")
        loser_saw = budi if ana == "ok" else ana
        assert loser_saw == f"alert {aid} changed since you loaded it (now {status} by {winner})"
        with session_factory() as session:
            assert session.get_one(Alert, aid).status == status
            moves = session.execute(
                select(AlertEvent.actor, AlertEvent.from_status, AlertEvent.to_status)
                .where(AlertEvent.alert_id == aid, AlertEvent.to_status.is_not(None))
            ).all()
        assert [tuple(m) for m in moves] == [(winner, "new", status)]


def _draft_all(factory: sessionmaker[Session], settings: Settings) -> list[int]:
    with factory.begin() as session:
        return [n.id for n in draft_notices(session, settings).notices]


def _delivered_uids(server: RecordingHandler) -> Counter[str]:
    uids: Counter[str] = Counter()
    for envelope in server.messages:
        raw = envelope.original_content
        assert isinstance(raw, bytes)
        uids[str(message_from_bytes(raw, policy=policy.default)["X-Ktpwatch-Notice-Id"])] += 1
    return uids


def _sender(factory: sessionmaker[Session], settings: Settings, notice_ids: list[int], name: str) -> Callable[
        [threading.Barrier], str]:
    def send_all(barrier: threading.Barrier) -> str:
        lines = []
        for notice_id in notice_ids:
            barrier.wait()  # both senders start on the same notice at once
            try:
                outcome = send_notice(factory, settings, notice_id, actor=name)
            except NoticeError as exc:
                lines.append(f"refused: {exc}")
            else:
                lines.append("sent" if outcome.ok else f"failed: {outcome.error}")
        return "\n".join(lines)

    return send_all


def test_two_senders_deliver_each_notice_once(
    session_factory: sessionmaker[Session],
    settings: Settings,
    make_alert: AlertFactory,
    smtp_server: RecordingHandler,
) -> None:
    for marketplace in ("tokopedia", "shopee", "lazada", "blibli"):
        make_alert(marketplace)
    notice_ids = _draft_all(session_factory, settings)
    assert len(notice_ids) == 4
    first, second = _race(
        _sender(session_factory, settings, notice_ids, "ana"),
        _sender(session_factory, settings, notice_ids, "budi"),
    )
    for a, b in zip(first.splitlines(), second.splitlines(), strict=True):
        assert sorted([a == "sent", b == "sent"]) == [False, True], (a, b)
        refusal = b if a == "sent" else a
        assert re.fullmatch(r"refused: notice \S+ (is being sent by another run \(sending since .*\)"
                            r"|was already sent at .*|changed since you loaded it \(now sent\); nothing sent)",
                            refusal), refusal
    with session_factory() as session:
        notices = list(session.scalars(select(Notice)))
        assert {n.status for n in notices} == {NoticeStatus.SENT.value}
        assert all(n.attempts == 1 for n in notices)
        assert {a.status for a in session.scalars(select(Alert))} == {AlertStatus.NOTIFIED.value}
        uids = {n.notice_uid for n in notices}
        notified = session.scalars(
            select(AlertEvent.alert_id).where(AlertEvent.to_status == AlertStatus.NOTIFIED.value)
        ).all()
        assert sorted(Counter(notified).values()) == [1, 1, 1, 1]
    assert _delivered_uids(smtp_server) == Counter({uid: 1 for uid in uids})


class Crash(BaseException):
    """The process dying between handing the message to SMTP and hearing the answer."""


def test_a_crash_mid_send_leaves_it_sending_until_an_operator_resolves_it(
    session_factory: sessionmaker[Session],
    settings: Settings,
    make_alert: AlertFactory,
    smtp_server: RecordingHandler,
) -> None:
    aid = make_alert()
    (notice_id,) = _draft_all(session_factory, settings)

    def deliver_then_die(*args: object) -> str:
        smtp_deliver(*args)  # type: ignore[arg-type]
        raise Crash

    with pytest.raises(Crash):
        send_notice(session_factory, settings, notice_id, actor="ana", deliver=deliver_then_die)
    with session_factory() as session:
        notice = session.get_one(Notice, notice_id)
        assert notice.status == "sending" and "notices resolve" in notice.last_error
        assert session.get_one(Alert, aid).status == "confirmed"
    # nobody knows whether the server took it: no run sends it again on its own
    with pytest.raises(NoticeError, match="being sent by another run"):
        send_notice(session_factory, settings, notice_id, actor="budi")
    assert len(smtp_server.messages) == 1
