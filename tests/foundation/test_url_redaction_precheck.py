"""redact_urls skips the URL pattern when no URL in a line can change, and its answer is the pattern's.

The pre-check (``@``, ``=``, or a ``://`` that may follow an Apprise token
scheme) must never say "nothing to hide" where the pattern would hide something:
a differential property over lines built from the pieces that matter.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from config import secrets
from config.secrets import APPRISE_TOKEN_SCHEMES, redact_urls

_token_schemes = sorted(APPRISE_TOKEN_SCHEMES)
schemes = st.one_of(
    st.sampled_from(_token_schemes),
    st.sampled_from(_token_schemes).map(str.upper),
    st.sampled_from(["https", "http", "line", "sqlite", "redis", "mailto", "json", "x.tgram", "1tgram"]),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzABC0123456789+.-", max_size=14),
)
glue = st.sampled_from(["", " ", "-", ".", "+", "1", "x", "é", "(", "'", "\n", "/"])
rests = st.text(alphabet="abcdefgh0123456789/:?&#._-~%", max_size=20)
pieces = st.one_of(
    st.tuples(glue, schemes, st.just("://"), rests).map("".join),
    st.text(max_size=12),
    st.sampled_from(["@", "=", "user:pw@host", "?token=abc", "://"]),
)
lines = st.lists(pieces, max_size=6).map(" ".join)


@given(lines)
def test_the_precheck_answers_as_the_pattern_does(line: str) -> None:
    assert redact_urls(line) == secrets._redact_with_pattern(line)


@given(st.sampled_from(_token_schemes), glue, rests)
def test_a_token_scheme_after_any_glue_is_seen(scheme: str, before: str, rest: str) -> None:
    line = f"note {before}{scheme}://{rest}"
    assert redact_urls(line) == secrets._redact_with_pattern(line)


def test_ordinary_addresses_skip_the_pattern(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(text: str) -> str:
        raise AssertionError(f"pattern run on {text!r}")

    monkeypatch.setattr(secrets, "_redact_with_pattern", refuse)
    line = "GET https://shop.example/p/1 -> http://cdn.example/a.jpg line://ti/p/seller"
    assert redact_urls(line) == line


def test_a_token_scheme_still_runs_the_pattern() -> None:
    assert redact_urls("sent to tgram://123456:ABCDEF/42 ok") == "sent to tgram://*** ok"
    assert redact_urls("via -Discord://1/abc") == "via -Discord://***"
