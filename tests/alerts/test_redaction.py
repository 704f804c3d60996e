"""The one redaction: every structurally valid NIK is masked, however it is written.

The property: for any valid NIK, written in any spelling a seller uses (spaces,
dots, dashes, zero-width characters, full-width digits, mixtures) and embedded
in any text, the redacted output, read the way the matcher reads text (NFKC,
invisible characters removed, separators between digits removed), holds no
16-digit run equal to the NIK.
"""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from alerts.redaction import (
    MASK,
    mask_nik,
    redact_niks,
    redact_niks_in_address,
    redact_text,
    redact_value,
)
from matchers.identifiers import PROVINCE_CODES, extract_identifiers, valid_nik
from matchers.normalise import INVISIBLE

NIK = "3174010101900003"
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
SEPARATORS = ["", " ", ".", "-", "\u200b", "\u200d", "\u2060", "\ufeff", "\u00a0", " - ", "\u2013", "\u00ad"]


@st.composite
def valid_niks(draw: st.DrawFn) -> str:
    province = draw(st.sampled_from(sorted(PROVINCE_CODES)))
    regency = draw(st.integers(1, 99))
    district = draw(st.integers(1, 99))
    day = draw(st.integers(1, 31) | st.integers(41, 71))
    month = draw(st.integers(1, 12))
    year = draw(st.integers(0, 99))
    serial = draw(st.integers(1, 9999))
    nik = f"{province:02d}{regency:02d}{district:02d}{day:02d}{month:02d}{year:02d}{serial:04d}"
    assert valid_nik(nik)
    return nik


@st.composite
def spellings(draw: st.DrawFn, nik: str) -> str:
    """``nik`` as a seller may write it: per digit, full-width or not, and any separator after it."""
    out = []
    for i, digit in enumerate(nik):
        out.append(digit.translate(FULL_WIDTH) if draw(st.booleans()) else digit)
        if i < len(nik) - 1:
            out.append(draw(st.sampled_from(SEPARATORS)))
    return "".join(out)


def readable_digit_runs(text: str) -> list[str]:
    """Digit runs of ``text`` read as the matcher reads it, separators between digits removed."""
    plain = INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
    plain = "".join(ch for ch in plain if unicodedata.category(ch) != "Cf")
    return [re.sub(r"[\s.\-\u2010-\u2015]", "", run) for run in re.findall(r"\d(?:[\s.\-\u2010-\u2015]*\d)*", plain)]


def contains_nik(text: str, nik: str) -> bool:
    return any(nik in run for run in readable_digit_runs(text))


surrounding = st.text(max_size=40)


@hyp_settings(max_examples=400, deadline=None)
@given(data=st.data(), nik=valid_niks(), before=surrounding, after=surrounding)
def test_no_spelling_of_a_valid_nik_survives(data: st.DataObject, nik: str, before: str, after: str) -> None:
    written = data.draw(spellings(nik))
    text = before + written + after
    redacted = redact_niks(text)
    assert not contains_nik(redacted, nik), (text, redacted)


@hyp_settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.characters(exclude_categories=["Nd"]), max_size=80))
def test_text_without_digits_is_untouched(text: str) -> None:
    assert redact_niks(text) == text


@hyp_settings(max_examples=200, deadline=None)
@given(data=st.data(), nik=valid_niks(), before=surrounding, after=surrounding)
def test_masking_keeps_the_rest_of_the_text_as_written(
    data: st.DataObject, nik: str, before: str, after: str
) -> None:
    """Only digits become ``*``: remove the stars and the digits, and the texts agree."""
    text = before + data.draw(spellings(nik)) + after
    redacted = redact_niks(text)

    def skeleton(value: str) -> str:
        return "".join(ch for ch in unicodedata.normalize("NFKC", value) if not ch.isdigit() and ch != "*")

    assert skeleton(redacted) == skeleton(text)


def test_every_nik_the_matcher_finds_is_masked() -> None:
    """The matcher and the redaction agree: what is a NIK to one is masked by the other."""
    texts = [f"NIK {NIK}", "NIK 3174 0101 0190 0003", "3174.0101.0190.0003", "31\u200b74010101900003",
             NIK.translate(FULL_WIDTH), "nik: 3174-0101-0190-0003."]
    for text in texts:
        assert [i.value for i in extract_identifiers(text) if i.kind == "nik"] == [NIK]
        assert not [i for i in extract_identifiers(redact_niks(text)) if i.kind == "nik"], text


def test_every_digit_form_the_matcher_reads_is_masked() -> None:
    """2.6 reads a NIK in any of Unicode's digit forms and with symbols between its digits: the
    redaction masks each of them (it read "❸" as no digit and "⑶" as "(3)", so they leaked)."""
    forms = [lambda d: "⓿❶❷❸❹❺❻❼❽❾"[int(d)], lambda d: "0⑴⑵⑶⑷⑸⑹⑺⑻⑼"[int(d)],
             lambda d: chr(0x0660 + int(d)), lambda d: chr(0x1D7CE + int(d))]
    texts = ["NIK " + "".join(form(d) for d in NIK) for form in forms]
    texts += [f"NIK {NIK[:4]}🔸{NIK[4:8]}🔸{NIK[8:12]}🔸{NIK[12:]}", f"NIK {NIK[:4]} • {NIK[4:8]} • {NIK[8:]}"]
    for text in texts:
        assert [i.value for i in extract_identifiers(text) if i.kind == "nik"] == [NIK], text
        redacted = redact_niks(text)
        assert not [i for i in extract_identifiers(redacted) if i.kind == "nik"], (text, redacted)
        assert redacted.count(MASK) == 8, (text, redacted)


def test_examples() -> None:
    assert mask_nik(NIK) == "3174********0003"
    assert redact_niks(f"NIK {NIK} ok") == "NIK 3174********0003 ok"
    assert redact_niks("3174 0101 0190 0003") == "3174 **** **** 0003"
    assert redact_niks("3174.0101.0190.0003") == "3174.****.****.0003"
    # a number that cannot be a NIK (province 11, regency 00) is evidence, not personal data
    assert redact_niks("harga 1100010101900003") == "harga 1100010101900003"
    assert redact_niks("Rp 10.000 20.000 30.000 40.000") == "Rp 10.000 20.000 30.000 40.000"


def test_redact_text_hides_url_credentials_and_reveal_keeps_niks() -> None:
    text = f"postgresql://ktp:hunter2@db/ktp NIK {NIK}"
    assert redact_text(text) == "postgresql://ktp:***@db/ktp NIK 3174********0003"
    assert redact_text(text, reveal=True) == f"postgresql://ktp:***@db/ktp NIK {NIK}"
    assert redact_value({"a": [f"x {NIK}", 1, None], "b": (NIK,)}) == {
        "a": ["x 3174********0003", 1, None], "b": ("3174********0003",)}


def test_a_shopee_product_url_is_not_read_as_a_nik() -> None:
    """``/product/<shop id>/<item id>``: the two ids together have a NIK's 16 digits and
    structure, but a slash joins path segments, not the digits of one number; masking
    it would make a takedown notice name no listing."""
    url = "https://shopee.co.id/product/3174010/101900003"
    assert redact_text("3174010101900003") != "3174010101900003"  # the digits are a valid NIK
    assert redact_text(url) == url


@hyp_settings(max_examples=300, deadline=None)
@given(data=st.data(), nik=valid_niks(), before=surrounding, after=surrounding)
def test_a_listing_address_still_hides_the_nik_the_listing_carries(
    data: st.DataObject, nik: str, before: str, after: str
) -> None:
    """The notice's listing URL: a NIK read in the listing is masked in any spelling the
    slug keeps it in, exactly as the generic rule would."""
    url = before + data.draw(spellings(nik)) + after
    assert not contains_nik(redact_niks_in_address(url, frozenset({nik})), nik)


@hyp_settings(max_examples=300, deadline=None)
@given(phone=st.from_regex(r"8[1-9]\d-\d{4}-\d{3,4}", fullmatch=True), product=st.from_regex(r"1\d{9}", fullmatch=True))
def test_a_listing_address_keeps_digits_that_are_not_its_nik(phone: str, product: str) -> None:
    """A Tokopedia slug joins the title's phone and the product id with hyphens; sixteen
    digits from the middle of that run may pass a NIK's structure by chance, and masking
    them made the notice name no listing (the abuse desk could not find it)."""
    url = f"https://www.tokopedia.com/toko/blanko-ktp-wa-62-{phone}-{product}"
    assert redact_niks_in_address(url, frozenset()) == url


def test_the_chance_nik_in_a_slug_is_what_the_generic_rule_masks() -> None:
    """Why the address has its own rule: the generic one masks this real demo slug."""
    url = "https://www.tokopedia.com/shop/blanko-ktp-wa-62-853-9664-1403-1000647334"
    assert redact_niks(url) != url
    assert redact_niks_in_address(url, frozenset()) == url
