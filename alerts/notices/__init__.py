"""Takedown notices: render (Jinja2), build (RFC 5322), draft (batching), send (SMTP).

``render`` and ``message`` are pure; ``drafting`` works on a session the
caller owns; ``sending`` takes the session factory, because a notice is
claimed and committed before SMTP and settled after it.
"""

from alerts.notices.drafting import DraftResult, draft_notices, notices_dir
from alerts.notices.sending import NoticeError, SendOutcome, resolve_notice, send_notice

__all__ = [
    "DraftResult",
    "NoticeError",
    "SendOutcome",
    "draft_notices",
    "notices_dir",
    "resolve_notice",
    "send_notice",
]
