"""`ktpwatch sandbox`: run the local marketplaces the demo, tests and benchmarks use."""

from __future__ import annotations

import asyncio
import errno
import time
from pathlib import Path
from typing import Annotated

import typer

from crawler.cli.errors import UserError
from sandbox.addresses import is_loopback
from sandbox.faults import FaultPlan
from sandbox.server import DIRECTORY_PATH, SandboxServer


def load_fault_plan(rate: float, plan_file: Path | None, seed: int) -> FaultPlan:
    """``--fault-plan FILE`` wins over ``--faults RATE``; either way a one-line error on bad input."""
    if plan_file is None:
        return FaultPlan.mixed(rate, seed=seed) if rate else FaultPlan.none(seed=seed)
    try:
        text = plan_file.read_text(encoding="utf-8")
    except OSError as exc:
        raise UserError(f"cannot read fault plan {plan_file}: {exc.strerror or exc}") from None
    try:
        return FaultPlan.parse(text, seed=seed)
    except ValueError as exc:
        raise UserError(f"fault plan {plan_file}: {exc}") from None


async def _serve(server: SandboxServer, host: str, port: int) -> None:
    try:
        base_url = await server.start(host, port)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise UserError(f"port {port} on {host} is already in use; choose another with --port "
                            "(or --port 0 for a free one)") from None
        raise UserError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    try:
        typer.echo(f"sandbox listening on {base_url}")
        for name, url in server.shop_urls.items():
            typer.echo(f"  {name:<10} {url:<26} abuse desk smtp://{host}:{server.desk.ports[name]}")
        for note in server.notes:
            typer.echo(f"note: {note}")
        typer.echo(f"shop addresses: {base_url}{DIRECTORY_PATH} (ktpwatch scan --sandbox {base_url})")
        typer.echo(f"admin API: {base_url + '/_sandbox/truth' if server.admin else 'off (use --admin)'}")
        typer.echo("press Ctrl-C to stop")
        await asyncio.Event().wait()
    finally:
        await server.stop()


def warn_exposed(host: str, *, admin: bool) -> None:
    """Say loudly, on stderr, that the sandbox is reachable from other machines."""
    lines = [f"WARNING: the sandbox listens on {host}, not on loopback: other machines can reach "
             "its shops and abuse desks."]
    if admin:
        lines.append("WARNING: --admin is on: anyone who can reach the front port can read the planted "
                     "listings (/_sandbox/truth), change faults and reset it. Use --host 127.0.0.1 "
                     "unless this network is yours alone.")
    for line in lines:
        typer.secho(line, err=True, fg=typer.colors.RED, bold=True)


def register(root: typer.Typer) -> None:
    sandbox_app = typer.Typer(
        name="sandbox",
        help="Local marketplaces with a planted catalogue, faults and abuse desks (for demo, tests, benchmarks).",
        no_args_is_help=True,
    )

    @sandbox_app.command("serve")
    def serve_cmd(
        host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
        port: Annotated[int, typer.Option(min=0, max=65535, help="HTTP port (0: a free port).")] = 8900,
        seed: Annotated[int, typer.Option(help="Catalogue and fault seed: same seed, same sandbox.")] = 0,
        listings: Annotated[int, typer.Option(min=1, max=2_000_000,
                                              help="Listings in total, spread over the shops.")] = 3000,
        faults: Annotated[float, typer.Option(min=0.0, max=1.0,
                                              help="Share of shop requests answered with a fault "
                                                   "(a mix of 5xx, 429, slow, truncated, captcha, "
                                                   "block, login redirect, reset, login wall, "
                                                   "empty shell).")] = 0.0,
        fault_plan: Annotated[Path | None, typer.Option(
            help="JSON fault plan (per-kind rates, per marketplace, shapes, hidden_removals, "
                 "layout_changed, unknown_layout); overrides --faults.",
            dir_okay=False)] = None,
        takedown_delay: Annotated[float, typer.Option(min=0.0,
                                                      help="Seconds from a notice to the listing's removal.")] = 60.0,
        admin: Annotated[bool, typer.Option(help="Serve /_sandbox/truth, /stats, /reset and /faults.")] = False,
        smtp_port: Annotated[int, typer.Option(min=0, max=65535,
                                               help="First abuse-desk SMTP port, one per shop "
                                                    "(0: free ports).")] = 0,
        access_log: Annotated[bool, typer.Option(help="Log every request (slower).")] = False,
    ) -> None:
        """Serve every sandbox shop on its own host and port until Ctrl-C.

        On a loopback --host each shop gets its own address (127.0.0.2, .3 …) and
        port (--port + 1, + 2 …); the front on --port publishes them at
        /_sandbox/marketplaces for `ktpwatch scan --sandbox`, and serves the
        admin API with --admin. Prints each shop's address and its abuse desk's
        SMTP port.

        Example: ktpwatch sandbox serve --port 8900 --seed 7 --faults 0.1 --takedown-delay 5 --admin
        """
        if not is_loopback(host):
            warn_exposed(host, admin=admin)
        plan = load_fault_plan(faults, fault_plan, seed)
        typer.echo(f"building catalogue: {listings} listings, seed {seed} …")
        started = time.perf_counter()
        server = SandboxServer(
            catalogue_seed=seed, listings=listings, faults=plan, takedown_delay=takedown_delay,
            admin=admin, smtp_base_port=smtp_port, access_log=access_log,
        )
        typer.echo(f"catalogue ready in {time.perf_counter() - started:.1f}s "
                   f"({len(server.catalogue.planted())} planted listings)")
        try:
            asyncio.run(_serve(server, host, port))
        except KeyboardInterrupt:
            typer.echo("sandbox stopped")

    root.add_typer(sandbox_app)
