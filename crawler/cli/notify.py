"""`ktpwatch notify`: check that the configured notification channels get a digest."""

from __future__ import annotations

import typer

from alerts.notify import send_digest, trial_digest
from crawler.cli.errors import UserError
from crawler.cli.runtime import get_runtime

notify_app = typer.Typer(
    help="Notification digests sent through Apprise to the channels in [notify] urls.",
    no_args_is_help=True,
)


@notify_app.command("test")
def test_cmd() -> None:
    """Send a test digest to every channel in ``[notify] urls`` (or $KTPWATCH_NOTIFY_URLS).

    Exits 1 when any channel did not take it; the URLs are printed redacted.

    Example: KTPWATCH_NOTIFY_URLS='tgram://BOTTOKEN/CHATID' ktpwatch notify test
    """
    settings = get_runtime().settings
    if not settings.notify.urls:
        raise UserError("no notification channel configured: set [notify] urls or KTPWATCH_NOTIFY_URLS")
    result = send_digest(settings, trial_digest())
    for url in result.details:
        typer.echo(f"sent: {url}")
    if result.error:
        typer.echo(result.error, err=True)
        raise typer.Exit(1)
    typer.echo(f"test digest delivered to {len(settings.notify.urls)} channel(s)")


def register(root: typer.Typer) -> None:
    root.add_typer(notify_app, name="notify")



