"""Takedown notices: render (Jinja2), build (RFC 5322), draft (batching), send (SMTP).

``render`` and ``message`` are pure; ``drafting`` and ``sending`` work on a
session the caller owns.
"""

from alerts.notices.drafting import DraftResult, draft_notices, notices_dir
from alerts.notices.sending import NoticeError, SendOutcome, send_notice

__all__ = [
    "DraftResult",
    "NoticeError",
    "SendOutcome",
    "draft_notices",
    "notices_dir",
    "send_notice",
]
