"""``ktpwatch notices draft --leak OFFICE``: write the leak letter for an analyst to review."""

from __future__ import annotations

from datetime import UTC, datetime

from crawler.cli.errors import UserError
from crawler.cli.output import inert
from crawler.cli.runtime import get_runtime


def draft_leak_notice(office_text: str) -> None:
    """Resolve ``office_text`` to a region, trace the blanks seen for sale, render and write the letter."""
    from alerts.notices.drafting import environment_for, notices_dir
    from alerts.notices.leak_letter import (
        EvidenceItem,
        NoInspectorate,
        inspectorate_for,
        render_leak_letter,
    )
    from alerts.provenance.leak_report import build_leak_report
    from alerts.provenance.regions import UnknownRegion, region_table
    from alerts.provenance.trace import office
    from storage.leak_sightings import evidence_of_listings
    from storage.ledger import record_ledger_access

    runtime = get_runtime()
    try:
        region = region_table().resolve(office_text)
        recipient = inspectorate_for(region.code, runtime.settings.ledger)
    except (UnknownRegion, NoInspectorate) as exc:
        raise UserError(str(exc)) from None
    with runtime.sessions.begin() as session:
        report = build_leak_report(session, runtime.settings.ledger)
        leak = next((row for row in report.offices if row.office_code == region.code), None)
        if leak is None:
            raise UserError(f"no blank traced to {region.name} ({region.code}) has been seen for sale")
        evidence = [EvidenceItem(*row) for row in evidence_of_listings(session, leak.listing_ids)]
        record_ledger_access(session, actor=runtime.analyst(None), action="leak_notice",
                             subject=region.code, note=f"{len(leak.chips)} chips")
    place = office(region.code)
    text = render_leak_letter(environment_for(runtime.settings), leak, recipient=recipient,
                              office=region.name, province=place.province if place else "",
                              evidence=evidence)
    folder = notices_dir(runtime.settings)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"leak-{region.code}-{datetime.now(UTC):%Y%m%dT%H%M%S}.txt"
    path.write_text(text, encoding="utf-8")
    runtime.console.print(inert(f"Drafted leak notice to {recipient}: {path} (review it; ktpwatch does not send it)"))
