"""Tell a chat channel when a scan opens new alerts: one JSON POST, never an exception.

Teams that watch Slack, Mattermost or Matrix point ``[webhook] url`` (or
``KTPWATCH_WEBHOOK_URL``) at an incoming-webhook address. A webhook that is
down, slow or refusing must never fail the scan that called it, so every
problem becomes a log line and ``False``. The payload is redacted like every
output (:func:`alerts.redaction.redact_value`): a chat channel is no place for a NIK.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import httpx

from alerts.redaction import redact_value
from config import Settings
from config.secrets import redact_url

log = logging.getLogger("ktpwatch.webhook")


def webhook_text(summary: dict[str, Any]) -> str:
    """A one-line human summary (chat tools show ``text``)."""
    new = summary.get("new_alerts", 0)
    parts = [f"ktpwatch: {new} new alert(s)"]
    per = summary.get("by_marketplace")
    if isinstance(per, dict) and per:
        parts.append(", ".join(f"{k}: {v}" for k, v in sorted(per.items())))
    flags = summary.get("health_flags")
    if flags:
        parts.append(f"health flags: {flags}")
    return "; ".join(str(p) for p in parts)


def post_new_alerts(settings: Settings, summary: dict[str, Any]) -> bool:
    """POST ``summary`` (plus a ``text`` line) as JSON; True when the hook answered 2xx."""
    url = settings.webhook.url
    if not url:
        return False
    payload = redact_value({"text": webhook_text(summary), **summary})
    try:
        body = json.dumps(payload, ensure_ascii=False, default=str).encode("utf-8")
        response = httpx.post(
            url,
            content=body,
            headers={"Content-Type": "application/json", "User-Agent": settings.crawl.user_agent},
            timeout=settings.webhook.timeout_seconds,
            follow_redirects=False,
        )
    except Exception as exc:  # the scan must go on whatever the hook does
        log.warning("webhook %s failed: %s: %s", redact_url(url), type(exc).__name__, exc)
        return False
    if not response.is_success:
        log.warning("webhook %s answered HTTP %s", redact_url(url), response.status_code)
        return False
    return True
