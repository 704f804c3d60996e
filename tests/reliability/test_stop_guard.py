"""CrawlStopGuard and StopRequest without a reactor: a stop is never lost, whenever it comes.

Issue 17's SIGTERM item left a gap: the crawl's guard was chained onto
Scrapy's handler a reactor turn after Scrapy installed it, so a SIGTERM that
came before then either killed the scan outright or reached a graceful stop
with no forced stop behind it. These tests hold the guard to acting on a
stop made at any moment: before it is armed, after, and twice.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable

import pytest
import redis as redis_lib

from crawler.distributed import ScanKeys, wait_for_scan
from crawler.shutdown import CrawlStopGuard, StopRequest
from tests.servers import RedisServer


class Recorder:
    def __init__(self) -> None:
        self.calls: list[str] = []
        self.forced = threading.Event()
        self.queued: list[Callable[[], None]] = []

    def guard(self, stop: StopRequest, grace: float = 30.0) -> CrawlStopGuard:
        return CrawlStopGuard(stop, graceful_stop=lambda: self.calls.append("graceful"),
                              force_stop=self.force, call_in_reactor=self.queued.append, grace=grace)

    def force(self) -> None:
        self.calls.append("force")
        self.forced.set()

    def run_reactor_turn(self) -> None:
        queued, self.queued = self.queued, []
        for call in queued:
            call()


@pytest.mark.parametrize("when", ["before arming", "after arming"])
def test_a_stop_starts_a_graceful_stop_whenever_it_comes(when: str) -> None:
    stop, reactor = StopRequest(), Recorder()
    guard = reactor.guard(stop)
    if when == "before arming":
        stop.set(signal.SIGTERM)
        guard.arm()
    else:
        guard.arm()
        stop.set(signal.SIGTERM)
        assert reactor.calls == []  # handed to the reactor thread, not run in the signal handler
    reactor.run_reactor_turn()
    assert reactor.calls == ["graceful"]
    guard.cancel()


def test_a_graceful_stop_that_lingers_is_forced_after_the_grace() -> None:
    stop, reactor = StopRequest(), Recorder()
    guard = reactor.guard(stop, grace=0.2)
    guard.arm()
    stop.set(signal.SIGTERM)
    reactor.run_reactor_turn()
    assert reactor.forced.wait(5)
    assert reactor.calls == ["graceful", "force"]


def test_a_second_signal_forces_at_once_and_a_finished_crawl_is_not_forced() -> None:
    stop, reactor = StopRequest(), Recorder()
    guard = reactor.guard(stop)
    guard.arm()
    stop.set(signal.SIGTERM)
    stop.set(signal.SIGINT)
    reactor.run_reactor_turn()
    assert reactor.calls == ["graceful", "force"]
    guard.cancel()

    stop, reactor = StopRequest(), Recorder()
    guard = reactor.guard(stop, grace=0.1)
    guard.arm()
    guard.cancel()  # the crawl ended before the signal
    stop.set(signal.SIGTERM)
    reactor.run_reactor_turn()
    assert not reactor.forced.wait(0.3) and reactor.calls == []


def test_the_handler_keeps_the_first_signal_and_restores_the_previous_handlers() -> None:
    before = signal.getsignal(signal.SIGTERM)
    stop = StopRequest()
    with stop.handling_signals():
        os.kill(os.getpid(), signal.SIGTERM)
        os.kill(os.getpid(), signal.SIGINT)
        assert stop.wait(5)
    assert stop.signum == signal.SIGTERM
    assert signal.getsignal(signal.SIGTERM) == before


def test_a_coordinator_waiting_for_workers_stops_when_asked(redis: RedisServer) -> None:
    # the scan's one handler catches SIGTERM in distributed mode too, so the wait must poll it
    server = redis_lib.Redis.from_url(redis.url)
    keys = ScanKeys(7)
    server.rpush(keys.queue("tokopedia"), b"a request no worker took")  # the scan is not done
    asked = StopRequest()
    threading.Timer(0.3, asked.set, args=(signal.SIGTERM,)).start()
    started = time.monotonic()
    assert wait_for_scan(server, 7, ["tokopedia"], should_stop=asked, poll_seconds=0.05) is False
    assert time.monotonic() - started < 3
