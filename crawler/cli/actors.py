"""``ktpwatch actors``: the sellers behind alerts, their risk, and an analyst's corrections.

Actors are rebuilt after every scan; ``actors merge`` / ``actors split`` store a
correction on alert ids (audited with the analyst's name: ``--as``, else
``KTPWATCH_ANALYST``, else the OS user) and rebuild, so it holds on every
rescan.  Seller text comes from strangers: every cell goes through the same
redaction and inert rendering as ``alerts``; NIKs are masked unless
``--reveal``, which writes a ``reveal`` audit event per alert shown.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from crawler.cli.errors import UserError
from crawler.cli.options import AsOption, RevealOption
from crawler.cli.output import OutputFormat, render_rows
from crawler.cli.runtime import get_runtime

#: the columns of ``actors list`` as a table (fits 80 columns) and as json/csv
TABLE_COLUMNS = ("id", "risk", "name", "shops", "alerts", "last_seen")
MACHINE_COLUMNS = ("id", "risk", "name", "marketplaces", "alerts", "first_seen", "last_seen", "status")

actors_app = typer.Typer(help="Sellers behind the alerts: actors, risk with reasons, corrections.",
                         no_args_is_help=True)


class ActorSort(StrEnum):
    RISK = "risk"
    LAST_SEEN = "last-seen"


class StatusFilter(StrEnum):
    ACTIVE = "active"
    RETIRED = "retired"
    ALL = "all"


class ExportFormat(StrEnum):
    GRAPHML = "graphml"
    CSV = "csv"


def _summary(row: Any, alerts: int) -> dict[str, Any]:
    return {"id": row.id, "risk": row.risk_score, "name": row.display_name[:24],
            "shops": ",".join(row.marketplaces), "marketplaces": list(row.marketplaces), "alerts": alerts,
            "first_seen": row.first_seen_at.isoformat(), "last_seen": row.last_seen_at.strftime("%Y-%m-%d"),
            "status": row.status}


@actors_app.command("list")
def list_cmd(
    sort: Annotated[ActorSort, typer.Option("--sort", help="risk or last-seen (highest/latest first).")
                    ] = ActorSort.RISK,
    marketplace: Annotated[str | None, typer.Option("--marketplace", help="Actors with a listing there.")] = None,
    status: Annotated[StatusFilter, typer.Option("--status", help="active, retired or all.")
                      ] = StatusFilter.ACTIVE,
    limit: Annotated[int, typer.Option("--limit", "-n", help="At most this many rows (0: all).")] = 50,
    fmt: Annotated[OutputFormat, typer.Option("--format", help="table, json or csv.")] = OutputFormat.TABLE,
) -> None:
    """List actors, riskiest first.

    Example: ktpwatch actors list --marketplace shopee --format json
    """
    from storage.actors import list_actors, members_of

    runtime = get_runtime()
    with runtime.sessions.begin() as session:
        rows = list_actors(session, sort=sort.value, marketplace=marketplace,
                           status=None if status is StatusFilter.ALL else status.value, limit=limit)
        records = [_summary(r, len(members_of(session, r.id))) for r in rows]
    if fmt is not OutputFormat.TABLE:
        for r in records:
            r["last_seen"] = next(x.last_seen_at.isoformat() for x in rows if x.id == r["id"])
    render_rows(records, TABLE_COLUMNS if fmt is OutputFormat.TABLE else MACHINE_COLUMNS, fmt,
                runtime.console, title="Actors")


def _detail(session: Any, actor_id: str) -> dict[str, Any]:
    from storage.actors import actor_events, actor_listings
    from storage.models import ActorRow, Identifier

    row = session.get(ActorRow, actor_id)
    pairs = actor_listings(session, actor_id)
    alert_ids = [a.id for a, _ in pairs]
    idents = session.query(Identifier.listing_id, Identifier.kind, Identifier.value) \
        .filter(Identifier.listing_id.in_([li.id for _, li in pairs])).all()
    return {
        "id": row.id, "name": row.display_name, "status": row.status, "risk": row.risk_score,
        "marketplaces": list(row.marketplaces), "first_seen": row.first_seen_at.isoformat(),
        "last_seen": row.last_seen_at.isoformat(), "risk_reasons": list(row.risk_reasons),
        "listings": [{"alert": a.id, "marketplace": a.marketplace, "verdict": a.verdict, "status": a.status,
                      "title": li.title, "url": li.url, "price": li.price,
                      "first_seen": li.first_seen_at.isoformat(), "last_seen": a.last_seen_at.isoformat(),
                      "notified": a.notified_at.isoformat() if a.notified_at else None,
                      "removed": a.removed_at.isoformat() if a.removed_at else None} for a, li in pairs],
        "takedowns": takedown_history(pairs),
        "identifiers": sorted({(k, v) for _, k, v in idents}),
        "links": list(row.links),
        "timeline": [{"at": e.at.isoformat(), "alert": e.alert_id, "action": e.action, "by": e.actor,
                      "note": e.note} for e in actor_events(session, alert_ids)],
    }


def takedown_history(pairs: list[tuple[Any, Any]]) -> dict[str, int]:
    """Listings notified, removed, and first seen after another of the actor's listings was removed."""
    removed = [(a.removed_at, a.id) for a, _ in pairs if a.removed_at is not None]
    relisted = sum(1 for a, li in pairs if any(when < li.first_seen_at and other != a.id for when, other in removed))
    return {"notified": sum(1 for a, _ in pairs if a.notified_at is not None), "removed": len(removed),
            "relisted_after_removal": relisted}


@actors_app.command("show")
def show_cmd(
    actor_id: Annotated[str, typer.Argument(metavar="ID", help="Actor id (an old, merged id is followed).")],
    fmt: Annotated[OutputFormat, typer.Option("--format", help="table or json.")] = OutputFormat.TABLE,
    reveal: RevealOption = False,
    actor: AsOption = None,
) -> None:
    """An actor: listings, identifiers, links with reasons, timeline, risk reasons with weights.

    NIKs are masked unless --reveal, which is logged with your name.
    Example: ktpwatch actors show act-1a2b3c4d5e --reveal --as ana
    """
    from storage.actors import members_of, resolve_actor_id
    from storage.alerts import record_reveals

    if fmt is OutputFormat.CSV:
        raise UserError("actors show prints table or json, not csv")
    runtime = get_runtime()
    with runtime.sessions.begin() as session:
        resolved = resolve_actor_id(session, actor_id)
        if resolved is None:
            raise UserError(f"no actor {actor_id}")
        if reveal:
            record_reveals(session, members_of(session, resolved), actor=runtime.analyst(actor),
                           note=f"NIKs shown unmasked (actors show {resolved})")
            session.flush()
        detail = _detail(session, resolved)
    detail["identifiers"] = [{"kind": k, "value": v} for k, v in detail["identifiers"]]
    if fmt is OutputFormat.JSON:
        render_rows([detail], list(detail), fmt, runtime.console, reveal=reveal)
        return
    _print_detail(detail, runtime.console, reveal=reveal)


def _print_detail(detail: dict[str, Any], console: Any, *, reveal: bool) -> None:
    head = [{"field": k, "value": detail[k]} for k in ("id", "name", "status", "risk", "first_seen", "last_seen")]
    head.append({"field": "marketplaces", "value": ", ".join(detail["marketplaces"])})
    head.append({"field": "takedowns", "value": ", ".join(f"{k} {v}" for k, v in detail["takedowns"].items())})
    render_rows(head, ("field", "value"), OutputFormat.TABLE, console, title="Actor", reveal=reveal)
    render_rows(detail["risk_reasons"], ("name", "weight", "points", "detail"), OutputFormat.TABLE, console,
                title="Risk reasons", reveal=reveal)
    render_rows(detail["listings"], ("alert", "marketplace", "verdict", "price", "title", "removed"),
                OutputFormat.TABLE, console, title="Listings", reveal=reveal)
    render_rows(detail["identifiers"], ("kind", "value"), OutputFormat.TABLE, console, title="Identifiers",
                reveal=reveal)
    render_rows(detail["links"], ("a", "b", "reason", "strength", "detail"), OutputFormat.TABLE, console,
                title="Links", reveal=reveal)
    render_rows(detail["timeline"], ("at", "alert", "action", "by", "note"), OutputFormat.TABLE, console,
                title="Timeline", reveal=reveal)


def _rebuild(session: Any) -> Any:
    from alerts.actors.rebuild import rebuild_from_settings

    settings = get_runtime().settings
    return rebuild_from_settings(session, settings)


@actors_app.command("rebuild")
def rebuild_cmd() -> None:
    """Rebuild every actor from the stored alerts (also done after every scan).

    Example: ktpwatch actors rebuild
    """
    with get_runtime().sessions.begin() as session:
        summary = _rebuild(session)
    get_runtime().console.print(f"{summary.actors} actor(s) from {summary.alerts} alert(s); "
                                f"{len(summary.retired)} retired, {len(summary.merged_into)} merged, "
                                f"{len(summary.split_from)} split off", markup=False, highlight=False)


def _alert_of(session: Any, ref: str) -> list[int]:
    """An actor id's alerts, or one alert id."""
    from storage.actors import members_of, resolve_actor_id

    if ref.isdigit():
        return [int(ref)]
    resolved = resolve_actor_id(session, ref)
    alerts = members_of(session, resolved) if resolved else []
    if not alerts:
        raise UserError(f"no actor {ref} with alerts")
    return alerts


@actors_app.command("merge")
def merge_cmd(
    a: Annotated[str, typer.Argument(metavar="A", help="Actor id or alert id.")],
    b: Annotated[str, typer.Argument(metavar="B", help="Actor id or alert id.")],
    note: Annotated[str, typer.Option("--note", help="Why (kept in the audit trail).")] = "",
    actor: AsOption = None,
) -> None:
    """Tell ktpwatch that A and B are one seller; kept across rebuilds and audited.

    Example: ktpwatch actors merge act-1a2b3c4d5e act-6f7a8b9c0d --as ana
    """
    from storage.actors import record_merge

    runtime = get_runtime()
    with runtime.sessions.begin() as session:
        record_merge(session, _alert_of(session, a)[0], _alert_of(session, b)[0],
                     analyst=runtime.analyst(actor), note=note)
        summary = _rebuild(session)
    runtime.console.print(f"merged; {summary.actors} actor(s) now", markup=False, highlight=False)


@actors_app.command("split")
def split_cmd(
    actor_id: Annotated[str, typer.Argument(metavar="ID", help="Actor id.")],
    alerts: Annotated[str, typer.Option("--alerts", help="Comma-separated alert ids to split off.")],
    note: Annotated[str, typer.Option("--note", help="Why (kept in the audit trail).")] = "",
    actor: AsOption = None,
) -> None:
    """Split the given alerts off actor ID as another seller; kept across rebuilds and audited.

    Example: ktpwatch actors split act-1a2b3c4d5e --alerts 12,14 --as ana
    """
    from storage.actors import record_split

    try:
        side = sorted({int(x) for x in alerts.split(",") if x.strip()})
    except ValueError:
        raise UserError(f"--alerts takes comma-separated alert ids, not {alerts!r}") from None
    runtime = get_runtime()
    with runtime.sessions.begin() as session:
        members = _alert_of(session, actor_id)
        if not side or not set(side) <= set(members):
            raise UserError(f"--alerts must name alerts of {actor_id}: {members}")
        rest = [m for m in members if m not in side]
        if not rest:
            raise UserError("a split must leave at least one alert on each side")
        record_split(session, side, rest, analyst=runtime.analyst(actor), note=note)
        summary = _rebuild(session)
    runtime.console.print(f"split; {summary.actors} actor(s) now", markup=False, highlight=False)


@actors_app.command("export")
def export_cmd(
    out: Annotated[Path, typer.Option("--out", help="GraphML file, or a directory for the two CSV files.")],
    fmt: Annotated[ExportFormat, typer.Option("--format", help="graphml or csv.")] = ExportFormat.GRAPHML,
    reveal: RevealOption = False,
    actor: AsOption = None,
) -> None:
    """Export actors, listings and identifiers with the edges' reasons (Gephi, Maltego, i2).

    Example: ktpwatch actors export --format graphml --out actors.graphml
    """
    from alerts.actors.export import actor_network, add_identifiers, write_csv, write_graphml
    from alerts.actors.rebuild import PhotoReach, current_graph, identifiers_by_alert
    from storage.alerts import record_reveals

    runtime = get_runtime()
    with runtime.sessions.begin() as session:
        graph = current_graph(session, PhotoReach.of(runtime.settings))
        shown = identifiers_by_alert(session)
        if reveal:
            record_reveals(session, sorted(shown), actor=runtime.analyst(actor), note="NIKs exported unmasked")
    network = actor_network(graph, reveal=reveal)
    add_identifiers(network, shown, reveal=reveal)
    if fmt is ExportFormat.GRAPHML:
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("wb") as stream:
            write_graphml(network, stream)
    else:
        out.mkdir(parents=True, exist_ok=True)
        with (out / "nodes.csv").open("w", newline="", encoding="utf-8") as nodes, \
                (out / "edges.csv").open("w", newline="", encoding="utf-8") as edges:
            write_csv(network, nodes, edges)
    runtime.console.print(json.dumps({"actors": len(graph.actors), "out": str(out)}), markup=False,
                          highlight=False)


def register(root: typer.Typer) -> None:
    """Add the ``actors`` command group."""
    root.add_typer(actors_app, name="actors")
