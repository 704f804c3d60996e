"""The captcha / "are you a robot" page the sandbox shows instead of an answer.

Real shops answer a suspected bot with an HTML interstitial (Akamai, Baxia's
``/_____tmd_____/punish`` slider, Shopee's verify page), often with status 200.
Parsers must recognise it as a block, never as an empty result page; the page
therefore looks like what they meet in the wild: no products, a challenge form.
"""

from __future__ import annotations

from html import escape

CAPTCHA_MARKER = "sandbox-captcha-challenge"


def captcha_html(marketplace: str) -> str:
    name = escape(marketplace)
    return f"""<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>Verifikasi keamanan</title></head>
<body id="{CAPTCHA_MARKER}" data-marketplace="{name}">
<h1>Verifikasi bahwa Anda bukan robot</h1>
<p>Kami mendeteksi lalu lintas yang tidak biasa dari jaringan Anda. Please verify you are human.</p>
<form method="post" action="/{name}/captcha"><div class="g-recaptcha captcha-slider"
 data-sitekey="sandbox"></div><button type="submit">Verifikasi</button></form>
</body></html>
"""
