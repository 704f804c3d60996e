"""Stopping a scan at a safe point within seconds of SIGTERM, in every stage.

systemd (and the scheduler) send SIGTERM and kill 90 s later; a scan must be
gone long before that, with its record saying ``interrupted`` and its
unfinished work still queued (pending evidence bundles and photos stay
pending; the next scan crawls every query again). Three stages need three
mechanisms:

* the crawl: :class:`CrawlStopGuard` stops the spiders gracefully and, since
  a graceful stop waits for in-flight downloads, forces the reactor down when
  that takes longer than :data:`CRAWL_GRACE_SECONDS`;
* the after-crawl stages (photo reading, evidence capture) poll a
  :class:`StopRequest` between units of work and cancel the unit in flight.

One handler, :meth:`StopRequest.handling_signals`, is in force for the whole
scan, from before its row is written to its end; Scrapy's own handlers are
not installed. (Before, the scan's handler covered only some stages, and
the crawl's was chained onto Scrapy's a reactor turn after Scrapy installed
it: a SIGTERM in between killed the process outright — the scan row stayed
``running`` — or reached Scrapy's graceful stop with no forced stop behind
it.) A stop asked for before the guard is armed is acted on when it is.

The signal handler sets a flag and hands the crawl's stop to the reactor
thread (``callFromThread``, as Scrapy's own handler does); it never logs.
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
        self._listeners: list[Callable[[], None]] = []

    def set(self, signum: int | None = None) -> None:
        if self.signum is None:
            self.signum = signum
        self._event.set()
        for listener in list(self._listeners):
            listener()

    def subscribe(self, listener: Callable[[], None]) -> None:
        """Call ``listener`` on every later :meth:`set` (it may run inside a signal handler)."""
        self._listeners.append(listener)

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
    """Stops the crawl when ``stop`` is set: gracefully at once, by force ``grace`` seconds later.

    :meth:`arm` runs in the reactor thread once the reactor runs; from then on
    every :meth:`StopRequest.set` (the signal handler's) is handed to that
    thread with ``call_in_reactor``, and a stop set before arming is acted on
    at arming. The first stop starts ``graceful_stop`` and a timer for
    ``force_stop``; a second one forces the stop at once (as Scrapy's second
    Ctrl-C does).
    """

    def __init__(self, stop: StopRequest, *, graceful_stop: Callable[[], None],
                 force_stop: Callable[[], None], call_in_reactor: Callable[[Callable[[], None]], None],
                 grace: float = CRAWL_GRACE_SECONDS) -> None:
        self.stop = stop
        self.graceful_stop = graceful_stop
        self.force_stop = force_stop
        self.call_in_reactor = call_in_reactor
        self.grace = grace
        self._timer: threading.Timer | None = None
        self._done = False

    def arm(self) -> None:
        """From now on a stop request stops the crawl; one already made stops it now."""
        self.stop.subscribe(lambda: self.call_in_reactor(self._on_stop))
        if self.stop():
            self._on_stop()

    def _on_stop(self) -> None:
        if self._done:
            return
        if self._timer is not None:  # asked again: no more patience
            self.force_stop()
            return
        self._timer = threading.Timer(self.grace, self.force_stop)
        self._timer.daemon = True
        self._timer.start()
        self.graceful_stop()

    def cancel(self) -> None:
        """The crawl ended: no force needed."""
        self._done = True
        if self._timer is not None:
            self._timer.cancel()
