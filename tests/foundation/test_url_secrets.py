"""Credentials inside URLs are hidden wherever text is printed (config.secrets)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from config.secrets import redact_url, redact_urls

secrets = st.text(alphabet=st.characters(codec="ascii", exclude_characters=" \t\n\r\x0b\x0c/?#@'\"<>`"),
                  min_size=6, max_size=20).filter(lambda s: s.isprintable())
users = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", max_size=8)
schemes = st.sampled_from(["postgresql+psycopg", "redis", "rediss", "https", "http", "amqp"])


@given(scheme=schemes, user=users, password=secrets, before=st.text(max_size=20), after=st.text(max_size=20))
def test_no_password_survives_in_free_text(scheme: str, user: str, password: str, before: str, after: str) -> None:
    url = f"{scheme}://{user}:{password}@db.internal:5432/ktp"
    shown = redact_urls(f"{before} {url} {after}")
    assert f":{password}@" not in shown
    assert "db.internal:5432/ktp" in shown


@given(token=secrets.filter(lambda s: "&" not in s and "=" not in s))
def test_secret_query_values_are_hidden_and_others_kept(token: str) -> None:
    shown = redact_url(f"https://hooks.example/notify?channel=ops&token={token}&api_key={token}")
    assert shown == "https://hooks.example/notify?channel=ops&token=***&api_key=***"


def test_examples() -> None:
    assert redact_url("redis://:pw@cache:6379/0") == "redis://:***@cache:6379/0"
    assert redact_url("postgresql+psycopg://ktp:s3cr@t@db:5432/ktp") == "postgresql+psycopg://ktp:***@db:5432/ktp"
    assert redact_url("sqlite:///ktpwatch-data/ktpwatch.db") == "sqlite:///ktpwatch-data/ktpwatch.db"
    assert redact_url("https://shop.example/search?keyword=blangko") == "https://shop.example/search?keyword=blangko"
    assert redact_urls("invalid hostname: user:hunter2@127.0.0.1") == "invalid hostname: user:***@127.0.0.1"
    assert redact_urls("mail ana@example.com at 12:30") == "mail ana@example.com at 12:30"
