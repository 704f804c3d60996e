"""Small, hostile-input-safe readers shared by the Blibli, OLX and Facebook parsers.

A parser must never raise on what a marketplace (or an attacker in the middle) sends:
these helpers turn bodies into JSON or text without exceptions, say whether an
HTML answer is a block or a captcha, and read loosely typed values (``"85,2 rb"``
sold counts, ``"Rp281.200"`` prices) into integers.
"""

from __future__ import annotations

import html
import json
import re
from collections import deque
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

from spiders.items import ListingItem, PageOutcome

#: Largest body a parser looks at; larger answers are cut (the spider's DOWNLOAD_MAXSIZE is the real guard).
MAX_BODY = 16 * 1024 * 1024

# sec-if-cpt-container: Akamai Bot Manager's behavioural challenge, answered with status 200
_CAPTCHA = re.compile(
    rb"captcha|/_____tmd_____/punish|x5secdata|/checkpoint/|RGV587_ERROR|sec-if-cpt-container", re.I
)
_BLOCKED = re.compile(
    rb"access denied|request blocked|rate limit exceeded|too many requests|forbidden|"
    rb"you don't have permission|errors\.edgesuite\.net",
    re.I,
)
#: A login page served instead of the answer (Facebook's wall, shops' redirect to /login)
_LOGIN = re.compile(
    rb"id=\"login_form\"|log in to (facebook|continue)|you must log in|masuk ke akun|"
    rb"silakan masuk|login untuk melanjutkan|<form[^>]*action=\"[^\"]*/login",
    re.I,
)
_SCRIPT_OR_STYLE = re.compile(rb"<(script|style|noscript)\b.*?</\1\s*>", re.I | re.S)
_TAG_BYTES = re.compile(rb"<[^>]*>")
_INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script\s*>", re.I | re.S)
#: An HTML page with less visible text than this and less inline script than
#: EMPTY_SHELL_SCRIPT is an empty shell (a real result or item page carries either)
EMPTY_SHELL_TEXT = 120
EMPTY_SHELL_SCRIPT = 1024
EMPTY_SHELL_REASON = "empty shell: the page before its scripts ran"
_TAG = re.compile(r"<[^>]*>")
#: One amount: dot-grouped ("1.250.000", optional ",00"), comma-grouped ("199,000"), or plain digits
_RUPIAH = re.compile(
    r"\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?(?!\d)|\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?(?!\d)|\d+(?:[.,]\d{1,2})?(?!\d)"
)
_SPACE = re.compile(r"[ \t\r\f\v]+")
_SLUG = re.compile(r"[^a-z0-9]+")


class JsonError(Exception):
    """The body is not the JSON document the parser expected; the message says why."""


def as_bytes(body: bytes | str) -> bytes:
    raw = body.encode("utf-8", "replace") if isinstance(body, str) else bytes(body)
    return raw[:MAX_BODY]


def as_text(body: bytes | str) -> str:
    """Text of a body, invalid UTF-8 replaced (HTML pages are read leniently)."""
    return as_bytes(body).decode("utf-8", "replace")


def load_json(body: bytes | str) -> Any:
    """Parse a JSON body or raise :class:`JsonError` (never anything else)."""
    raw = as_bytes(body).lstrip()
    if raw.startswith(b"for (;;);"):  # Facebook's anti-hijacking prefix
        raw = raw[len(b"for (;;);"):]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise JsonError(f"body is not UTF-8 ({exc.reason} at byte {exc.start})") from None
    try:
        doc, _end = json.JSONDecoder().raw_decode(text)
    except RecursionError:
        raise JsonError("JSON nested too deeply") from None
    except ValueError as exc:
        raise JsonError(f"body is not JSON ({exc})") from None
    return doc


def looks_like_html(body: bytes | str) -> bool:
    head = as_bytes(body)[:2048].lstrip().lower()
    return head.startswith((b"<!doctype", b"<html", b"<head", b"<body", b"<!--", b"<div", b"<script"))


def visible_text(body: bytes | str) -> str:
    """The visible text of an HTML page: scripts, styles and tags dropped, whitespace squeezed."""
    stripped = _TAG_BYTES.sub(b" ", _SCRIPT_OR_STYLE.sub(b" ", as_bytes(body)))
    return html.unescape(b" ".join(stripped.split()).decode("utf-8", "replace"))


def inline_script_chars(body: bytes | str) -> int:
    """Characters of inline script (embedded data or code) in a page; ``<script src>`` tags count nothing."""
    return sum(len(m.group(2)) for m in _INLINE_SCRIPT.finditer(as_bytes(body)))


def is_empty_shell(body: bytes | str) -> bool:
    """An HTML page with (almost) no visible text and no embedded data: the marketplace's app before its scripts ran."""
    return (
        looks_like_html(body)
        and len(visible_text(body)) < EMPTY_SHELL_TEXT
        and inline_script_chars(body) < EMPTY_SHELL_SCRIPT
    )


def refusal(body: bytes | str) -> PageOutcome | None:
    """A captcha, block or login page in ``body`` (any format), else None.

    Meant for answers that did NOT parse as results: a real result page can
    carry these words in a listing's text.
    """
    raw = as_bytes(body)
    if _CAPTCHA.search(raw):
        return PageOutcome(status="captcha", reason="captcha page instead of results")
    if _BLOCKED.search(raw):
        return PageOutcome(status="blocked", reason="the shop refused the request")
    if _LOGIN.search(raw):
        return PageOutcome(status="blocked", reason="login wall instead of results")
    return None


def classify_unusable(
    body: bytes | str, *, default_reason: str, not_found: re.Pattern[str] | None = None
) -> PageOutcome:
    """Outcome for a body that did not carry results (or the listing), in this order.

    captcha → blocked → login wall → the marketplace's own not-found page (``not_found``
    matched against the *visible* text only, so a script URL with "404" in it
    never reads as a removal) → empty shell → layout changed. An empty shell is
    ``layout_changed`` with :data:`EMPTY_SHELL_REASON`: it says nothing about the
    results or the listing (never results, never live, asked again), and it is
    not a refusal either, so a bare "404 Not Found" page with HTTP 404 still
    reads as a removal.
    """
    raw = as_bytes(body)
    refused = refusal(raw)
    if refused is not None:
        return refused
    if not_found is not None and not_found.search(visible_text(raw)):
        return PageOutcome(status="not_found", reason="the shop's own not-found page")
    if is_empty_shell(raw):
        return PageOutcome(status="layout_changed", reason=EMPTY_SHELL_REASON)
    return PageOutcome(status="layout_changed", reason=default_reason)


def top_level_refusal(doc: Any) -> PageOutcome | None:
    """A refusal spelled in a JSON answer's own top two levels (captcha URL, login, rate limit).

    Only the envelope is read, never the listings inside it, so a product whose
    title says "captcha" does not turn a result page into a block.
    """
    parts: list[str] = []
    for key, value in doc.items() if isinstance(doc, dict) else ():
        parts.append(str(key))
        inner = (
            value.items() if isinstance(value, dict)
            else [("", v) for v in value[:20]] if isinstance(value, list)
            else [("", value)]
        )
        for sub_key, sub_value in inner:
            parts.append(str(sub_key))
            if isinstance(sub_value, (str, int)) and not isinstance(sub_value, bool):
                parts.append(str(sub_value)[:500])
    text = " ".join(parts).encode("utf-8", "replace")
    if _CAPTCHA.search(text):
        return PageOutcome(status="captcha", reason="captcha answer instead of results")
    if _BLOCKED.search(text) or _LOGIN.search(text) or re.search(rb"\blogin\b|\bunauthori[sz]ed\b", text, re.I):
        return PageOutcome(status="blocked", reason="the shop refused the request (JSON answer)")
    return None


def dig(doc: Any, *path: str | int) -> Any:
    """``doc[p0][p1]…`` or None when any step is missing or of the wrong type."""
    cur = doc
    for step in path:
        if isinstance(step, int):
            if not isinstance(cur, list) or not -len(cur) <= step < len(cur):
                return None
        elif not isinstance(cur, dict):
            return None
        cur = cur[step] if isinstance(step, int) else cur.get(step)
    return cur


def text_at(doc: Any, *path: str | int) -> str:
    value = dig(doc, *path)
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, (str, int, float)):
        return str(value).strip()
    return ""


def int_or_none(value: Any) -> int | None:
    """Whole number from ``281200.0``, ``"130.00"`` or ``"Rp281.200"``; None when there is none."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value == value and abs(value) < 1e18 else None
    if isinstance(value, str):
        cleaned = value.strip()
        if re.fullmatch(r"-?\d+(\.\d+)?", cleaned):
            return int(float(cleaned)) if abs(float(cleaned)) < 1e18 else None
        digits = re.sub(r"\D", "", cleaned)
        return int(digits[:18]) if digits else None
    return None


def rupiah(value: Any) -> int | None:
    """Whole rupiah of a price as marketplaces show it: ``118990``, ``"Rp118.990"``, ``"Rp10.000 - Rp25.000"`` (the first).

    Indonesian prices group thousands with dots (some marketplaces' feeds with commas,
    ``"199,000"``) and rarely show cents; a range or "mulai dari" text gives its
    first amount, never the digits of both run together.
    """
    if not isinstance(value, str):
        return int_or_none(value)
    cleaned = value.strip()
    if re.fullmatch(r"-?\d+(\.\d+)?", cleaned) and not re.fullmatch(r"\d{1,3}(\.\d{3})+", cleaned):
        return int_or_none(cleaned)
    match = _RUPIAH.search(cleaned)
    if not match:
        return None
    whole = re.sub(r"[.,]\d{1,2}$", "", match.group(0))  # cents ("Rp1.250.000,00") are dropped
    return int(re.sub(r"[.,]", "", whole)[:18])


def sold_count(text: str) -> int | None:
    """Indonesian sold labels: ``"85,2 rb"`` -> 85200, ``"1,5 jt"`` -> 1500000, ``"100+"`` -> 100."""
    match = re.search(r"(\d+(?:[.,]\d+)?)\s*(rb|ribu|k|jt|juta)?", text.lower())
    if not match:
        return None
    number = float(match.group(1).replace(",", "."))
    scale = {"rb": 1000, "ribu": 1000, "k": 1000, "jt": 1_000_000, "juta": 1_000_000}.get(
        match.group(2) or "", 1
    )
    if scale == 1 and "." in match.group(1):  # "1.234" is a thousands separator, not a fraction
        return int(match.group(1).replace(".", ""))
    return round(number * scale)


def html_to_text(markup: str) -> str:
    """Readable text of a product description written in HTML (tags dropped, entities decoded)."""
    spaced = re.sub(r"(?i)<\s*(br|/p|/li|/div|/h\d)\b[^>]*>", "\n", markup)
    lines = (_SPACE.sub(" ", line).strip() for line in html.unescape(_TAG.sub("", spaced)).splitlines())
    return "\n".join(line for line in lines if line)


def slugify(text: str) -> str:
    """URL slug as the marketplaces write them: lowercase ASCII words joined by hyphens."""
    return _SLUG.sub("-", text.lower()).strip("-")


def utc_from_epoch(value: Any) -> datetime | None:
    seconds = int_or_none(value)
    if seconds is None or not 0 < seconds < 32_503_680_000:
        return None
    return datetime.fromtimestamp(seconds, tz=UTC)


def utc_from_iso(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def walk_dicts(
    doc: Any, *, limit: int = 200_000, stop_at: Callable[[dict[str, Any]], bool] | None = None
) -> Iterator[dict[str, Any]]:
    """Every dict inside ``doc``, breadth first, without recursion (hostile nesting is safe).

    ``stop_at(obj)`` true: ``obj`` is yielded but not looked inside (a product's
    own variants are parts of it, not more products). It is asked after the
    caller has seen ``obj``, so the caller may decide it while reading ``obj``.
    """
    queue: deque[Any] = deque([doc])
    seen = 0
    while queue and seen < limit:
        current = queue.popleft()
        seen += 1
        if isinstance(current, dict):
            yield current
            if stop_at is None or not stop_at(current):
                queue.extend(v for v in current.values() if isinstance(v, (dict, list)))
        elif isinstance(current, list):
            queue.extend(v for v in current if isinstance(v, (dict, list)))


def missing_path(entry: Any, where: str, path: tuple[str | int, ...]) -> str:
    """The exact JSON path that stopped a reader, e.g. ``items[3].item_basic.name``.

    Walks ``path`` inside ``entry`` and names it under ``where`` (the entry's own
    path) up to the first step that is absent, null or empty, so the operator sees
    which field of which entry the marketplace stopped sending.
    """
    cur, walked = entry, where
    for step in path:
        walked += f"[{step}]" if isinstance(step, int) else (f".{step}" if walked else step)
        cur = dig(cur, step)
        if cur is None or cur == "":
            break
    return walked


def finish_search(
    items: list[ListingItem], missing: list[str], outcome: PageOutcome, *, what: str
) -> tuple[list[ListingItem], PageOutcome]:
    """Final outcome of a search page: never "ok" with zero items when entries were unreadable.

    ``missing`` holds, per entry the parser gave up on, the JSON path that was
    missing (see :func:`missing_path`); the reason names the first three.
    """
    if not missing:
        return items, outcome
    named = ", ".join(missing[:3]) + (f" and {len(missing) - 3} more" if len(missing) > 3 else "")
    if not items:
        return [], PageOutcome(
            status="layout_changed", reason=f"{len(missing)} {what} unreadable: missing {named}",
        )
    reason = f"{len(missing)} {what} skipped: missing {named}"
    return items, PageOutcome(
        status=outcome.status, reason=reason, total=outcome.total,
        has_next=outcome.has_next, next_token=outcome.next_token,
    )
