"""Render a case file: HTML from Jinja2 templates (the notices' environment and filters), PDF by WeasyPrint.

The HTML is self-contained: CSS inline, the network drawn as inline SVG, and
every image a relative file in the case folder, so it opens from a USB stick
on a machine with no network.  Bahasa Indonesia comes first with English
beside it, as in the takedown notices.  The PDF is rendered from the same
HTML, so the two never say different things.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment

from alerts.case.model import CaseFile
from alerts.case.network import NetworkPicture
from alerts.notices.render import template_environment

TEMPLATES = Path(__file__).resolve().parent / "templates"

#: each risk reason in Bahasa Indonesia, then English
REASON_LABELS: dict[str, str] = {
    "blank_listings": "Iklan blangko / Blank-card listings",
    "related_listings": "Iklan terkait / Related listings",
    "traced_chips": "Chip terlacak ke kantor / Chips traced to an office",
    "relisted_after_takedown": "Tayang ulang setelah diturunkan / Relisted after a takedown",
    "several_marketplaces": "Beberapa marketplace / Several marketplaces",
    "volume": "Volume",
    "price": "Nilai penjualan / Value offered",
    "evasion": "Teks disamarkan / Evasive text",
    "time_active": "Lama aktif / Time active",
}


def reason_label(name: str) -> str:
    """A risk reason's bilingual label (its own name when it has none)."""
    return REASON_LABELS.get(name, name)


def case_environment(timezone: str) -> Environment:
    """The notices' Jinja2 environment (auto-escaped HTML, ``when`` and ``rupiah``) over the case templates."""
    env = template_environment(None, TEMPLATES, timezone)
    env.globals["reason_label"] = reason_label
    return env


def render_network_svg(picture: NetworkPicture, env: Environment) -> str:
    """The network picture as a standalone SVG file."""
    return env.get_template("network.svg.html.j2").render(net=picture, standalone=True)


def render_case_html(case: CaseFile, picture: NetworkPicture, env: Environment, *, wacz_name: str | None) -> str:
    """The case file as one HTML page."""
    return env.get_template("case.html.j2").render(c=case, net=picture, standalone=False, wacz_name=wacz_name)


def render_case_pdf(html: str, folder: Path) -> bytes:
    """The PDF of ``html``, its relative images read from ``folder`` (and nothing from the network)."""
    import weasyprint  # a second of start-up: only the command that writes a PDF pays it
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols=("file", "data"), fail_on_errors=True)
    document = weasyprint.HTML(string=html, base_url=str(folder.resolve()) + "/", url_fetcher=fetcher)
    return bytes(document.write_pdf())
