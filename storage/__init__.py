"""Storage: typed SQLAlchemy models, engines and small query functions (layer 1–2).

Imports nothing of ours but ``config``. Query functions live in one module per
area (``listings``, ``alerts/``, ``evidence``, ``notices``, ``scans``, ``images``,
``schedule``); they take a session, run ``select()`` statements and never commit.
One write path per table: sellers, listings, sightings and assessments are
written set-based by ``batch_ingest``, alerts by ``alerts.opening``, and a
verdict becomes its assessment and alert through ``verdicts`` (the ingest
join's storage step); a single listing is a batch of one.
"""
