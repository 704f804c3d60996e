"""Stopping a scan at a safe point within seconds of SIGTERM, in every stage.

systemd (and the scheduler) send SIGTERM and kill 90 s later; a scan must be
gone long before that, with its record saying ``interrupted`` and its
unfinished work still queued (pending evidence bundles and photos stay
pending; the next scan crawls every query again). Three stages need three
mechanisms:

* the crawl: Scrapy's own handler stops the spiders gracefully; a graceful
  stop waits for in-flight downloads, so :class:`CrawlStopGuard` forces the
  reactor down when that takes longer than :data:`CRAWL_GRACE_SECONDS`;
* the after-crawl stages (photo reading, evidence capture) poll a
  :class:`StopRequest` between units of work and cancel the unit in flight.

The signal handler only sets a flag (a handler must not log or take locks).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

#: Seconds the crawl may take to stop gracefully before the reactor is stopped by force.
CRAWL_GRACE_SECONDS = 4.0
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)

Handler = Callable[[int, FrameType | None], Any] | int | None


class StopRequest:
    """Set once a stop was asked for (SIGTERM or SIGINT, or by a caller); cheap to poll."""

    def __init__(self) -> None:
        self._event = threading.Event()
        self.signum: int | None = None

    def set(self, signum: int | None = None) -> None:
        if self.signum is None:
            self.signum = signum
        self._event.set()

    def __call__(self) -> bool:
        """True once a stop was asked for (so the object itself is a ``should_stop`` callable)."""
        return self._event.is_set()

    def wait(self, timeout: float) -> bool:
        return self._event.wait(timeout)

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        self.set(signum)

    @contextmanager
    def handling_signals(self) -> Iterator[StopRequest]:
        """While inside, SIGTERM and SIGINT set this request instead of their usual effect.

        Only the main thread can install handlers; elsewhere this is a no-op
        (the caller's own handling stays in force).
        """
        if threading.current_thread() is not threading.main_thread():
            yield self
            return
        previous: dict[int, Handler] = {s: signal.getsignal(s) for s in STOP_SIGNALS}
        for s in STOP_SIGNALS:
            signal.signal(s, self._handle)
        try:
            yield self
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler if handler is not None else signal.SIG_DFL)


class CrawlStopGuard:
    """Wraps Scrapy's shutdown handler: note the stop, then force the reactor down if it lingers.

    Installed from inside the running reactor (after Scrapy installed its
    own handlers), so the first SIGTERM goes to Scrapy's graceful stop as
    usual and also sets ``stop``; if the crawl has not ended
    ``grace`` seconds later, the reactor is stopped from its own thread.
    """

    def __init__(self, stop: StopRequest, force_stop: Callable[[], None],
                 grace: float = CRAWL_GRACE_SECONDS) -> None:
        self.stop = stop
        self.force_stop = force_stop
        self.grace = grace
        self._timer: threading.Timer | None = None

    def install(self) -> None:
        """Chain in front of whatever handles SIGTERM/SIGINT now (Scrapy's graceful stop)."""
        for s in STOP_SIGNALS:
            current = signal.getsignal(s)
            signal.signal(s, self._chained(current))

    def _chained(self, scrapy_handler: Handler) -> Callable[[int, FrameType | None], None]:
        def handle(signum: int, frame: FrameType | None) -> None:
            first = not self.stop()
            self.stop.set(signum)
            if callable(scrapy_handler):
                scrapy_handler(signum, frame)
            if first:
                self._timer = threading.Timer(self.grace, self.force_stop)
                self._timer.daemon = True
                self._timer.start()

        return handle

    def cancel(self) -> None:
        """The crawl ended: no force needed."""
        if self._timer is not None:
            self._timer.cancel()
