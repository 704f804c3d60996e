"""A copy of a captured page that is safe to open: no scripts, no network, the seller's markup inert.

The stored ``page.html`` keeps the original bytes — that is the evidence, and
its hash is in the manifest. But opening it in a browser would run the
seller's live scripts, ping their trackers and load their images from the
analyst's machine. So capture also writes ``page.view.html``: the same
document with scripts, frames, plug-ins, ``<base>``, meta refreshes, event
handler attributes and ``javascript:`` URLs removed, and, first in
``<head>``, a strict Content-Security-Policy meta tag (``default-src 'none'``:
no script runs and nothing is fetched, whatever the cleaning missed; inline
styles and ``data:`` images still show the page as it looked). Every
``evidence`` command that opens or shows HTML uses this copy.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import lxml.html
from lxml import etree
from sqlalchemy.orm import Session

from alerts.evidence.store import EvidenceStore, EvidenceWriteError
from storage import evidence as evidence_db
from storage.models import Evidence

VIEW_NAME = "page.view.html"
VIEW_KIND = "html_view"

#: no script, no connection, no form, no frame; inline style and data: images render
VIEW_CSP = (
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; "
    "media-src 'none'; object-src 'none'; frame-src 'none'; connect-src 'none'; "
    "form-action 'none'; base-uri 'none'"
)

#: elements removed with their content: the content is code
_DROP = ("script",)
#: elements removed but their content kept: they embed other documents or retarget links, and
#: the HTML parser may nest the rest of the page inside an unclosed one (``<embed>``)
_UNWRAP = ("iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal")
#: attributes that carry URLs a click or a load would follow
_URL_ATTRS = ("href", "src", "action", "formaction", "xlink:href", "data", "poster", "background")


def viewing_copy(html: bytes, *, source_url: str, sha256: str) -> bytes:
    """The inert copy of ``html`` (UTF-8 bytes) with the CSP meta tag first in ``<head>``."""
    document = lxml.html.document_fromstring(html or b"<html></html>", parser=_parser())
    _strip(document)
    head = document.find("head")
    if head is None:
        head = etree.Element("head")
        document.insert(0, head)
    for position, element in enumerate(_header_elements(source_url, sha256)):
        head.insert(position, element)
    body = lxml.html.tostring(document, encoding="utf-8", method="html")
    return b"<!DOCTYPE html>\n" + body


def _parser() -> lxml.html.HTMLParser:
    return lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True)


def _strip(document: lxml.html.HtmlElement) -> None:
    for element in list(document.iter(*_UNWRAP)):
        element.drop_tag()
    for element in list(document.iter(*_DROP)):
        element.drop_tree()
    for meta in list(document.iter("meta")):
        if (meta.get("http-equiv") or "").strip().lower() in ("refresh", "content-security-policy", "set-cookie"):
            meta.drop_tree()
    for link in list(document.iter("link")):
        if (link.get("rel") or "").strip().lower() not in ("stylesheet",):
            link.drop_tree()
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        for name in list(element.attrib):
            if _active_attribute(name.lower(), element.attrib[name]):
                del element.attrib[name]


def _active_attribute(name: str, value: str) -> bool:
    """An event handler, an inline document, a ping, or a URL that runs script when followed."""
    if name.startswith("on") or name in ("srcdoc", "ping"):
        return True
    return name in _URL_ATTRS and _scripted(value)


def _scripted(value: str) -> bool:
    compact = "".join(value.split()).lower()
    return compact.startswith(("javascript:", "vbscript:", "data:text/html"))


def _header_elements(source_url: str, sha256: str) -> list[etree._Element]:
    csp = etree.Element("meta", {"http-equiv": "Content-Security-Policy", "content": VIEW_CSP})
    charset = etree.Element("meta", {"charset": "utf-8"})
    referrer = etree.Element("meta", {"name": "referrer", "content": "no-referrer"})
    note = etree.Element("meta", {
        "name": "ktpwatch-viewing-copy",
        "content": f"inert copy of {source_url[:500]} (original page.html sha256 {sha256}); "
                   "scripts and network removed",
    })
    return [csp, charset, referrer, note]


# --------------------------------------------------------------------------- finding them


@dataclass(frozen=True)
class PageView:
    """The viewing copy of one captured page: what ``evidence view`` opens."""

    bundle_id: int
    url: str
    path: Path
    #: the original ``page.html`` it was made from
    original_sha256: str
    #: True when the bundle predates viewing copies and this one was made just now
    made_now: bool


def page_views(session: Session, store: EvidenceStore, alert_id: int) -> list[PageView]:
    """The viewing copy of every captured page of the alert, oldest bundle first.

    Bundles captured before viewing copies existed get one made now from
    their verified ``page.html`` (into the content-addressed store; the
    bundle and its manifest are not changed). The original is never returned.
    """
    views: list[PageView] = []
    for bundle in evidence_db.bundles_for_alerts(session, [alert_id]):
        files = evidence_db.bundle_files(session, bundle.id)
        originals = [f for f in files if f.kind == "html"]
        copies = {f.url: f for f in files if f.kind == VIEW_KIND}
        for original in originals:
            copy = copies.get(original.url)
            if copy is not None:
                views.append(PageView(bundle.id, original.url, store.path_for(copy.sha256), original.sha256, False))
                continue
            data = _verified(store, original)
            made = store.put_bytes(viewing_copy(data, source_url=original.url, sha256=original.sha256))
            views.append(PageView(bundle.id, original.url, made.path, original.sha256, True))
    return views


def _verified(store: EvidenceStore, row: Evidence) -> bytes:
    path = store.path_for(row.sha256)
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != row.sha256:
        raise EvidenceWriteError(f"{path} does not match its recorded SHA-256; run `ktpwatch evidence verify`")
    return data
