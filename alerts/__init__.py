"""Alerts: evidence capture, takedown notices, follow-up re-checks and relisting links.

Works on what storage holds; imports ``storage``, matcher result types and ``config``.
"""
