"""Credentials inside URLs, hidden wherever a URL is printed.

Deployments put secrets in URLs: ``postgresql://ktpwatch:pw@db/ktpwatch``,
``redis://:pw@cache:6379/0``, ``https://hooks.example/notify?token=…``. Those URLs
reach ``config check``, error messages, log lines and tracebacks; every one of
them goes through :func:`redact_urls` first. It lives in ``config`` because
every layer may print a URL and every layer may import ``config``.

What is hidden: the password of the user-info part (``user:***@``, the form
SQLAlchemy's ``render_as_string(hide_password=True)`` prints), and the value of
every query parameter whose name says it is a secret (token, key, secret,
password, signature, auth …). Notification URLs of Apprise services
(``tgram://BOTTOKEN/CHAT``, ``slack://A/B/C``, ``discord://ID/TOKEN`` …) carry
their tokens in the host and path: everything after the scheme is hidden
(``tgram://***``). ``mailto://user:pass@…`` and ``json://user:pass@…`` keep the
ordinary treatment (password and secret query values hidden).
"""

from __future__ import annotations

import re

HIDDEN = "***"
#: a URL inside free text: a scheme, then everything up to white space or a quote
_URL = re.compile(r"\b[a-zA-Z][a-zA-Z0-9+.\-]*://[^\s'\"<>`]+")
#: ``user:password@host`` without a scheme: the password may hold anything but white space,
#: quotes, ``/`` and ``@``
_BARE_USERINFO = re.compile(r"(?<![\w/:])(?P<user>[\w.%+\-~]*):(?!\*\*\*@)[^\s@/'\"]+@(?=[\w\[])")
#: where the authority (``user:password@host:port``) of a URL ends
_AUTHORITY_END = re.compile(r"[/?#]|$")
#: Apprise schemes whose host and path are tokens (``[notify] urls``). Not ``line``:
#: sellers post ``line://ti/p/…`` contact links, which are evidence to keep visible.
APPRISE_TOKEN_SCHEMES = frozenset((
    "apprise", "apprises", "bark", "barks", "bluesky", "clickatell", "d7sms", "dingtalk",
    "discord", "feishu", "fcm", "flock", "gotify", "gotifys", "guilded", "httpsms", "ifttt",
    "join", "kumulos", "lametric", "lark", "mailgun", "mastodon", "matrix",
    "matrixs", "misskey", "mmost", "mmosts", "msg91", "msteams", "nctalk", "nctalks",
    "ntfy", "ntfys", "office365", "onesignal", "opsgenie", "pagerduty", "pagertree", "pbul",
    "pjet", "pjets", "plivo", "pover", "pushed", "pushover", "pushplus", "qq", "reddit",
    "resend", "revolt", "rocket", "rockets", "ryver", "sendgrid", "serverchan", "ses",
    "seven", "signal", "signals", "simplepush", "sinch", "slack", "smseagle", "smseagles",
    "sns", "spark", "sparkpost", "spush", "streamlabs", "teams", "tgram", "threema", "toot",
    "twilio", "twist", "vonage", "nexmo", "webexteams", "wecombot", "workflow", "workflows",
    "wxteams", "zulip",
))
_SECRET_PARAM = re.compile(
    r"(?:^|[_\-.])(?:api)?(?:token|key|secret|pass(?:word|wd)?|pwd|auth|authorization|sig|signature"
    r"|credentials?|session)$",
    re.IGNORECASE,
)


def _hide_userinfo(netloc: str) -> str:
    """``user:***@host``; the last ``@`` ends the user-info (a careless password may hold one)."""
    userinfo, at, host = netloc.rpartition("@")
    if not at:
        return netloc
    user, colon, _password = userinfo.partition(":")
    return f"{user}:{HIDDEN}@{host}" if colon else netloc


def _hide_query(query: str) -> str:
    parts = []
    for piece in query.split("&"):
        name, equals, _value = piece.partition("=")
        parts.append(f"{name}={HIDDEN}" if equals and _SECRET_PARAM.search(name) else piece)
    return "&".join(parts)


def redact_url(url: str) -> str:
    """``url`` with its password and secret query values replaced by ``***``.

    Example: ``redact_url("redis://:pw@cache:6379/0")`` gives ``"redis://:***@cache:6379/0"``.
    """
    scheme, sep, rest = url.partition("://")
    if not sep:
        return url
    if scheme.lower() in APPRISE_TOKEN_SCHEMES:
        return f"{scheme}://{HIDDEN}"
    end = _AUTHORITY_END.search(rest)
    assert end is not None  # "$" always matches
    netloc, tail = rest[: end.start()], rest[end.start() :]
    path_and_query, hash_mark, fragment = tail.partition("#")
    path, question, query = path_and_query.partition("?")
    redacted = f"{scheme}://{_hide_userinfo(netloc)}{path}"
    if question:
        redacted += "?" + _hide_query(query)
    if hash_mark:
        redacted += "#" + fragment
    return redacted


#: the longest Apprise token scheme: only that many letters before a ``://`` can name one
_LONGEST_TOKEN_SCHEME = max(map(len, APPRISE_TOKEN_SCHEMES))


def _names_token_scheme(text: str) -> bool:
    """Whether any ``://`` in ``text`` may follow an Apprise token scheme.

    Errs towards yes: every tail of the few characters before each ``://`` is
    tried, because the URL pattern may start a scheme inside a longer run
    (``-tgram://`` holds ``tgram://``). A no is certain.
    """
    found = text.find("://")
    while found != -1:
        before = text[max(0, found - _LONGEST_TOKEN_SCHEME):found].lower()
        if any(before[i:] in APPRISE_TOKEN_SCHEMES for i in range(len(before))):
            return True
        found = text.find("://", found + 3)
    return False


def _redact_with_pattern(text: str) -> str:
    """Every URL the URL pattern finds in ``text`` redacted, then bare ``user:password@`` hidden."""
    text = _URL.sub(lambda m: redact_url(m.group(0)), text)
    return _BARE_USERINFO.sub(rf"\g<user>:{HIDDEN}@", text) if "@" in text else text


def redact_urls(text: str) -> str:
    """Every URL inside ``text`` passed through :func:`redact_url`, and a bare
    ``user:password@host`` (as drivers quote a host they cannot parse) hidden too.

    A URL changes only where it holds a password (``@``), a query value (``=``)
    or an Apprise token scheme, so a line without ``@`` and ``=`` is searched
    with the pattern only when a ``://`` in it may follow a token scheme: log
    lines full of ordinary ``https://`` addresses skip the pattern.
    """
    if "@" not in text and "=" not in text and not ("://" in text and _names_token_scheme(text)):
        return text  # nothing a secret hides in
    return _redact_with_pattern(text)
