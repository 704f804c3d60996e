"""The case file for the police: one actor's listings, network, risk and evidence in one folder.

``gather`` reads storage into plain data (:mod:`alerts.case.model`), ``network``
lays out the picture, ``render`` makes HTML (Jinja2) and PDF (WeasyPrint), and
``export`` audits and writes the folder.  ``ktpwatch case export`` is the thin
command over :func:`~alerts.case.export.prepare_case` and
:func:`~alerts.case.export.write_case`.
"""
