"""HostPacer: starts to one host are spaced by the interval, other hosts never wait, threads share it."""

from __future__ import annotations

import threading
import time

import pytest

from alerts.host_pacing import HostPacer


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_starts_to_one_host_are_spaced_by_the_interval() -> None:
    clock = FakeClock()
    pacer = HostPacer(0.5, clock=clock)
    waits = [pacer.reserve("https://img.example/a.jpg") for _ in range(4)]
    assert waits == pytest.approx([0.0, 0.5, 1.0, 1.5])
    # time passing pays off the queue
    clock.now += 3.0
    assert pacer.reserve("https://img.example/b.jpg") == 0.0


def test_hosts_are_paced_independently_and_case_insensitively() -> None:
    pacer = HostPacer(1.0, clock=FakeClock())
    assert pacer.reserve("https://a.example/1") == 0.0
    assert pacer.reserve("https://b.example/1") == 0.0
    assert pacer.reserve("https://A.EXAMPLE/2") == pytest.approx(1.0)
    assert pacer.reserve("https://b.example:8443/2") == pytest.approx(1.0)  # the host, not host:port


def test_zero_interval_never_waits_and_negative_is_refused() -> None:
    pacer = HostPacer(0.0)
    assert all(pacer.reserve("https://a.example/") == 0.0 for _ in range(100))
    with pytest.raises(ValueError, match="interval"):
        HostPacer(-1)


def test_threads_sharing_a_pacer_each_get_their_own_start() -> None:
    pacer = HostPacer(0.5, clock=FakeClock())  # the clock stands still: every booking queues
    waits: list[float] = []
    lock = threading.Lock()

    def worker() -> None:
        for _ in range(200):
            wait = pacer.reserve("http://127.0.0.1:9/img")
            with lock:
                waits.append(wait)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(waits) == pytest.approx([0.5 * i for i in range(800)])


def test_wait_sleeps_the_booked_time() -> None:
    pacer = HostPacer(0.05)
    t0 = time.monotonic()
    assert pacer.wait("http://127.0.0.1:9/a") == 0.0
    assert pacer.wait("http://127.0.0.1:9/b") > 0.0
    assert time.monotonic() - t0 >= 0.04
