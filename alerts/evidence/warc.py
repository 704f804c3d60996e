"""Raw HTTP exchanges as WARC 1.1 records (warcio), with SHA-256 block and payload digests.

What the crawler received is the first piece of evidence: the request it sent
and the response it got, headers and body, exactly as a web archive would keep
them. One gzip-compressed WARC file per bundle; a ``warcinfo`` record says which
tool wrote it and why.

Crawlers hand over *decoded* bodies (Scrapy and Playwright both undo gzip,
brotli and chunking), so a ``Content-Encoding`` or ``Transfer-Encoding`` header
that no longer describes the stored bytes is kept under an ``X-Archive-Orig-``
name instead of being dropped (the same convention web archives use) and
``Content-Length`` is set to the stored length; otherwise a replay tool would
try to decompress plain text.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from typing import Any, Protocol
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import datetime_to_iso_date
from warcio.utils import Digester
from warcio.warcwriter import BufferWARCWriter

WARC_VERSION = "1.1"
DIGEST_ALGORITHM = "sha256"
_GZIP_MAGIC = b"\x1f\x8b"


class ExchangeLike(Protocol):
    """One HTTP request and response; ``spiders.items.HttpExchange`` satisfies it structurally."""

    @property
    def url(self) -> str: ...
    @property
    def method(self) -> str: ...
    @property
    def request_headers(self) -> tuple[tuple[str, str], ...]: ...
    @property
    def request_body(self) -> bytes: ...
    @property
    def status(self) -> int: ...
    @property
    def response_headers(self) -> tuple[tuple[str, str], ...]: ...
    @property
    def response_body(self) -> bytes: ...
    @property
    def fetched_at(self) -> str: ...


@dataclass(frozen=True)
class CapturedExchange:
    """An exchange evidence capture made itself (the browser's navigation to the listing)."""

    url: str
    method: str
    request_headers: tuple[tuple[str, str], ...]
    request_body: bytes
    status: int
    response_headers: tuple[tuple[str, str], ...]
    response_body: bytes
    fetched_at: str = ""


@dataclass(frozen=True)
class WarcResource:
    """A file kept as a WARC ``resource`` record (screenshot, rendered HTML, manifest)."""

    uri: str
    content_type: str
    data: bytes
    date: str = ""


class _Sha256Writer(BufferWARCWriter):  # type: ignore[misc]
    """warcio's buffer writer with SHA-256 digests instead of its default SHA-1.

    warcio has no option for the algorithm; its digester factory is the one hook
    (a test reads the records back with ``check_digests`` so a change upstream shows).
    """

    @staticmethod
    def _create_digester() -> Digester:
        return Digester(DIGEST_ALGORITHM)


def warc_date(value: str | datetime | None = None) -> str:
    """A WARC 1.1 date (UTC, microseconds) from an ISO 8601 string or datetime; now when absent."""
    when: datetime
    if isinstance(value, datetime):
        when = value
    elif value:
        try:
            when = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            when = datetime.now(UTC)
    else:
        when = datetime.now(UTC)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return str(datetime_to_iso_date(when.astimezone(UTC).replace(tzinfo=None), use_micros=True))


def _writer() -> _Sha256Writer:
    return _Sha256Writer(gzip=True, warc_version=WARC_VERSION)


def _warcinfo(writer: _Sha256Writer, filename: str, info: Mapping[str, str]) -> None:
    fields = {"format": "WARC File Format 1.1", "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"}
    fields.update(info)
    writer.write_record(writer.create_warcinfo_record(filename, fields))


def _has(headers: Sequence[tuple[str, str]], name: str) -> bool:
    return any(k.lower() == name for k, _ in headers)


def archived_response_headers(
    headers: Sequence[tuple[str, str]], body: bytes
) -> list[tuple[str, str]]:
    """Response headers that truthfully describe ``body`` as stored (see module docstring)."""
    out: list[tuple[str, str]] = []
    for name, value in headers:
        lower = name.lower()
        if lower == "content-encoding":
            still_gzip = value.strip().lower() in ("gzip", "x-gzip") and body.startswith(_GZIP_MAGIC)
            out.append((name, value) if still_gzip else (f"X-Archive-Orig-{name}", value))
        elif lower == "transfer-encoding":
            out.append((f"X-Archive-Orig-{name}", value))
        elif lower == "content-length":
            if value.strip() != str(len(body)):
                out.append((f"X-Archive-Orig-{name}", value))
        else:
            out.append((name, value))
    out.append(("Content-Length", str(len(body))))
    return out


def _request_record(writer: _Sha256Writer, ex: ExchangeLike, date: str) -> Any:
    parts = urlsplit(ex.url)
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    headers = list(ex.request_headers)
    if not _has(headers, "host") and parts.netloc:
        headers.insert(0, ("Host", parts.netloc))
    if ex.request_body and not _has(headers, "content-length"):
        headers.append(("Content-Length", str(len(ex.request_body))))
    http = StatusAndHeaders(f"{ex.method.upper()} {target} HTTP/1.1", headers, is_http_request=True)
    return writer.create_warc_record(
        ex.url,
        "request",
        payload=io.BytesIO(ex.request_body),
        length=len(ex.request_body),
        http_headers=http,
        warc_headers_dict={"WARC-Date": date},
    )


def _response_record(writer: _Sha256Writer, ex: ExchangeLike, date: str) -> Any:
    try:
        phrase = HTTPStatus(ex.status).phrase
    except ValueError:
        phrase = "Unknown"
    http = StatusAndHeaders(
        f"{ex.status} {phrase}",
        archived_response_headers(ex.response_headers, ex.response_body),
        protocol="HTTP/1.1",
    )
    return writer.create_warc_record(
        ex.url,
        "response",
        payload=io.BytesIO(ex.response_body),
        length=len(ex.response_body),
        http_headers=http,
        warc_headers_dict={"WARC-Date": date},
    )


def exchanges_to_warc(
    exchanges: Sequence[ExchangeLike], *, filename: str, info: Mapping[str, str]
) -> bytes:
    """A gzip-per-record WARC 1.1 file: warcinfo, then request + response per exchange."""
    writer = _writer()
    _warcinfo(writer, filename, info)
    for ex in exchanges:
        date = warc_date(ex.fetched_at)
        response = _response_record(writer, ex, date)
        request = _request_record(writer, ex, date)
        request.rec_headers.add_header(
            "WARC-Concurrent-To", response.rec_headers.get_header("WARC-Record-ID")
        )
        writer.write_record(response)
        writer.write_record(request)
    return bytes(writer.get_contents())


def resources_to_warc(
    resources: Sequence[WarcResource], *, filename: str, info: Mapping[str, str]
) -> bytes:
    """A WARC 1.1 file of ``resource`` records (the browser's view of a page, the manifest)."""
    writer = _writer()
    _warcinfo(writer, filename, info)
    for res in resources:
        record = writer.create_warc_record(
            res.uri,
            "resource",
            payload=io.BytesIO(res.data),
            length=len(res.data),
            warc_content_type=res.content_type,
            warc_headers_dict={"WARC-Date": warc_date(res.date or None)},
        )
        writer.ensure_digest(record, block=True, payload=False)
        writer.write_record(record)
    return bytes(writer.get_contents())

