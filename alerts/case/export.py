"""Write an actor's case file into a folder: HTML, PDF, network SVG, screenshots, the WACZ and SHA256SUMS.

Two steps, so the audit trail never lags behind what reaches the disk:
:func:`prepare_case` (inside the caller's transaction) writes the audit
events (``case_export``, and ``reveal`` when NIKs are shown unmasked), gathers
the case and packs the WACZ; once that is committed, :func:`write_case` writes
the files.  Evidence that no longer matches its SHA-256 stops the export: a
case file for the police must not carry an altered screenshot.

A folder that already holds files is refused unless ``force``; then the files
a case export writes are replaced (its ``screenshots/`` folder, PDF and WACZ
removed first, so nothing stale stays beside the new HTML) and nothing else
in the folder is touched.
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from alerts.case.gather import SCREENSHOT_DIR, UnknownActor, gather_case
from alerts.case.model import CaseFile
from alerts.case.network import case_graph, network_picture
from alerts.case.render import (
    case_environment,
    render_case_html,
    render_case_pdf,
    render_network_svg,
)
from alerts.evidence.store import EvidenceStore
from alerts.evidence.wacz import ExportError, build_wacz_of_alerts, write_whole
from storage.actors import members_of, resolve_actor_id
from storage.alerts import record_reveals
from storage.models import AlertEvent

CASE_HTML = "case.html"
CASE_PDF = "case.pdf"
NETWORK_SVG = "network.svg"
SUMS = "SHA256SUMS"
EXPORT_ACTION = "case_export"


class CaseExportError(Exception):
    """The case file cannot be written (folder not empty, evidence altered); one line a user can act on."""


@dataclass(frozen=True)
class PreparedCase:
    """A gathered case and its WACZ (None when the actor's listings have no evidence at all)."""

    case: CaseFile
    wacz: bytes | None


@dataclass(frozen=True)
class WrittenCase:
    """What :func:`write_case` put in the folder (paths relative to it)."""

    folder: Path
    #: every file written but ``SHA256SUMS``, which lists them all with their SHA-256
    files: tuple[str, ...]
    wacz: str | None
    pdf: str | None
    missing_screenshots: tuple[int, ...]


def wacz_name(actor_id: str) -> str:
    return f"evidence-{actor_id}.wacz"


def check_folder(out: Path, *, force: bool) -> None:
    """Refuse a folder that holds anything, unless ``force``; refuse a path that is a file."""
    if out.exists() and not out.is_dir():
        raise CaseExportError(f"{out} is a file, not a folder")
    if out.is_dir() and any(out.iterdir()) and not force:
        raise CaseExportError(f"{out} is not empty (use --force to replace a previous case file there)")


def _audit(session: Session, alert_ids: list[int], *, analyst: str, out: Path, reveal: bool) -> None:
    note = f"case file written to {out}" + (" with NIKs unmasked" if reveal else "")
    if reveal:
        record_reveals(session, alert_ids, actor=analyst, note=f"NIKs shown unmasked (case export to {out})")
    session.add_all([AlertEvent(alert_id=i, actor=analyst, action=EXPORT_ACTION, note=note) for i in alert_ids])
    session.flush()


def prepare_case(session: Session, store: EvidenceStore, actor_id: str, out: Path, *, reveal: bool,
                 analyst: str) -> PreparedCase:
    """Audit the export, gather the case and pack its WACZ (the caller commits before writing)."""
    resolved = resolve_actor_id(session, actor_id)
    if resolved is None:
        raise UnknownActor(f"no actor {actor_id}")
    alert_ids = members_of(session, resolved)
    if not alert_ids:
        raise UnknownActor(f"actor {actor_id} has no alerts now (retired by a rebuild)")
    _audit(session, alert_ids, analyst=analyst, out=out, reveal=reveal)
    case = gather_case(session, store, actor_id, reveal=reveal, generated_by=analyst)
    if case.damaged_evidence:
        bad = "; ".join(f"{e.name} of bundle {e.bundle_id} (alert {e.alert_id}) is {e.problem}"
                        for e in case.damaged_evidence)
        raise CaseExportError(f"evidence failed verification, no case file written: {bad}")
    if not case.evidence:
        return PreparedCase(case=case, wacz=None)
    try:
        data, _ = build_wacz_of_alerts(session, store, alert_ids,
                                       title=f"ktpwatch evidence for actor {case.actor_id}")
    except ExportError as exc:
        raise CaseExportError(str(exc)) from None
    return PreparedCase(case=case, wacz=data)


def _write(path: Path, data: bytes) -> None:
    write_whole(path, data, overwrite=True)


def _copy_screenshots(case: CaseFile, out: Path) -> list[str]:
    names: list[str] = []
    for shot in (s for li in case.listings for s in li.screenshots):
        data = Path(shot.stored_at).read_bytes()
        if hashlib.sha256(data).hexdigest() != shot.sha256:
            raise CaseExportError(f"screenshot of bundle {shot.bundle_id} changed while the case was written")
        _write(out / shot.file_name, data)
        names.append(shot.file_name)
    return names


def _clear_previous(out: Path, actor_id: str) -> None:
    """Remove what an earlier export of this case may have left that this one might not write again."""
    if (out / SCREENSHOT_DIR).exists():
        shutil.rmtree(out / SCREENSHOT_DIR)
    for name in (CASE_PDF, wacz_name(actor_id)):
        (out / name).unlink(missing_ok=True)


def sha256sums(folder: Path, names: list[str]) -> str:
    """``sha256sum`` format (hash, two spaces, path) for ``names`` in ``folder``, sorted by path."""
    lines = [f"{hashlib.sha256((folder / n).read_bytes()).hexdigest()}  {n}" for n in sorted(names)]
    return "\n".join(lines) + "\n"


def write_case(prepared: PreparedCase, out: Path, *, timezone: str, pdf: bool,
               force: bool) -> WrittenCase:
    """Write the case folder; every file written is listed in ``SHA256SUMS`` with its SHA-256."""
    check_folder(out, force=force)
    out.mkdir(parents=True, exist_ok=True)
    case, env = prepared.case, case_environment(timezone)
    _clear_previous(out, case.actor_id)
    written = _copy_screenshots(case, out)
    wacz = None
    if prepared.wacz is not None:
        wacz = wacz_name(case.actor_id)
        _write(out / wacz, prepared.wacz)
        written.append(wacz)
    picture = network_picture(case_graph(case))
    _write(out / NETWORK_SVG, render_network_svg(picture, env).encode("utf-8"))
    html = render_case_html(case, picture, env, wacz_name=wacz)
    _write(out / CASE_HTML, html.encode("utf-8"))
    written += [NETWORK_SVG, CASE_HTML]
    if pdf:
        _write(out / CASE_PDF, render_case_pdf(html, out))
        written.append(CASE_PDF)
    _write(out / SUMS, sha256sums(out, written).encode("utf-8"))
    return WrittenCase(folder=out, files=tuple(sorted(written)), wacz=wacz, pdf=CASE_PDF if pdf else None,
                       missing_screenshots=case.missing_screenshots)
