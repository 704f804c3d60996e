"""Where the storage pipeline's batches are written: one writer per process and database.

Why a child process by default: writing is Python work (SQLAlchemy compiles
and binds every statement), and a writer *thread* shares the GIL with the
reactor, so every second it writes is a second the crawl stands still. The
crawl bench measured it: with writes switched off the pipeline ran at 0.82 of
the bare spiders, with a writer thread at 0.40, while the crawl left the
second core nearly idle (the spiders used 1.1 cores, the sandbox 0.1). A
single child keeps SQLite's one-writer rule and writes batches in order.

``KTPWATCH_WRITER=thread`` (Scrapy setting or environment) writes on a thread
of the crawling process instead, e.g. where processes cannot be started.

The child ignores SIGINT and SIGTERM: the crawling process decides when to
stop and then waits (``StoragePipeline.flush``) for what the child holds. If
the crawling process is killed, the child dies with it (``PR_SET_PDEATHSIG``,
and a watch on its parent elsewhere): its open transaction rolls back whole,
like the crawling process's own would, and the next scan sees those listings
again.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from config.settings import LedgerConfig
from crawler.gc_tuning import tune_gc_for_crawling
from crawler.ingest import Scored, ingest_batch

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

WRITER_KINDS = ("process", "thread")


@dataclass(frozen=True)
class WriteJob:
    """One batch and what the writer needs to know to store it (picklable)."""

    url: str
    scan_id: int | None
    evidence_root: Path | None
    images_threshold: float | None
    batch: list[Scored]
    #: how chip UIDs are traced against the stock ledger (None: the defaults)
    ledger: LedgerConfig | None = None


_sessions: dict[str, sessionmaker[Session]] = {}
_sessions_lock = threading.Lock()


def _sessions_for(url: str) -> sessionmaker[Session]:
    from storage.session import make_engine, make_session_factory

    with _sessions_lock:
        if url not in _sessions:
            _sessions[url] = make_session_factory(make_engine(url))
        return _sessions[url]


def write_job(job: WriteJob) -> list[bool]:
    """Store one batch in one transaction; whether each item opened a new alert."""
    with _sessions_for(job.url).begin() as session:
        outcomes = ingest_batch(session, job.batch, scan_id=job.scan_id, evidence_root=job.evidence_root,
                                images_threshold=job.images_threshold, ledger=job.ledger)
    return [o.new_alert for o in outcomes]


def _child_init(parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    tune_gc_for_crawling()  # SQLAlchemy's per-statement objects, as the crawl's (writer CPU -10%)
    _die_with_parent()
    if os.getppid() != parent:  # the parent died while this process was starting
        os._exit(1)
    # The child holds both ends of the executor's call queue, so a dead parent never
    # shows as end-of-file: watch for it (portable; prctl below is Linux's instant way).
    threading.Thread(target=_watch_parent, args=(parent,), name="ktpwatch-parent-watch", daemon=True).start()


def _die_with_parent() -> None:
    """Linux: the kernel kills this process when the crawling process dies (SIGKILL included)."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _watch_parent(parent: int) -> None:
    while True:
        if os.getppid() != parent:
            os._exit(1)  # an open transaction rolls back; nothing half-written stays
        time.sleep(0.5)


_writers: dict[tuple[str, str], tuple[Executor, int]] = {}
_writers_lock = threading.Lock()


def acquire_writer(url: str, kind: str) -> Executor:
    """The writer for ``url`` in this process, started on first use; pair with :func:`release_writer`."""
    if kind not in WRITER_KINDS:
        raise ValueError(f"KTPWATCH_WRITER must be one of {', '.join(WRITER_KINDS)}, not {kind!r}")
    with _writers_lock:
        executor, users = _writers.get((url, kind), (None, 0))
        if executor is None:
            executor = (
                ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                    initializer=_child_init, initargs=(os.getpid(),))
                if kind == "process"
                else ThreadPoolExecutor(max_workers=1, thread_name_prefix="ktpwatch-writer")
            )
        _writers[(url, kind)] = (executor, users + 1)
        return executor


def release_writer(url: str, kind: str) -> None:
    """Stop the writer when its last user is done (after it wrote everything it was given)."""
    with _writers_lock:
        executor, users = _writers.get((url, kind), (None, 0))
        if executor is None:
            return
        if users > 1:
            _writers[(url, kind)] = (executor, users - 1)
            return
        del _writers[(url, kind)]
    executor.shutdown(wait=True)
    if kind == "thread":
        with _sessions_lock:
            factory = _sessions.pop(url, None)
        if factory is not None and factory.kw.get("bind") is not None:
            factory.kw["bind"].dispose()
