"""``ktpwatch demo``: the whole life of a listing, offline, against the sandbox.

Starts the sandbox on free ports, points every spider and the SMTP relay at
it, and runs: scan → alerts (checked against the sandbox's ground truth) →
a second scan that opens no new alert → auto-confirm (demo only) → notices
drafted and sent to the sandbox's abuse desks → the sandbox takes the
listings down → follow-up closes the alerts as removed → the sandbox's stock
ledger imported, every chip traced and checked, and the leak report
(:mod:`crawler.cli.demo_ledger`) → a seller relists and the actors are checked
against the planted ones (:mod:`crawler.cli.demo_actors`) → the riskiest
actor's case file (:mod:`crawler.cli.demo_case`). Each step prints what it did.
A part of ktpwatch that cannot be imported fails the demo with one line (never
a quiet "skipped"): a demo that skips a stage would pretend.
"""

from __future__ import annotations

import os
import shlex
import shutil
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from sqlalchemy import func, select

from config import load_config
from config.settings import KNOWN_MARKETPLACES
from crawler.cli.demo_ledger import ledger_steps, ledger_toml
from crawler.cli.errors import UserError
from crawler.cli.invocation import runnable_command
from crawler.cli.runtime import get_runtime

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from alerts.followup import FollowupReport, ListingReader
    from config import Settings
    from crawler.scan import ScanOptions

DEMO_DIR = Path("ktpwatch-demo")
#: Seconds the demo's platforms get to act on a notice beyond the abuse desk's takedown delay.
DEMO_DEADLINE_MARGIN_SECONDS = 5.0
#: Seconds before an undecided (blocked, captcha) re-check is asked again in the demo.
DEMO_RETRY_SECONDS = 3.0
DEMO_FOLLOWUP_ROUNDS = 3


def _step(console: Console, n: int, text: str) -> None:
    console.print(f"\n[bold cyan]{n}.[/] [bold]{text}[/]")


def followup_toml(deadline_seconds: float, marketplaces: tuple[str, ...] = KNOWN_MARKETPLACES) -> str:
    """The demo's follow-up configuration: short real deadlines per sandbox platform, quick retries."""
    lines = ["# The sandbox's abuse desks act within seconds: so do their deadlines (the clock is never moved).",
             f"[followup]\nretry_first_seconds = {DEMO_RETRY_SECONDS}\nretry_max_seconds = {DEMO_RETRY_SECONDS * 4}\n"]
    lines += [f"[marketplaces.{name}]\nnotice_deadline_seconds = {deadline_seconds}\n" for name in marketplaces]
    return "\n".join(lines)


def _write_demo_config(folder: Path, db_url: str, evidence_dir: str, takedown_delay: float) -> Path:
    from sandbox.ledger_world import HEADERS

    path = folder / "ktpwatch.toml"
    path.write_text(
        "# Written by `ktpwatch demo`: explore what the demo found with\n"
        f"#   {explore_hints(path)[0]}\n"
        f'[storage]\nurl = "{db_url}"\n\n[evidence]\ndir = "{evidence_dir}"\nscreenshot_pool = 4\n\n'
        "# The sandbox is our own server on this machine: no need to be slow with it.\n"
        "[crawl]\ndownload_delay = 0.0\nautothrottle = false\nconcurrent_requests_per_domain = 8\n\n"
        + followup_toml(takedown_delay + DEMO_DEADLINE_MARGIN_SECONDS) + ledger_toml(HEADERS),
        encoding="utf-8",
    )
    return path


def demo_cmd(
    listings: Annotated[int, typer.Option(help="Size of the sandbox catalogue.")] = 2000,
    seed: Annotated[int, typer.Option(help="Catalogue seed.")] = 2018,
    max_pages: Annotated[int, typer.Option(help="Result pages per query.")] = 3,
    transport: Annotated[str, typer.Option(
        help="api (fast) or browser (headless Chromium loads each shop's page), or config.")] = "api",
    takedown_delay: Annotated[float, typer.Option(
        help="Seconds the sandbox's abuse desk waits before taking listings down.")] = 2.0,
    evidence: Annotated[bool, typer.Option(
        "--evidence/--no-evidence", help="Capture screenshots and WARC evidence of hits.")] = True,
) -> None:
    """Run the whole life of a listing offline against a local sandbox, printing each step.

    Data goes to a fresh ./ktpwatch-demo/ folder unless KTPWATCH_DB_URL or
    KTPWATCH_EVIDENCE_DIR are set; the last lines print the commands to
    explore what it found.

    Example: ktpwatch demo --listings 6000 --max-pages 2
    """
    runtime = get_runtime()
    from crawler.scan import ScanOptions
    from sandbox.faults import FaultPlan
    from sandbox.ledger_world import build_ledger_world
    from sandbox.server import run_sandbox

    config_path, env = _prepare_demo_data(takedown_delay)
    started = time.monotonic()
    _upgrade_database(runtime.console, env["KTPWATCH_DB_URL"])
    _step(runtime.console, 1, f"Starting the sandbox ({listings} listings, seed {seed}) ...")
    faults = FaultPlan.demo(seed=seed)
    with run_sandbox(catalogue_seed=seed, listings=listings, takedown_delay=takedown_delay,
                     admin=True, faults=faults) as sandbox:
        settings = _point_at_sandbox(runtime, sandbox, faults, config_path)
        planted = [t for t in sandbox.truth()["planted"] if t["label"] in ("blank", "related")]
        runtime.console.print(f"   {len(planted)} planted blank/related listings among the catalogue")
        scan_options = ScanOptions(trigger="demo", max_pages=max_pages, capture_evidence=evidence,
                                   transport=None if transport == "config" else transport)
        scan_kwargs: dict[str, Any] = dict(config_path=config_path, sandbox_url=sandbox.base_url, env=env)
        _step(runtime.console, 2, f"Scanning every marketplace ({transport} transport, "
                                  f"{len(settings.queries.lexicon)} queries, {max_pages} pages) ...")
        _scan_twice(runtime, planted, scan_options, scan_kwargs)
        if _auto_confirm(runtime, runtime.console) and _send_notices(runtime, runtime.console, sandbox, settings):
            _follow_up(runtime, runtime.console, sandbox, settings, takedown_delay)
        truth = sandbox.truth()  # 8, 9: the issuer's stock ledger for the planted chips, and the leak report
        ledger_steps(runtime, build_ledger_world(sandbox.catalogue, truth["photos"], seed=seed), config_path, _step)
        from crawler.cli.demo_actors import actors_step

        actors_step(runtime, sandbox, scan_options, scan_kwargs)
    from crawler.cli.demo_case import write_top_case

    write_top_case(runtime, config_path)
    runtime.console.print(f"\n[bold green]Demo finished in {time.monotonic() - started:.0f}s.[/] Explore it:")
    for line in explore_hints(config_path):
        runtime.console.print(f"   {line}", markup=False, highlight=False, soft_wrap=True)


#: what the demo suggests trying next, each printed as a command the user can paste
EXPLORE = ("alerts list", "alerts show 1", "report", "evidence verify", "notices list")


def explore_hints(config_path: Path, ktpwatch: str | None = None) -> list[str]:
    """The demo's closing hints: commands on its data that work when pasted into this shell."""
    program = ktpwatch or runnable_command()
    return [f"{program} --config {shlex.quote(str(config_path))} {command}" for command in EXPLORE]


def _prepare_demo_data(takedown_delay: float) -> tuple[Path, dict[str, str]]:
    """A fresh ./ktpwatch-demo/ (unless KTPWATCH_DB_URL and KTPWATCH_EVIDENCE_DIR say where) and its config.

    Returns the configuration file and the environment the scans run with
    (also set in this process, so every later step reads the same data).
    """
    db_url = os.environ.get("KTPWATCH_DB_URL")
    evidence_dir = os.environ.get("KTPWATCH_EVIDENCE_DIR")
    if not db_url or not evidence_dir:
        if DEMO_DIR.exists():
            shutil.rmtree(DEMO_DIR)
        DEMO_DIR.mkdir(mode=0o700)
    db_url = db_url or f"sqlite:///{DEMO_DIR / 'ktpwatch.db'}"
    evidence_dir = evidence_dir or str(DEMO_DIR / "evidence")
    folder = DEMO_DIR if DEMO_DIR.exists() else Path(".")
    config_path = _write_demo_config(folder, db_url, evidence_dir, takedown_delay)
    env = {"KTPWATCH_DB_URL": db_url, "KTPWATCH_EVIDENCE_DIR": evidence_dir,
           "KTPWATCH_CONFIG": str(config_path)}
    os.environ.update(env)
    return config_path, env


def _point_at_sandbox(runtime: Any, sandbox: Any, faults: Any, config_path: Path) -> Settings:
    """Say where the sandbox listens and how hostile it is; point the settings at it."""
    from crawler.marketplace_addresses import point_at

    console = runtime.console
    console.print("   shops at " + ", ".join(f"{m} {u}" for m, u in sandbox.shop_urls.items()), markup=False)
    console.print(f"   hostile answers on {faults.default.total:.0%} of shop requests (captcha and "
                  "punish pages, blocks, login walls, empty shells, resets); newer response "
                  "shapes on a share of items", markup=False)
    console.print("   abuse desks on SMTP ports "
                  + ", ".join(f"{m}:{p}" for m, p in sorted(sandbox.smtp_ports.items())))
    settings = point_at(load_config(config_path).settings, sandbox.base_url)
    runtime.override_settings(settings)
    return settings


def _scan_twice(
    runtime: Any, planted: list[dict[str, Any]], options: ScanOptions, scan_kwargs: dict[str, Any]
) -> None:
    """Scan, check the alerts against the sandbox's ground truth, scan again (sightings, no new alerts)."""
    from crawler.scan import ScanError, run_scan_subprocess

    console = runtime.console
    try:
        first = run_scan_subprocess(options, **scan_kwargs)
    except ScanError as exc:
        raise UserError(f"demo scan failed: {exc}") from None
    _print_scan(console, first)
    _step(console, 3, "Checking the alerts against the sandbox's ground truth ...")
    found = _alert_keys(runtime)
    blanks = {(t["marketplace"], t["external_id"]) for t in planted if t["label"] == "blank"}
    console.print(f"   blank e-KTP listings found: {len(blanks & found)} of {len(blanks)} planted; "
                  f"alerts open: {len(found)}")
    _step(console, 4, "Scanning again: the same listings become new sightings, not new alerts ...")
    second = run_scan_subprocess(options, **scan_kwargs)
    console.print(f"   new alerts in the second scan: {second.get('new_alerts')}")


def _upgrade_database(console: Console, db_url: str) -> None:
    """The demo's one migration, said aloud: only `ktpwatch db upgrade` migrates, so it runs that step."""
    from storage.migrate import current_revision, head_revision, upgrade
    from storage.session import make_engine

    engine = make_engine(db_url)
    try:
        before = current_revision(engine)
        console.print(f"\n[bold cyan]0.[/] [bold]Creating the database (what `ktpwatch db upgrade` does): "
                      f"{before or 'empty'} -> {head_revision()}[/]")
        upgrade(engine)
    finally:
        engine.dispose()


def _print_scan(console: Console, summary: dict[str, Any]) -> None:
    table = Table()
    for col in ("marketplace", "requests", "listings", "details", "hits", "new alerts", "blocked"):
        table.add_column(col)
    for mp in summary.get("marketplaces", []):
        table.add_row(mp["marketplace"], str(mp["requests"]), str(mp["items"]),
                      str(mp["details"]), str(mp["hits"]), str(mp["new_alerts"]),
                      str(mp["blocked"]))
    console.print(table)
    console.print(f"   scan {summary.get('scan_id')}: {summary.get('status')}, "
                  f"{summary.get('new_alerts')} new alerts", markup=False)
    console.print(f"   evidence: {summary.get('evidence') or 'not captured'}", markup=False)
    for problem in summary.get("problems") or []:
        console.print(f"   problem: {problem}", markup=False, style="red")
    images = summary.get("images") or {}
    if images:
        console.print(f"   photos: {images.get('photos')} read ({images.get('ok')} ok, "
                      f"{images.get('failed')} failed), {images.get('alerts_opened')} alert(s) "
                      f"opened from photo text, {images.get('photo_links')} photo link(s)",
                      markup=False)


def _alert_keys(runtime: Any) -> set[tuple[str, str]]:
    from sqlalchemy import select

    from storage.models import Alert, Listing

    with runtime.sessions() as session:
        rows = session.execute(
            select(Listing.marketplace, Listing.external_id).join(Alert, Alert.listing_id == Listing.id)
        ).all()
    return {(m, e) for m, e in rows}


def _auto_confirm(runtime: Any, console: Console) -> int:
    _step(console, 5, "Confirming every blank-verdict alert (demo mode only; analysts do this by hand) ...")
    from sqlalchemy import select

    from storage.alerts import transition
    from storage.models import Alert, AlertStatus

    with runtime.sessions.begin() as session:
        alerts = session.scalars(
            select(Alert).where(Alert.status == AlertStatus.NEW.value, Alert.verdict == "blank")
        ).all()
        for alert in alerts:
            transition(session, alert, AlertStatus.CONFIRMED, actor="ktpwatch-demo",
                       note="auto-confirmed by ktpwatch demo")
    console.print(f"   confirmed {len(alerts)} alert(s)")
    return len(alerts)


def _send_notices(runtime: Any, console: Console, sandbox: Any, settings: Any) -> int:
    _step(console, 6, "Drafting takedown notices and sending them to each platform's abuse desk ...")
    from alerts.notices import draft_notices, send_notice

    with runtime.sessions.begin() as session:
        result = draft_notices(session, settings)
        drafted = [(n.id, n.marketplace) for n in result.notices]
    for problem in result.problems:
        console.print(f"   note: {problem}")
    sent = 0
    for notice_id, marketplace in drafted:
        port = sandbox.smtp_ports.get(marketplace)
        smtp = settings.smtp.model_copy(update={"host": "127.0.0.1", "port": port,
                                                "starttls": False, "ssl": False, "username": ""})
        outcome = send_notice(runtime.sessions, settings.model_copy(update={"smtp": smtp}), notice_id,
                              actor="ktpwatch-demo")
        sent += 1 if outcome.ok else 0
        console.print(f"   notice {notice_id} to {marketplace} (abuse desk SMTP 127.0.0.1:{port}): "
                      + (f"sent, {len(outcome.moved_alerts)} alert(s) notified" if outcome.ok
                         else f"FAILED: {outcome.error}"))
    return sent


def _follow_up(runtime: Any, console: Console, sandbox: Any, settings: Any, delay: float) -> None:
    _step(console, 7, "Waiting for the platforms' deadlines (real time), then following up ...")
    from crawler.recheck import SpiderListingReader

    def waiting(label: str, seconds: float) -> None:
        with Progress(TextColumn("   {task.description}"), BarColumn(), TimeRemainingColumn(),
                      console=console, transient=True) as bar:
            task = bar.add_task(label, total=seconds)
            end = time.monotonic() + seconds
            while (left := end - time.monotonic()) > 0:
                time.sleep(min(0.25, left))
                bar.update(task, completed=seconds - max(left, 0.0))
        console.print(f"   {label}: waited {seconds:.0f}s")

    def reported(report: FollowupReport) -> None:
        reasons = sorted({r.reason for r in report.rows if r.outcome == "unknown"})
        console.print(f"   re-checked {len(report.rows)} listing(s): {report.count('removed')} removed, "
                      f"{report.count('live')} still live, {report.count('unknown')} unknown"
                      + (f" ({', '.join(reasons)}: asked again after a wait)" if reasons else ""),
                      markup=False)

    follow_up_in_real_time(runtime.sessions, settings, SpiderListingReader(settings),
                           actor="ktpwatch-demo", wait=waiting, on_report=reported)


def follow_up_in_real_time(
    sessions: sessionmaker[Session],
    settings: Settings,
    reader: ListingReader,
    *,
    actor: str,
    wait: Callable[[str, float], None],
    on_report: Callable[[FollowupReport], None],
    max_rounds: int = DEMO_FOLLOWUP_ROUNDS,
) -> list[FollowupReport]:
    """Wait until every notified alert's deadline has passed, then follow up; retry unknowns.

    The clock is never moved: the demo's platforms have short deadlines in its
    configuration (``notice_deadline_seconds``), so re-checks and removals are
    dated when they happen. Unknown re-checks (a block, a captcha) are asked
    again after their recorded wait, for at most ``max_rounds`` rounds.
    """
    from alerts.followup import run_followup
    from storage.models import Alert
    from storage.notices import RECHECK_STATUSES

    with sessions() as session:
        last = session.scalar(
            select(func.max(Alert.deadline_at)).where(Alert.status.in_(RECHECK_STATUSES))
        )
    if last is not None and (left := (last - datetime.now(UTC)).total_seconds()) > 0:
        wait("until the last notice deadline", left + 0.5)
    reports = []
    for round_no in range(max_rounds):
        report = run_followup(sessions, settings, reader=reader, actor=actor)
        reports.append(report)
        on_report(report)
        retries = [r.retry_after.total_seconds() for r in report.rows if r.retry_after is not None]
        if not retries or round_no == max_rounds - 1:
            break
        wait("before asking the undecided listings again", min(retries) + 0.5)
    return reports


def register(root: typer.Typer) -> None:
    root.command("demo")(demo_cmd)
