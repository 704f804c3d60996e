"""Alerts: evidence capture, review, redaction, takedown notices, follow-up re-checks and relisting links.

Works on what storage holds; imports ``storage``, matcher result types and ``config``.
:mod:`alerts.review` holds the rules of an analyst's decisions (batch moves,
reasons, assignment, notes); :mod:`alerts.redaction` masks NIKs for every output.
"""
