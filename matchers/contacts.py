"""Contact details other than phones: group invite links, e-mail addresses, social handles.

Kinds and values (each normalised so one contact has one value):

* ``url`` (:func:`find_group_links`, read with the other links by :mod:`matchers.identifiers`) — a
  Telegram group invite (``t.me/+HASH``, ``t.me/joinchat/HASH``
  → ``https://t.me/+HASH``), a WhatsApp group invite (``chat.whatsapp.com/CODE``
  → ``https://chat.whatsapp.com/CODE``) or channel
  (``whatsapp.com/channel/ID`` → ``https://whatsapp.com/channel/ID``); invite
  codes keep their case, which is significant.  Public ``t.me/name`` and
  ``wa.me/…`` links stay with :mod:`matchers.identifiers`.
* ``email`` — the address lower-cased; ``foto@2x.png``-style file names are not addresses.
* ``social_handle`` — ``instagram:@name`` / ``tiktok:@name``, lower-cased, for a
  handle offered as contact: after the platform's name with ``:`` ("IG: x"),
  or with ``@`` up to two words later ("dm ig @x", "tiktok @x", "follow IG
  kami @x"), or in a profile URL.  A bare
  ``@name`` names no platform and is not reported.
"""

from __future__ import annotations

import re

_GROUP_LINKS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?:https?://)?(?:www\.)?(?:t|telegram)\.me/(?:joinchat/|\+)(?P<code>[A-Za-z0-9_\-]{10,64})",
                re.IGNORECASE), "https://t.me/+{code}"),
    (re.compile(r"(?:https?://)?chat\.whatsapp\.com/(?:invite/)?(?P<code>[A-Za-z0-9]{10,40})", re.IGNORECASE),
     "https://chat.whatsapp.com/{code}"),
    (re.compile(r"(?:https?://)?(?:www\.)?whatsapp\.com/channel/(?P<code>[A-Za-z0-9]{10,40})", re.IGNORECASE),
     "https://whatsapp.com/channel/{code}"),
)
_EMAIL = re.compile(
    r"(?<![\w.+\-])(?P<local>[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63})@(?P<domain>[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*"
    r"\.(?P<tld>[A-Za-z]{2,24}))(?![\w@])"
)
#: Longer "addresses" (RFC 5321 allows 254) are runs of junk, not an address a seller types;
#: the bound also keeps every value within what an identifier value may hold (200).
_MAX_EMAIL = 200
_FILE_SUFFIXES = frozenset({"png", "jpg", "jpeg", "gif", "webp", "svg", "bmp", "heic", "mp4", "pdf"})
_PLATFORMS = (("instagram", r"instagram|insta|ig"), ("tiktok", r"tik\s?tok"))
_HANDLE = r"(?P<handle>[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?)"
_HANDLE_AFTER_NAME = re.compile(
    r"(?<![a-z0-9@/.])(?:" + "|".join(f"(?P<{name}>{pattern})" for name, pattern in _PLATFORMS) + r")"
    r"(?:\s*[:=]\s*@?|(?:\s+[a-z]{2,10}){0,2}\s*:?\s*@)\s*" + _HANDLE + r"(?![A-Za-z0-9_@])",
    re.IGNORECASE,
)
#: A profile is the first path segment and the last: "instagram.com/p/ID" is a post.
_PROFILE_URL = re.compile(
    r"(?:https?://)?(?:www\.)?(?:(?P<instagram>instagram\.com)/|(?P<tiktok>tiktok\.com)/@)" + _HANDLE
    + r"(?![A-Za-z0-9_.]|/[A-Za-z0-9_])",
    re.IGNORECASE,
)
_HINTS = ("@", "instagram", "tiktok", "tik tok", "ig:", "ig :", "ig=")


def may_have_contact(low: str) -> bool:
    """Necessary test on lower-cased text for any contact this module finds: one of ``_HINTS`` in it,
    each looked for only where a shorter string it holds is ("tik", "ig"), not all seven in every
    text (a test holds both equal).  Group links are :func:`find_group_links`', gated by the caller's
    link test (2.6)."""
    if "@" in low:
        return True
    if "tik" in low and ("tiktok" in low or "tik tok" in low):
        return True
    return "instagram" in low or ("ig" in low and ("ig:" in low or "ig :" in low or "ig=" in low))


def _handles(text: str) -> list[tuple[int, int, str, str]]:
    found: list[tuple[int, int, str, str]] = []
    for pattern in (_PROFILE_URL, _HANDLE_AFTER_NAME):
        for m in pattern.finditer(text):
            platform = "instagram" if m.group("instagram") else "tiktok"
            handle = m.group("handle").lower()
            found.append((m.start(), m.end(), "social_handle", f"{platform}:@{handle}"))
    return found


def find_group_links(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, "url", value) of every Telegram and WhatsApp group invite and WhatsApp channel link.

    Read by :mod:`matchers.identifiers` with its contact links (2.6), not by :func:`find_contacts`: a
    group link is a ``url``, the kind those links are, whether or not the issue-20 kinds are read.
    """
    return [(m.start(), m.end(), "url", template.format(code=m.group("code")))
            for pattern, template in _GROUP_LINKS for m in pattern.finditer(text)]


def find_contacts(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, kind, value) of every e-mail address and social handle in ``text`` (group links:
    :func:`find_group_links`).

    Example: ``find_contacts("dm ig @Blanko.Store")`` gives
    ``[(3, 19, "social_handle", "instagram:@blanko.store")]``.
    """
    found: list[tuple[int, int, str, str]] = []
    if "@" in text:
        found += [(m.start(), m.end(), "email", m.group(0).lower()) for m in _EMAIL.finditer(text)
                  if m.group("tld").lower() not in _FILE_SUFFIXES and len(m.group(0)) <= _MAX_EMAIL]
    taken = [(start, end) for start, end, _, _ in found]
    found += [h for h in _handles(text) if not any(h[0] < e and s < h[1] for s, e in taken)]
    return found
