"""Fixtures of the notification tests."""

from tests.notify.sinks import db, json_sink  # noqa: F401  (shared fixtures)
