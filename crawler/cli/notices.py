"""`ktpwatch notices`: draft takedown notices, preview them, send them, list them."""

from __future__ import annotations

import email
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.text import Text

from alerts.notices import NoticeError, draft_notices, resolve_notice, send_notice
from alerts.redaction import redact_text
from crawler.cli.errors import UserError
from crawler.cli.options import AsOption
from crawler.cli.output import OutputFormat, inert, render_rows
from crawler.cli.runtime import get_runtime
from storage.models import Notice, NoticeKind, NoticeStatus
from storage.notices import get_notice, list_notices, notice_alerts

#: a notice as commands take it: its number or its public id (``storage.notices.get_notice``)
NoticeRef = Annotated[str, typer.Argument(help="Notice id (number) or notice id (KTPW-…).")]
notices_app = typer.Typer(
    help="Draft, preview, send and list takedown notices.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

LIST_COLUMNS = (
    "id",
    "notice_uid",
    "marketplace",
    "kind",
    "status",
    "recipient",
    "alerts",
    "created_at",
    "sent_at",
    "deadline_at",
    "attempts",
    "last_error",
)


def _row(notice: Notice) -> dict[str, Any]:
    return {
        "id": notice.id,
        "notice_uid": notice.notice_uid,
        "marketplace": notice.marketplace,
        "kind": notice.kind,
        "status": notice.status,
        "recipient": notice.recipient,
        "alerts": [link.alert_id for link in notice.alert_links],
        "created_at": notice.created_at,
        "sent_at": notice.sent_at,
        "deadline_at": notice.deadline_at,
        "attempts": notice.attempts,
        "last_error": notice.last_error,
        "subject": notice.subject,
        "message_id": notice.message_id,
        "eml_path": notice.eml_path,
        "eml_sha256": notice.eml_sha256,
        "smtp_response": notice.smtp_response,
        "parent_notice_id": notice.parent_notice_id,
    }


def _check_marketplace(name: str | None) -> None:
    settings = get_runtime().settings
    if name is not None and name not in settings.marketplaces:
        raise UserError(
            f"unknown marketplace {name!r}; configured: {', '.join(settings.marketplaces)}"
        )


@notices_app.command("draft")
def draft_cmd(
    marketplace: Annotated[
        str | None, typer.Option("--marketplace", "-m", help="Only this marketplace.")
    ] = None,
    escalate: Annotated[
        bool,
        typer.Option(
            "--escalate",
            help="Draft escalations for still-live alerts (and complaint-channel reports when configured).",
        ),
    ] = False,
    leak: Annotated[
        str | None,
        typer.Option("--leak", metavar="OFFICE",
                     help="Draft a leak notice to this office's inspectorate (region code or name) instead."),
    ] = None,
) -> None:
    """Batch confirmed, not yet notified alerts into one notice per marketplace (written as .eml).

    With --leak OFFICE: a letter to the office's inspectorate listing its blanks seen for
    sale and the evidence hashes, written as a text file for review (never sent).

    Example: ktpwatch notices draft --marketplace tokopedia
    """
    if leak is not None:
        from crawler.cli.leak_notice import draft_leak_notice

        draft_leak_notice(leak)
        return
    _check_marketplace(marketplace)
    rt = get_runtime()
    try:
        with rt.sessions.begin() as session:
            result = draft_notices(session, rt.settings, marketplace=marketplace, escalate=escalate)
            rows = [_row(n) for n in result.notices]
    except (FileNotFoundError, FileExistsError, PermissionError) as exc:
        raise UserError(str(exc)) from None
    for problem in result.problems:
        rt.err_console.print(inert(f"warning: {problem}"))
    if not rows:
        what = "still-live alerts to escalate" if escalate else "confirmed alerts waiting for a notice"
        rt.console.print(f"No {what}.")
        return
    render_rows(rows, ("id", "notice_uid", "marketplace", "kind", "recipient", "alerts", "eml_path"),
                OutputFormat.TABLE, rt.console, title="Drafted notices")
    rt.console.print("Preview with `ktpwatch notices show ID`, send with `ktpwatch notices send ID`.")


@notices_app.command("list")
def list_cmd(
    status: Annotated[
        NoticeStatus | None, typer.Option("--status", help="Only notices in this status.")
    ] = None,
    kind: Annotated[NoticeKind | None, typer.Option("--kind", help="Only this kind.")] = None,
    marketplace: Annotated[
        str | None, typer.Option("--marketplace", "-m", help="Only this marketplace.")
    ] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="At most this many.")] = None,
    fmt: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="table, json or csv.")
    ] = OutputFormat.TABLE,
) -> None:
    """List notices, newest first.

    Example: ktpwatch notices list --status draft --format json
    """
    _check_marketplace(marketplace)
    rt = get_runtime()
    with rt.sessions() as session:
        notices = list_notices(
            session,
            status=status.value if status else None,
            kind=kind.value if kind else None,
            marketplace=marketplace,
            limit=limit,
        )
        rows = [_row(n) for n in notices]
    columns = LIST_COLUMNS if fmt is OutputFormat.TABLE else tuple(rows[0]) if rows else LIST_COLUMNS
    render_rows(rows, columns, fmt, rt.console, title="Notices")


def _load(ref: str) -> Notice:
    rt = get_runtime()
    with rt.sessions() as session:
        notice = get_notice(session, ref)
        if notice is None:
            raise UserError(f"no notice {ref!r} (use an id or a notice id from `notices list`)")
        return notice


def _parse_eml(path: str) -> EmailMessage:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror}") from None
    msg = email.message_from_bytes(data, policy=policy.default)
    assert isinstance(msg, EmailMessage)
    return msg


@notices_app.command("show")
def show_cmd(
    ref: NoticeRef,
    html: Annotated[bool, typer.Option("--html", help="Print the HTML part instead of the text.")] = False,
) -> None:
    """Preview a notice as it will be sent: headers, text body and attachments.

    Example: ktpwatch notices show 3
    """
    notice = _load(ref)
    rt = get_runtime()
    msg = _parse_eml(notice.eml_path)
    console = rt.console
    console.print(Text(f"Notice {notice.notice_uid} ({notice.kind}, {notice.status})", style="bold"))
    for header in ("From", "To", "Subject", "Date", "Message-ID", "In-Reply-To",
                   "X-Ktpwatch-Notice-Id"):
        if msg[header]:
            console.print(Text.assemble((f"{header}: ", "bold"), inert(msg[header])))
    console.print(inert(f"File: {notice.eml_path} (sha256 {notice.eml_sha256})"))
    if notice.sent_at:
        console.print(inert(f"Sent: {notice.sent_at.isoformat()} — {notice.smtp_response}"))
    if notice.last_error:
        console.print(inert(redact_text(f"Last error: {notice.last_error}")), style="red")
    body = msg.get_body(preferencelist=("html",) if html else ("plain",))
    console.rule()
    if body is not None:
        console.print(inert(redact_text(body.get_content()), keep_newlines=True))
    console.rule()
    for part in msg.iter_attachments():
        payload = part.get_payload(decode=True)
        size = len(payload) if isinstance(payload, bytes) else 0
        console.print(inert(f"Attachment: {part.get_filename()} ({part.get_content_type()}, {size} bytes)"))


@notices_app.command("send")
def send_cmd(
    ref: NoticeRef,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check everything and say what would happen; send nothing.")
    ] = False,
    resend: Annotated[
        bool, typer.Option("--resend", help="Send again a notice that was already sent.")
    ] = False,
    actor: AsOption = None,
) -> None:
    """Send a notice over SMTP; its alerts become notified (or escalated) with the deadline.

    Example: ktpwatch notices send 3 --dry-run
    """
    rt = get_runtime()
    who = rt.analyst(actor)
    notice = _load(ref)
    try:
        outcome = send_notice(rt.sessions, rt.settings, notice.id, actor=who, dry_run=dry_run, resend=resend)
    except NoticeError as exc:
        raise UserError(str(exc)) from None
    with rt.sessions() as session:
        alerts = [a.id for a in notice_alerts(session, notice.id)]
    if not outcome.ok:
        raise UserError(
            f"notice {outcome.notice_uid} not sent: {outcome.error}; nothing else changed, "
            f"retry with `ktpwatch notices send {ref}`"
        )
    if outcome.dry_run:
        rt.console.print(inert(f"dry run: {outcome.response}"))
        return
    deadline = outcome.deadline_at.isoformat(timespec="minutes") if outcome.deadline_at else "-"
    rt.console.print(inert(f"sent {outcome.notice_uid}: {outcome.response}"))
    rt.console.print(
        inert(f"alerts {', '.join(map(str, alerts))}: deadline {deadline}; "
              f"moved {len(outcome.moved_alerts)}")
    )


@notices_app.command("resolve")
def resolve_cmd(
    ref: NoticeRef,
    sent: Annotated[
        bool, typer.Option("--sent", help="The mail server's log shows it accepted the message.")
    ] = False,
    failed: Annotated[
        bool, typer.Option("--failed", help="It did not go out; `notices send` may try again.")
    ] = False,
    note: Annotated[str, typer.Option("--note", help="What you checked (kept with the notice).")] = "",
    actor: AsOption = None,
) -> None:
    """Settle a notice left `sending` by a run that stopped mid-send (crash, kill, lost power).

    ktpwatch cannot know whether the server took such a message, so it never
    retries one on its own: check the mail server's log, then say which it was.

    Example: ktpwatch notices resolve 3 --sent --note "in the relay log at 10:02"
    """
    if sent == failed:
        raise UserError("say what happened: --sent or --failed (one of them)")
    rt = get_runtime()
    notice = _load(ref)
    who = rt.analyst(actor)
    try:
        outcome = resolve_notice(rt.sessions, rt.settings, notice.id, delivered=sent, actor=who,
                                 note=note.strip() or "no note")
    except NoticeError as exc:
        raise UserError(str(exc)) from None
    if sent:
        rt.console.print(inert(f"{outcome.notice_uid}: marked sent; moved {len(outcome.moved_alerts)} alert(s)"))
    else:
        rt.console.print(inert(f"{outcome.notice_uid}: marked failed; send it again with "
                               f"`ktpwatch notices send {notice.id}`"))


def register(root: typer.Typer) -> None:
    root.add_typer(notices_app, name="notices")


