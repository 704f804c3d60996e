"""The pages a shop shows instead of an answer: challenges, login walls, empty shells.

Real shops answer a suspected bot with HTML, usually with status 200: Akamai's
challenge (Tokopedia, Blibli, OLX), Baxia's ``/_____tmd_____/punish`` slider
(Lazada), Shopee's traffic-verification page, Facebook's login wall, and
single-page apps whose first answer is an empty shell until their scripts run.
Each shop module picks the one its shop gives (``sandbox.shops.base.Shop``);
these are the generic forms. They carry no products, so a parser that reads
one as "no results" is wrong in a way the tests can see.
"""

from __future__ import annotations

from html import escape


def captcha_html(title: str, action: str) -> str:
    """A generic human-verification page posting to ``action``."""
    return f"""<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>{escape(title)}</title></head>
<body><h1>Verifikasi bahwa Anda bukan robot</h1>
<p>Kami mendeteksi lalu lintas yang tidak biasa dari jaringan Anda. Please verify you are human.</p>
<form method="post" action="{escape(action)}"><div class="g-recaptcha captcha-slider"
 data-sitekey="6LcWXWMaAAAAAJ"></div><button type="submit">Verifikasi</button></form>
</body></html>
"""


def akamai_challenge_html(title: str) -> str:
    """Akamai Bot Manager's behavioural challenge (``sec-if-cpt``), answered with status 200.

    A small page with the challenge container and its script, no product data
    (public scrapers' detectors key on ``sec-if-cpt-container``).
    """
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><div id="sec-if-cpt-container" class="sec-if-cpt-container">
<div class="sec-if-cpt-header"><p>Please wait while we verify your browser...</p></div>
<div id="sec-cpt-if" data-duration="5" class="crypto-challenge"></div>
<p class="sec-if-cpt-footer">Powered and protected by Akamai</p></div>
<script src="/_sec/cp_challenge/ak-challenge-4-3.js"></script>
<script>window.sec_cpt_verify = "/_sec/cp_challenge/verify";</script></body></html>
"""


def login_html(title: str, action: str) -> str:
    """A login page: what a shop serves when it wants a session first."""
    return f"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>{escape(title)}</title></head>
<body><h1>Masuk</h1><p>Silakan masuk untuk melanjutkan. Log in to continue.</p>
<form id="login_form" method="post" action="{escape(action)}">
<input type="text" name="email" autocomplete="username"><input type="password" name="pass">
<button type="submit" name="login">Masuk</button></form></body></html>
"""


def empty_shell_html(title: str, script: str) -> str:
    """A single-page app's first answer: a root element and a script, no content yet."""
    return f"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>{escape(title)}</title>
<link rel="preload" href="{escape(script)}" as="script"></head>
<body><noscript>You need to enable JavaScript to run this app.</noscript><div id="root"></div>
<script defer src="{escape(script)}"></script></body></html>
"""
