"""Why a request failed: ``dns``, ``connect``, ``tls``, ``timeout`` (no answer), ``http``, ``other``.

A marketplace whose every request failed is *unreachable*, which is neither
*blocked* (the marketplace answered, with a refusal) nor *layout changed* (the marketplace
answered, in a shape we cannot read). The cause class tells the operator
where to look: name resolution, the network path, certificates, or a marketplace
too slow to answer. Classification is pure: it reads the exception types
Twisted and Scrapy raise and, for the browser transport, Chromium's
``net::ERR_*`` codes in Playwright's messages.
"""

from __future__ import annotations

from collections.abc import Iterator

from twisted.internet import defer
from twisted.internet import error as net_error
from twisted.python.failure import Failure

#: causes that mean the marketplace never answered
NETWORK_CAUSES = ("dns", "connect", "tls", "timeout")
CAUSES = (*NETWORK_CAUSES, "http", "other")

_TIMEOUT_TYPES: tuple[type[BaseException], ...] = (
    net_error.TimeoutError, net_error.TCPTimedOutError, defer.TimeoutError, TimeoutError,
)
_CONNECT_TYPES: tuple[type[BaseException], ...] = (
    net_error.ConnectError, net_error.ConnectionLost, net_error.ConnectionDone, ConnectionError,
)
#: Chromium network error names (as Playwright reports them) per cause, checked in this order.
_CHROMIUM_CODES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("dns", ("ERR_NAME_NOT_RESOLVED", "ERR_NAME_RESOLUTION_FAILED")),
    ("tls", ("ERR_CERT_", "ERR_SSL_", "ERR_BAD_SSL")),
    ("timeout", ("ERR_TIMED_OUT", "ERR_CONNECTION_TIMED_OUT", "Timeout ")),
    ("connect", ("ERR_CONNECTION_", "ERR_ADDRESS_UNREACHABLE", "ERR_INTERNET_DISCONNECTED",
                 "ERR_EMPTY_RESPONSE", "ERR_NETWORK_", "ERR_TUNNEL_")),
)


def _exceptions(value: BaseException | None, depth: int = 0) -> Iterator[BaseException]:
    """``value`` and the exceptions it wraps (Twisted's ``reasons`` lists, causes, contexts)."""
    if value is None or depth > 5:
        return
    yield value
    for reason in getattr(value, "reasons", None) or ():
        inner = reason.value if isinstance(reason, Failure) else reason
        if isinstance(inner, BaseException):
            yield from _exceptions(inner, depth + 1)
    yield from _exceptions(value.__cause__ or value.__context__, depth + 1)


def _is_tls(exc: BaseException) -> bool:
    module = type(exc).__module__
    return module.startswith(("OpenSSL", "ssl", "service_identity")) or "SSL" in type(exc).__name__


def exception_cause(exc: BaseException) -> str:
    """The cause class of one exception (with whatever it wraps)."""
    chain = list(_exceptions(exc))
    checks = (
        ("dns", lambda e: isinstance(e, net_error.DNSLookupError)),
        ("tls", _is_tls),
        ("timeout", lambda e: isinstance(e, _TIMEOUT_TYPES)),
        ("connect", lambda e: isinstance(e, _CONNECT_TYPES)),
    )
    for cause, check in checks:
        if any(check(e) for e in chain):
            return cause
    text = " ".join(str(e) for e in chain)
    for cause, codes in _CHROMIUM_CODES:
        if any(code in text for code in codes):
            return cause
    return "other"


def failure_cause(failure: Failure) -> str:
    """The cause class of a Scrapy errback's failure."""
    value = failure.value
    if getattr(value, "response", None) is not None:  # Scrapy's HttpError: the marketplace did answer
        return "http"
    return exception_cause(value) if isinstance(value, BaseException) else "other"
