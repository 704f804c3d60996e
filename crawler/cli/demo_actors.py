"""The demo's actor step: the seller comes back after the takedown, and the actors are checked.

After the follow-up has seen the platforms remove the notified listings, the
sandbox's relisting actor puts a new listing up under a new shop name. The
demo scans once more (the scan rebuilds the actors), checks every planted
actor against the sandbox's ground truth (each is exactly one actor: none
split, no two merged, no lone planted seller joined to another), and shows the
riskiest actor with its risk reasons and weights the way ``actors show`` does,
with a command to paste. The ranking is the configured weights' own
(``[actors.risk_weights]``): nothing here favours the relisting actor.
"""

from __future__ import annotations

import shlex
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console

from crawler.cli.errors import UserError
from crawler.cli.invocation import runnable_command
from crawler.cli.output import OutputFormat, render_rows

STEP = 10
LONE = "lone"

Key = tuple[str, str]  # (marketplace, external id)


@dataclass(frozen=True)
class PlantedCheck:
    """How the built actors compare with the sandbox's planted actors."""

    #: planted actor → the actor ids its found listings are in (one: as planted)
    actors_of: dict[str, set[str]] = field(default_factory=dict)
    #: planted actor → listings of it with no alert (the scan missed them)
    missing: dict[str, int] = field(default_factory=dict)
    #: built actor id → the planted sellers (actors, or lone planted listings) it joined
    merged: dict[str, list[str]] = field(default_factory=dict)

    @property
    def split(self) -> list[str]:
        return sorted(name for name, ids in self.actors_of.items() if len(ids) > 1)

    @property
    def exact(self) -> list[str]:
        merged = {name for names in self.merged.values() for name in names}
        return sorted(name for name, ids in self.actors_of.items()
                      if len(ids) == 1 and not self.missing.get(name) and name not in merged)

    def ok(self) -> bool:
        return bool(self.actors_of) and len(self.exact) == len(self.actors_of)


def planted_sellers(truth: Mapping[str, Any]) -> dict[Key, str]:
    """(marketplace, external id) → its planted seller: the planted actor, else the listing itself."""
    sellers = {(t["marketplace"], t["external_id"]): f"{LONE}:{t['marketplace']}:{t['external_id']}"
               for t in truth.get("planted", ())}
    for actor in truth.get("actors", ()):
        for listing in actor["listings"]:
            if listing["listed"]:
                sellers[(listing["marketplace"], listing["external_id"])] = actor["actor"]
    return sellers


def check_planted(truth: Mapping[str, Any], actor_of_listing: Mapping[Key, str]) -> PlantedCheck:
    """Compare the built actors (``actor_of_listing``: listing → actor id) with the planted ones."""
    sellers = planted_sellers(truth)
    check = PlantedCheck()
    joined: dict[str, set[str]] = defaultdict(set)
    for key, seller in sellers.items():
        built = actor_of_listing.get(key)
        if seller.startswith(f"{LONE}:"):
            if built is not None:
                joined[built].add(seller)
            continue
        check.actors_of.setdefault(seller, set())
        if built is None:
            check.missing[seller] = check.missing.get(seller, 0) + 1
        else:
            check.actors_of[seller].add(built)
            joined[built].add(seller)
    check.merged.update({built: sorted(names) for built, names in joined.items() if len(names) > 1})
    return check


def _actor_of_listing(session: Any) -> dict[Key, str]:
    from sqlalchemy import select

    from storage.models import ActorMember, Alert, Listing

    rows = session.execute(select(Listing.marketplace, Listing.external_id, ActorMember.actor_id)
                           .join(Alert, Alert.listing_id == Listing.id)
                           .join(ActorMember, ActorMember.alert_id == Alert.id)).all()
    return {(m, e): a for m, e, a in rows}


def _rebuild_if_needed(session: Any, settings: Any) -> bool:
    """Rebuild the actors when an alert has none (the scan's rebuild failed or did not run)."""
    from sqlalchemy import func, select

    from alerts.actors.rebuild import rebuild_from_settings
    from storage.models import ActorMember, Alert

    if session.scalar(select(func.count(Alert.id))) == session.scalar(select(func.count(ActorMember.alert_id))):
        return False
    rebuild_from_settings(session, settings)
    return True


def _print_check(console: Console, check: PlantedCheck) -> None:
    total = len(check.actors_of)
    console.print(f"   planted actors: {len(check.exact)} of {total} are exactly one actor each "
                  f"({len(check.split)} split, {len(check.merged)} merged)", markup=False)
    for name in check.split:
        console.print(f"   SPLIT: planted actor {name!r} is in {len(check.actors_of[name])} actors", style="red",
                      markup=False)
    for built, names in sorted(check.merged.items()):
        console.print(f"   MERGED: actor {built} joins {', '.join(names)}", style="red", markup=False)
    for name, count in sorted(check.missing.items()):
        console.print(f"   note: {count} listing(s) of planted actor {name!r} have no alert", markup=False)


def _print_top(console: Console, session: Any, planted_by_actor: Mapping[str, set[str]], config_path: Path) -> None:
    from storage.actors import list_actors, members_of

    top = list_actors(session, sort="risk", limit=1)
    if not top:
        console.print("   no actor was built", style="red")
        return
    row = top[0]
    planted = ", ".join(sorted(planted_by_actor.get(row.id, ()))) or "none"
    console.print(f"   riskiest actor: {row.id} \"{row.display_name}\", risk {row.risk_score}, "
                  f"{len(members_of(session, row.id))} alert(s) on {', '.join(row.marketplaces)} "
                  f"(planted actor: {planted})", markup=False, highlight=False)
    render_rows(list(row.risk_reasons), ("name", "weight", "points", "detail"), OutputFormat.TABLE, console,
                title="Risk reasons")
    command = f"{runnable_command()} --config {shlex.quote(str(config_path))} actors show {row.id}"
    console.print(f"   {command}", markup=False, highlight=False, soft_wrap=True)


def actors_step(runtime: Any, sandbox: Any, options: Any, scan_kwargs: dict[str, Any]) -> PlantedCheck:
    """Step 10: scan for the relisted listing, check the planted actors, show the riskiest actor."""
    from crawler.scan import ScanError, run_scan_subprocess

    console = runtime.console
    console.print(f"\n[bold cyan]{STEP}.[/] [bold]Actors: scanning again after the takedowns (a seller "
                  "relists under a new shop name), then checking every planted actor ...[/]")
    relists = [x for a in sandbox.truth()["actors"] for x in a["listings"] if x["relist_of"] and x["listed"]]
    try:
        summary = run_scan_subprocess(options, **scan_kwargs)
    except ScanError as exc:
        raise UserError(f"demo scan failed: {exc}") from None
    console.print(f"   {len(relists)} listing(s) relisted after a takedown; scan {summary.get('scan_id')}: "
                  f"{summary.get('new_alerts')} new alert(s)", markup=False)
    with runtime.sessions.begin() as session:
        if _rebuild_if_needed(session, runtime.settings):
            console.print("   actors rebuilt (the scan's rebuild had not covered every alert)")
        actor_of_listing = _actor_of_listing(session)
        check = check_planted(sandbox.truth(), actor_of_listing)
        _print_check(console, check)
        planted_by_actor: dict[str, set[str]] = defaultdict(set)
        for name, ids in check.actors_of.items():
            for actor_id in ids:
                planted_by_actor[actor_id].add(name)
        _print_top(console, session, planted_by_actor, Path(scan_kwargs["config_path"]))
    return check
