"""Storage: typed SQLAlchemy models, engines and small query functions (layer 1–2).

Imports nothing of ours but ``config``. Query functions live in one module per
area (``listings``, ``alerts``, ``evidence``, ``notices``, ``scans``, ``images``,
``schedule``); they take a session, run ``select()`` statements and never commit.
"""
