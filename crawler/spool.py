"""Listings the writer could not store, kept on disk until a later scan stores them.

A failed batch write (database down, disk full, a constraint bug) must not
lose what the crawl found: the pipeline writes the batch here, one JSON file
per batch, and the next scan stores every spooled file before it crawls
(:func:`crawler.scan.run.run_scan`). A file is deleted only after its listings
were committed; a file that cannot be read is kept and named, never dropped.

JSON, not pickle: a spool folder is a place other processes can write to,
and reading it must never run code. The HTTP exchanges travel with the
listings (base64 bodies) because a hit's WARC evidence is written from them.
"""

from __future__ import annotations

import base64
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from spiders.items import HttpExchange, ListingItem

SUFFIX = ".spool.json"
FORMAT = 1


@dataclass(frozen=True)
class SpooledBatch:
    path: Path
    items: list[ListingItem]


def _exchange_dict(exchange: HttpExchange) -> dict[str, Any]:
    return {
        "url": exchange.url, "method": exchange.method,
        "request_headers": [list(p) for p in exchange.request_headers],
        "request_body": base64.b64encode(exchange.request_body).decode("ascii"),
        "status": exchange.status,
        "response_headers": [list(p) for p in exchange.response_headers],
        "response_body": base64.b64encode(exchange.response_body).decode("ascii"),
        "fetched_at": exchange.fetched_at,
    }


def _exchange(data: dict[str, Any]) -> HttpExchange:
    return HttpExchange(
        url=str(data["url"]), method=str(data["method"]),
        request_headers=tuple((str(k), str(v)) for k, v in data["request_headers"]),
        request_body=base64.b64decode(data["request_body"]),
        status=int(data["status"]),
        response_headers=tuple((str(k), str(v)) for k, v in data["response_headers"]),
        response_body=base64.b64decode(data["response_body"]),
        fetched_at=str(data.get("fetched_at", "")),
    )


def item_to_json(item: ListingItem) -> dict[str, Any]:
    """The item with its exchanges, JSON-ready."""
    data = item.to_dict()
    data["exchanges"] = [_exchange_dict(e) for e in item.exchanges]
    return data


def item_from_json(data: dict[str, Any]) -> ListingItem:
    """Inverse of :func:`item_to_json`."""
    fields = dict(data)
    exchanges = [_exchange(e) for e in fields.pop("exchanges", [])]
    listed_at = fields.pop("listed_at", None)
    return ListingItem(
        **fields,
        listed_at=datetime.fromisoformat(listed_at) if listed_at else None,
        exchanges=exchanges,
    )


def spool_items(folder: Path, items: Iterable[ListingItem], *, scan_id: int | None) -> Path:
    """Write ``items`` to a new file in ``folder`` (atomically: a reader never sees half a file)."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    payload = {"format": FORMAT, "scan_id": scan_id, "items": [item_to_json(i) for i in items]}
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f"scan-{scan_id}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(payload, out, ensure_ascii=False)
            out.flush()
            os.fsync(out.fileno())
        final = Path(tmp).with_suffix("").with_suffix(SUFFIX)
        os.replace(tmp, final)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return final


def spooled_files(folder: Path) -> list[Path]:
    """Spool files in the order they were written."""
    if not folder.is_dir():
        return []
    return sorted(folder.glob("*" + SUFFIX), key=lambda p: (p.stat().st_mtime_ns, p.name))


def read_spool(path: Path) -> SpooledBatch:
    """The listings of one spool file; ``ValueError`` when it is not one."""
    payload = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise ValueError(f"{path} is not a ktpwatch spool file (format {FORMAT})")
    return SpooledBatch(path=path, items=[item_from_json(d) for d in payload["items"]])


def iter_spool(folder: Path) -> Iterator[SpooledBatch | tuple[Path, Exception]]:
    """Every spooled batch, or (path, error) for a file that cannot be read."""
    for path in spooled_files(folder):
        try:
            yield read_spool(path)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            yield path, exc
