"""One spider module per marketplace, plus a page parser per page kind.

Spiders only build requests and hand responses to parsers; parsers are pure
functions of a response body that return ``ListingItem``s and a
``PageOutcome`` (blocked, captcha and layout changes are said, never hidden).
"""
