"""The bundle manifest: one JSON file that names every evidence file with its size and SHA-256.

Its own SHA-256 goes into the database (``EvidenceBundle.manifest_sha256``), so a
changed file, a changed manifest, or a changed database row each show up as a
disagreement between two independent records. Keys are sorted and the layout is
fixed, so the same facts always give the same bytes.

The manifest names the listing's URL, and a seller's URL can hold a NIK (a
Tokopedia slug is the title). The stored manifest is evidence and is never
changed; the copy a notice carries is :func:`redacted_copy`, masked like every
other output and naming the SHA-256 of the original it was made from (the one
the notice cites and ``evidence verify`` checks).
"""

from __future__ import annotations

import json
import platform
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from typing import Any

from alerts.redaction import redact_value

MANIFEST_VERSION = 1
MANIFEST_NAME = "manifest.json"


def package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "unknown"


def ktpwatch_version() -> str:
    return package_version("ktpwatch")


def utc_iso(when: datetime) -> str:
    """UTC ISO 8601 with a ``Z``: the one time format evidence uses."""
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass(frozen=True)
class ManifestFile:
    name: str
    kind: str
    size: int
    sha256: str
    url: str = ""
    http_status: int | None = None
    captured_at: str = ""


@dataclass(frozen=True)
class Manifest:
    bundle_id: int
    listing_id: int
    alert_id: int | None
    purpose: str
    listing_url: str
    marketplace: str
    external_id: str
    requested_at: str
    captured_at: str
    tools: dict[str, str]
    viewport: dict[str, int]
    files: tuple[ManifestFile, ...]
    notes: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "manifest_version": MANIFEST_VERSION,
            "bundle_id": self.bundle_id,
            "listing_id": self.listing_id,
            "alert_id": self.alert_id,
            "purpose": self.purpose,
            "listing_url": self.listing_url,
            "marketplace": self.marketplace,
            "external_id": self.external_id,
            "requested_at": self.requested_at,
            "captured_at": self.captured_at,
            "tools": dict(sorted(self.tools.items())),
            "viewport": self.viewport,
            "files": [
                {
                    "name": f.name,
                    "kind": f.kind,
                    "size": f.size,
                    "sha256": f.sha256,
                    "url": f.url,
                    "http_status": f.http_status,
                    "captured_at": f.captured_at,
                }
                for f in self.files
            ],
            "notes": list(self.notes),
        }

    def to_bytes(self) -> bytes:
        return (json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode(
            "utf-8"
        )


def tool_versions(*, chromium: str = "", playwright: str = "") -> dict[str, str]:
    tools = {
        "ktpwatch": ktpwatch_version(),
        "warcio": package_version("warcio"),
        "python": platform.python_version(),
    }
    if chromium:
        tools["chromium"] = chromium
    if playwright:
        tools["playwright"] = playwright
    return tools


def parse_manifest(data: bytes) -> dict[str, Any]:
    """The manifest as a dict; ValueError when the bytes are not a ktpwatch manifest."""
    try:
        loaded = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"not a JSON manifest: {exc}") from None
    if not isinstance(loaded, dict) or "files" not in loaded:
        raise ValueError("not a ktpwatch manifest (no files list)")
    return loaded


def redacted_copy(data: bytes, sha256: str) -> bytes:
    """The manifest as it may leave ktpwatch in a notice: every string redacted
    (:func:`alerts.redaction.redact_value`), plus ``redacted_copy_of_sha256``.

    When nothing needed masking the original bytes are returned, so the copy
    still hashes to the SHA-256 the notice cites. Bytes that are not a ktpwatch
    manifest (written by hand, or by an older version) are masked as text.
    """
    try:
        original = parse_manifest(data)
    except ValueError:
        text = data.decode("utf-8", errors="replace")
        masked = redact_value(text)
        return data if masked == text else masked.encode("utf-8")
    copy = redact_value(original)
    if copy == original:
        return data
    copy["redacted_copy_of_sha256"] = sha256
    return (json.dumps(copy, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode("utf-8")
