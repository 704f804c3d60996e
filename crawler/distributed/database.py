"""The one database every side of a distributed scan must share, checked before a worker writes.

A worker checks that the scan's row is in its own database (its start time,
which the coordinator writes into the scan's meta) and refuses the scan
otherwise: listings written elsewhere would be lost to the coordinator.
"""

from __future__ import annotations

from crawler.distributed.keys import WorkerError


def shown_url(url: str) -> str:
    """A database URL as it may be printed (and kept in Redis): without its password or tokens."""
    from config.secrets import redact_url

    return redact_url(url)


def scan_started_in(storage_url: str, scan_id: int) -> str:
    """When scan ``scan_id`` started, read from the database at ``storage_url``.

    The scan row's start time fingerprints the coordinator's database: a
    worker that finds the same row writes where the coordinator reads. A
    missing SQLite file is not created (that was the silent local database).
    """
    import sqlalchemy as sa
    from sqlalchemy.exc import SQLAlchemyError

    from storage.models import Scan
    from storage.session import make_engine, sqlite_path

    path = sqlite_path(storage_url)
    if path is not None and not path.exists():
        raise WorkerError(f"no database file {path}")
    engine = make_engine(storage_url)
    try:
        with engine.connect() as conn:
            started = conn.execute(sa.select(Scan.started_at).where(Scan.id == scan_id)).scalar()
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        raise WorkerError(f"cannot read scan {scan_id}: {reason}") from None
    finally:
        engine.dispose()
    if started is None:
        raise WorkerError(f"no scan {scan_id} in it")
    return started.isoformat()


def check_scan_database(storage_url: str, scan_id: int, meta: dict[str, str]) -> None:
    """Refuse to work on a scan whose database is not this worker's (storage.url)."""
    where = meta.get("storage", "an unknown database")
    try:
        found = scan_started_in(storage_url, scan_id)
    except WorkerError as exc:
        found, why = None, str(exc)
    else:
        why = "another scan with that id"
    if found is None or found != meta.get("scan_started"):
        raise WorkerError(
            f"scan {scan_id} is stored in {where}, but this worker's storage.url is "
            f"{shown_url(storage_url)} ({why}); set storage.url or KTPWATCH_DB_URL to the "
            "coordinator's database"
        )
