"""Scoring: concept rules over tagged text, per field, into a verdict with reasons.

Each field (title, description, OCR text of the photos) is normalised,
spelled canonically and tagged (:mod:`matchers.lexicon`), then two channels
are scored from rules over the tags:

* ``blank`` — a blank e-KTP on offer: a blank word (blangko, kosong, belum
  tercetak …) near an e-KTP/KTP term is the strong evidence; chip-card,
  official-source and e-KTP words support it, so a vague title like
  "kartu chip original dinas" already reaches the candidate bar;
* ``related`` — other population-document fraud: blank KK/akta/KIA forms,
  forged or "jadi" KTPs, NIK or KTP-photo data for sale.

A channel's score is its strongest rule plus supporting rules (capped at
100) minus hard-negative context (holders, PVC cards "ukuran KTP", printers,
photocopy services, receipt books, blangkon, toys …), each negative counted
once.  A rule counts once however many fields fire it; the first field
(title, then description, then image) is the one a reason names.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from matchers.identifiers import dedupe_identifiers, extract_identifiers
from matchers.lexicon import canonical_of_words, outline, plain_words
from matchers.normalise import normal_words
from matchers.result import MATCHER_VERSION, Assessment, Reason, Verdict

SCORER = "ktpwatch-rules/1 (normalise+lexicon tags; rapidfuzz Levenshtein typo correction)"
DEFAULT_BLANK_THRESHOLD = 60.0
DEFAULT_RELATED_THRESHOLD = 55.0
FIELDS = ("title", "description", "image")


@dataclass(frozen=True)
class Rule:
    name: str
    channel: str  # "blank" | "related" | "negative"
    strong: bool
    weight: float
    pattern: re.Pattern[str]
    why: str

    @property
    def tags(self) -> frozenset[str]:
        """Tags of which a match needs at least one (a cheap test before the regex)."""
        return frozenset(re.findall(r"([A-Z]+)=", self.pattern.pattern))


def _p(pattern: str) -> re.Pattern[str]:
    pattern = re.sub(r"<([A-Z]+)>", r"\1=\\S*", pattern)
    return re.compile(rf"(?<!\S)(?:{pattern})(?!\S)")


def _near(a: str, b: str, gap: int) -> str:
    return rf"<{a}>(?: \S+){{0,{gap}}} <{b}>|<{b}>(?: \S+){{0,{gap}}} <{a}>"


_BLANKISH = "BLANGKO"
RULES: tuple[Rule, ...] = (
    # blank channel: strong evidence
    Rule("blank_ektp", "blank", True, 75, _p(_near(_BLANKISH, "EKTP", 3)), "blank word near an e-KTP term"),
    Rule("unprinted_ektp", "blank", True, 68, _p(_near("KOSONG", "EKTP", 3)), "empty/unprinted word near an e-KTP term"),
    Rule("blank_ktp", "blank", True, 65, _p(_near(_BLANKISH, "KTP", 2)), "blank word next to KTP"),
    Rule("unprinted_ktp", "blank", True, 58, _p(_near("KOSONG", "KTP", 2)), "empty/unprinted word next to KTP"),
    # blank channel: support
    Rule("ektp_term", "blank", False, 20, _p("<EKTP>"), "e-KTP term"),
    Rule("ktp_term", "blank", False, 8, _p("<KTP>"), "KTP term"),
    Rule("blank_term", "blank", False, 12, _p("<BLANGKO>"), "blank word"),
    Rule("chip_card", "blank", False, 12, _p(r"<KARTU>(?: \S+){0,2} <CHIP>|<CHIP>(?: \S+){0,1} <KARTU>"), "chip card"),
    Rule("blank_chip", "blank", False, 10, _p(_near("BLANGKO", "CHIP", 2) + "|" + _near("KOSONG", "CHIP", 2)), "blank chip"),
    Rule("official_card", "blank", False, 8, _p(_near("KARTU", "OFFICIAL", 2)), "card said to come from an office"),
    Rule("official_source", "blank", False, 15, _p("<OFFICIAL>"), "claims an official source (dinas, dukcapil)"),
    Rule("original_claim", "blank", False, 5, _p("<ORIGINAL>"), "claims to be original"),
    # related channel
    Rule("blank_civil_form", "related", True, 70,
         _p(r"(?:<BLANGKO>|<KOSONG>)(?: \S+){0,3} (?:<KK>|<AKTA>|<KIA>|<CIVILDOC>)|(?:<KK>|<AKTA>|<KIA>|<CIVILDOC>)(?: \S+){0,2} (?:<BLANGKO>|<KOSONG>)"),
         "blank family card, birth certificate or child ID form"),
    Rule("forged_ktp", "related", True, 70, _p("<FORGE>"), "ready-made or forged KTP"),
    Rule("identity_data", "related", True, 70, _p("<IDDATA>"), "NIK or KTP-photo data for sale"),
    Rule("official_source_related", "related", False, 10, _p("<OFFICIAL>"), "claims an official source"),
    Rule("id_term_related", "related", False, 5, _p("<KTP>|<EKTP>|<KK>"), "identity document term"),
    # hard negatives
    Rule("neg_blangkon", "negative", False, 70, _p("<NEGHEADWEAR>"), "blangkon (Javanese headwear)"),
    Rule("neg_holder", "negative", False, 45, _p("<NEGHOLDER>"), "holder, casing or wallet"),
    Rule("neg_plain_card", "negative", False, 30, _p("<NEGPLAINCARD>"), "plain PVC/RFID/NFC or ID card"),
    Rule("neg_card_size", "negative", False, 45, _p("<SIZEKTP>"), "KTP only as a size or look"),
    Rule("neg_printer", "negative", False, 40, _p("<NEGPRINTER>"), "card printer, ribbon or reader"),
    Rule("neg_copy_service", "negative", False, 45, _p("<NEGCOPYSERVICE>"), "photocopy, scan or laminating service"),
    Rule("neg_form_book", "negative", False, 45, _p("<NEGFORMBOOK>"), "receipt or form book"),
    Rule("neg_toy", "negative", False, 50, _p("<NEGTOY>"), "toy or educational card"),
    Rule("neg_design", "negative", False, 40, _p("<NEGDESIGN>"), "template, design file or sticker"),
)
_BOTH_FIELDS_BONUS = 10.0


#: Untagged words in a row beyond the widest gap a rule allows (``{0,n}`` words
#: between two tags) can be shortened to this many in a field's shape without
#: changing what any rule matches.
_SHAPE_GAP = 1 + max(int(n) for rule in RULES for n in re.findall(r"\{0,(\d+)\}", rule.pattern.pattern))
_FIELD_CACHE_SIZE = 16_384
_SHAPE_CACHE_SIZE = 16_384
_RULE_TAGS = tuple((rule, rule.tags) for rule in RULES)
_TAG_NAME = re.compile(r"(?<!\S)([A-Z]+)=")


@lru_cache(maxsize=_SHAPE_CACHE_SIZE)
def _rules_in_shape(shape: str) -> tuple[tuple[int, int, int], ...]:
    """(rule index, first token, last token) of the first match of every rule that fires."""
    tags = frozenset(_TAG_NAME.findall(shape))
    fired = []
    for index, (rule, rule_tags) in enumerate(_RULE_TAGS):
        if tags.isdisjoint(rule_tags):
            continue
        match = rule.pattern.search(shape)
        if match:
            first = shape.count(" ", 0, match.start())
            fired.append((index, first, first + match.group(0).count(" ")))
    return tuple(fired)


@lru_cache(maxsize=_FIELD_CACHE_SIZE)
def _rules_in_field(text: str) -> tuple[tuple[int, str], ...]:
    """(rule index, matched words) of every rule that fires in one field's text, in rule order.

    Cached by text: scans see the same titles and descriptions again and again.
    """
    tagged = outline(canonical_of_words(normal_words(text)), _SHAPE_GAP)
    if not tagged.shape:
        return ()
    tokens, where = tagged.tokens, tagged.where
    return tuple(
        (index, plain_words(" ".join(tokens[where[first] : where[last] + 1])))
        for index, first, last in _rules_in_shape(tagged.shape)
    )


FieldRules = tuple[tuple[int, str], ...]


@lru_cache(maxsize=_FIELD_CACHE_SIZE)
def _judge(fields: tuple[tuple[str, FieldRules], ...]) -> tuple[tuple[Reason, ...], float, float]:
    """(reasons, blank score, related score) of a listing's fired rules per field.

    A rule counts once, named by the first field it fires in; a strong rule
    firing in two fields earns the both-fields bonus.  Cached: listings that
    fire the same rules on the same words share one judgement.
    """
    first: dict[int, tuple[str, str]] = {}
    fields_with: dict[int, int] = {}
    for field, rules in fields:
        for index, matched in rules:
            if index not in first:
                first[index] = (field, matched)
            fields_with[index] = fields_with.get(index, 0) + 1
    fired = sorted(first)
    negative = sum(RULES[i].weight for i in fired if RULES[i].channel == "negative")

    def channel(name: str) -> float:
        strong = [i for i in fired if RULES[i].channel == name and RULES[i].strong]
        support = sum(RULES[i].weight for i in fired if RULES[i].channel == name and not RULES[i].strong)
        base = max((RULES[i].weight for i in strong), default=0.0)
        if strong and max(fields_with[i] for i in strong) > 1:
            base += _BOTH_FIELDS_BONUS
        return float(max(0.0, min(100.0, base + support) - negative))

    reasons = tuple(_reason(RULES[i], *first[i]) for i in fired)
    return reasons, channel("blank"), channel("related")


@lru_cache(maxsize=64)
def _thresholds(blank: float, related: float) -> tuple[tuple[str, float], ...]:
    """The thresholds an assessment records (one shared tuple per setting)."""
    return (("blank", float(blank)), ("related", float(related)))


def _reason(rule: Rule, field: str, matched: str) -> Reason:
    weight = -float(rule.weight) if rule.channel == "negative" else float(rule.weight)
    detail = rule.why + (" (image text)" if field == "image" else "")
    return Reason(rule=rule.name, field=field, matched=matched, weight=weight, detail=detail)


def score_listing(
    title: str,
    description: str = "",
    *,
    price: int | None = None,
    image_text: str = "",
    image_sha256: str | None = None,
    blank_threshold: float = DEFAULT_BLANK_THRESHOLD,
    related_threshold: float = DEFAULT_RELATED_THRESHOLD,
) -> Assessment:
    """Score one listing: verdict, 0–100 score, the reasons and the identifiers found.

    ``price`` is accepted for the record but does not move the score: blank
    e-KTP sellers price anywhere from Rp 5.000 to Rp 500.000.

    Example: ``score_listing("Blangko e-KTP original dinas").verdict`` is ``Verdict.BLANK``.
    """
    title = title if isinstance(title, str) else ("" if title is None else str(title))
    description = description if isinstance(description, str) else ("" if description is None else str(description))
    image_text = image_text if isinstance(image_text, str) else ("" if image_text is None else str(image_text))
    fields: list[tuple[str, FieldRules]] = []
    if title:
        fields.append(("title", _rules_in_field(title)))
    if description:
        fields.append(("description", _rules_in_field(description)))
    if image_text:
        fields.append(("image", _rules_in_field(image_text)))
    reasons, blank, related = _judge(tuple(fields))
    if blank >= blank_threshold:
        verdict, score = Verdict.BLANK, blank
    elif related >= related_threshold:
        verdict, score = Verdict.RELATED, related
    else:
        verdict, score = Verdict.BENIGN, max(blank, related)
    identifiers = extract_identifiers(title, source="title")
    if description:
        identifiers += extract_identifiers(description, source="description")
    if image_text:
        identifiers += extract_identifiers(image_text, source="image", image_sha256=image_sha256)
    if len(identifiers) > 1:
        identifiers = dedupe_identifiers(identifiers)
    return Assessment(
        verdict=verdict,
        score=round(score, 1),
        reasons=reasons,
        identifiers=identifiers,
        matcher_version=MATCHER_VERSION,
        scorer=SCORER,
        thresholds=_thresholds(blank_threshold, related_threshold),
    )


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector, restoring its previous state after.

    Scoring makes many small objects and no reference cycles, so the collector
    finds nothing, yet as a batch's result list grows it walks it again and
    again (about an eighth of ``score_many``'s time on 100,000 listings).
    Reference counting still frees everything at once; only cycles made by
    other threads meanwhile wait until the batch ends.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def score_many(rows: Iterable[tuple[str, str]], **opts: Any) -> list[Assessment]:
    """Score many (title, description) pairs, in order; identical pairs are scored once.

    Assessments are frozen, so repeated listings share one object.  Fields
    are cached across calls as well (see ``_rules_in_field``).

    Example: ``score_many([("Blangko e-KTP", ""), ("Kaos polos", "")])``.
    """
    seen: dict[tuple[str, str], Assessment] = {}
    out: list[Assessment] = []
    with _cyclic_gc_paused():
        for title, description in rows:
            key = (title or "", description or "")
            assessment = seen.get(key)
            if assessment is None:
                assessment = seen[key] = score_listing(*key, **opts)
            out.append(assessment)
    return out
