"""A leak notice: the letter to an office's supervising inspectorate listing its blanks seen for sale.

Drafted from the notices' Jinja2 templates (``leak_notice.txt.j2``, Bahasa
Indonesia first, then English; a deployment's ``templates_dir`` may replace
it) and written for an analyst to review: it is never sent by ktpwatch.
"""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import Environment

from alerts.notices.render import one_line
from alerts.provenance.leaks import OfficeLeak
from config.settings import LedgerConfig

TEMPLATE = "leak_notice.txt.j2"


class NoInspectorate(LookupError):
    """No recipient configured for the office (``[ledger] inspectorate_email`` or ``inspectorates``)."""


def inspectorate_for(office_code: str, config: LedgerConfig) -> str:
    """The office's own inspectorate address if configured, else the general one."""
    recipient = config.inspectorates.get(office_code) or config.inspectorate_email
    if not recipient:
        raise NoInspectorate(f"no inspectorate for office {office_code}: set [ledger] inspectorate_email "
                             f"or [ledger.inspectorates] \"{office_code}\"")
    return recipient


@dataclass(frozen=True)
class EvidenceItem:
    listing: int
    kind: str
    name: str
    sha256: str


def render_leak_letter(env: Environment, leak: OfficeLeak, *, recipient: str, office: str, province: str,
                       evidence: list[EvidenceItem]) -> str:
    """The letter's text; every field from a listing or the ledger is flattened to one masked line.

    Each chip has its current ledger status and, when they differ, the ones in
    force on the days it was seen for sale (``then``).
    """
    then = dict(leak.chip_statuses_then)
    return env.get_template(TEMPLATE).render(
        recipient=one_line(recipient), office=one_line(office), office_code=leak.office_code,
        province=one_line(province), listings=leak.listings, shops=one_line(", ".join(leak.shops)),
        first_seen=leak.first_seen.date().isoformat(), last_seen=leak.last_seen.date().isoformat(),
        chips=[{"uid": one_line(uid), "status": status, "then": ", ".join(then.get(uid, ()))}
               for uid, status in leak.chip_statuses],
        evidence=[{"listing": e.listing, "kind": one_line(e.kind), "name": one_line(e.name),
                   "sha256": e.sha256} for e in evidence],
    )
