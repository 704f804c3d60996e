"""Rendering and message building are pure: check content, escaping and header safety."""

from __future__ import annotations

import email
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from alerts.notices.message import Attachment, Envelope, build_message, message_bytes
from alerts.notices.render import (
    KINDS,
    ListingEntry,
    NoticeContent,
    ParentNotice,
    SenderInfo,
    one_line,
    render_notice,
    template_environment,
)
from config import packaged_templates_dir
from tests.notices.conftest import HOSTILE_TITLE

NOW = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)


def _content(kind: str = "takedown", title: str = "Blangko e-KTP kosong") -> NoticeContent:
    entry = ListingEntry(
        url="https://www.tokopedia.com/toko/blangko-ektp",
        external_id="98765",
        title=one_line(title),
        shop_name=one_line("Toko <b>Maju</b>"),
        shop_url="https://www.tokopedia.com/toko",
        price=1_250_000,
        first_captured_at=NOW,
        manifest_sha256="ab" * 32,
        alert_id=7,
    )
    parent = ParentNotice("KTPW-20250201-TOKOPEDIA-AAAA", NOW, "legal@tokopedia.com", "<p@x>")
    return NoticeContent(
        notice_uid="KTPW-20250301-TOKOPEDIA-0001",
        kind=kind,
        marketplace="tokopedia",
        recipient="legal@tokopedia.com",
        platform_contact="legal@tokopedia.com",
        sender=SenderInfo("Tim Pemantau", "Dukcapil Watch", "watch@example.org", "+62 21 555"),
        listings=(entry,),
        legal_basis=("UU 24/2013 Pasal 96: LEGAL-TEXT-FROM-CONFIG", "Permenkominfo 5/2020"),
        deadline_hours=24,
        created_at=NOW,
        parent=parent if kind != "takedown" else None,
    )


@pytest.fixture
def env():  # type: ignore[no-untyped-def]
    return template_environment(None, packaged_templates_dir(), "Asia/Jakarta")


def test_takedown_text_holds_every_field(env) -> None:  # type: ignore[no-untyped-def]
    rendered = render_notice(_content(), env)
    text = rendered.text
    for expected in (
        "KTPW-20250301-TOKOPEDIA-0001", "Tim Pemantau", "Dukcapil Watch", "watch@example.org",
        "+62 21 555", "legal@tokopedia.com", "https://www.tokopedia.com/toko/blangko-ektp",
        "98765", "Blangko e-KTP kosong", "Toko <b>Maju</b>", "https://www.tokopedia.com/toko",
        "Rp1.250.000", "2025-03-01 15:00 WIB", "ab" * 32, "LEGAL-TEXT-FROM-CONFIG",
        "menyimpan data penjual", "mengonfirmasi penerimaan", "itikad baik", "good faith",
        "24 jam", "=== ENGLISH ===", "preserve the seller's data",
    ):
        assert expected in text, expected
    assert "Tokopedia" in rendered.subject and "(1 listing)" in rendered.subject


def test_html_escapes_listing_text(env) -> None:  # type: ignore[no-untyped-def]
    rendered = render_notice(_content(title=HOSTILE_TITLE), env)
    assert "<script>" not in rendered.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered.html
    assert "Toko &lt;b&gt;Maju&lt;/b&gt;" in rendered.html
    # the layout's own markup is intact and prose keeps its line breaks
    assert "<table" in rendered.html and "<br>" in rendered.html


def test_listing_text_is_one_line_and_masks_niks() -> None:
    cleaned = one_line(HOSTILE_TITLE)
    assert "\r" not in cleaned and "\n" not in cleaned
    assert "3174********0003" in cleaned and "3174010101900003" not in cleaned
    assert len(one_line("x" * 1_000_000)) <= 300


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_renders_both_parts(env, kind: str) -> None:  # type: ignore[no-untyped-def]
    rendered = render_notice(_content(kind), env)
    assert rendered.text.strip() and rendered.html.strip()
    if kind != "takedown":
        assert "KTPW-20250201-TOKOPEDIA-AAAA" in rendered.text
        assert "KTPW-20250201-TOKOPEDIA-AAAA" in rendered.html


def test_user_templates_override_one_file_and_fall_back(tmp_path: Path) -> None:
    (tmp_path / "takedown.j2").write_text(
        '{% extends layout %}{% block intro_id %}CUSTOM WORDING{% endblock %}'
    )
    env = template_environment(tmp_path, packaged_templates_dir(), "Asia/Jakarta")
    rendered = render_notice(_content(), env)
    assert "CUSTOM WORDING" in rendered.text and "CUSTOM WORDING" in rendered.html
    assert "LEGAL-TEXT-FROM-CONFIG" in rendered.text  # layout still the packaged one


def test_hostile_title_cannot_add_headers(env) -> None:  # type: ignore[no-untyped-def]
    content = _content(title=HOSTILE_TITLE)
    rendered = render_notice(content, env)
    envelope = Envelope(
        sender_name="Tim\r\nBcc: evil@example.com", sender_email="watch@example.org",
        recipient="legal@tokopedia.com", notice_uid=content.notice_uid, date=NOW,
        message_id="<1@example.org>",
    )
    data = message_bytes(build_message(
        rendered, envelope, [Attachment("m\r\nX-Evil: 1.json", b"{}", "application", "json")]
    ))
    msg = email.message_from_bytes(data, policy=policy.default)
    assert isinstance(msg, EmailMessage)
    assert msg["Bcc"] is None and msg["X-Injected"] is None and msg["X-Evil"] is None
    assert msg["X-Ktpwatch-Notice-Id"] == content.notice_uid
    assert HOSTILE_TITLE.splitlines()[0] not in msg["Subject"]
    header_block = data.split(b"\r\n\r\n", 1)[0]
    header_names = {line.split(b":", 1)[0].lower() for line in header_block.split(b"\r\n")}
    assert not header_names & {b"bcc", b"x-injected", b"x-evil"}
    assert b"victim@example.com" not in header_block
    names = [p.get_filename() for p in msg.iter_attachments()]
    assert names == ["m X-Evil: 1.json"]
