"""Identifiers as NFC tools print them and sellers retype them (issue 15, the identifier part):
each spelling below was missed or misread by ktpwatch-matchers/2.3 (measured on
corpus/identifier_language.jsonl before the readers changed), and the properties hold the
rules for every UID, not for the example."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from matchers import extract_identifiers


def _uids(text: str, context: str = "") -> list[str]:
    return [i.value for i in extract_identifiers(text, context=context) if i.kind == "chip_uid"]


def _phones(text: str) -> list[str]:
    return [i.value for i in extract_identifiers(text) if i.kind == "phone"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Tag ID (hex): 04:92:3a:c2:71:5e:80\nTag ID (dec): 1286680974810752", ["04923AC2715E80"]),  # "hex" names the notation
    ("UID (hex): 04:A6:11:5D:C2:73:80", ["04A6115DC27380"]),
    ("kartu magic, UID bawaan 01 02 03 04, bisa diganti", ["01020304"]),      # decimal-looking bytes after a chip word
    ("UID: 04 12 35 67 89 10 23 (contoh)", ["04123567891023"]),
    ("U I D : 0 4 A 2 3 B 1 C, blanko", ["04A23B1C"]),                       # the cue's last letter takes no character
    ("ID kartu: 04A8B9C0D1E2F3, blanko asli", ["04A8B9C0D1E2F3"]),
    ("UDI: 04A23B1C5D807E", ["04A23B1C5D807E"]),                             # typos of the cue word
    ("srial number chip 04:F1:E2:D3:C4:B5:80", ["04F1E2D3C4B580"]),
    ("Kartu NFC, serail number 04:A2:3B:1C:5D:80:7E", ["04A23B1C5D807E"]),
    ("UID = {0x04, 0xA2, 0x3B, 0x1C, 0x5D, 0x80, 0x7E}", ["04A23B1C5D807E"]),  # a program's byte array
    ("uid chip 04, A2, 3B, 1C, 5D, 80, 7E", ["04A23B1C5D807E"]),
])
def test_spellings_2_3_missed(text: str, expected: list[str]) -> None:
    assert _uids(text) == expected


@pytest.mark.parametrize("decoy", [
    "modul zigbee chip CC2530, MAC 00:12:4B:00:1A:2B:3C:4D (EUI-64)",       # a chip's MAC: the old reader's UID
    "printer kartu ID card bekas, SN printer: 52A0C1D4, head bagus",        # a serial word for another device
    "Kartu chip NFC. Laptop no seri 04A23B1C5D807E",
    "ribbon printer kartu chip, part number 04A2B3C4, isi 200 print",       # a label with its number word
    "modul reader NFC chip NXP. firmware build 4a2b3c4d",
    "chip uid: 0x04,0xA2,0x3B,0x1C,0x5D,0x80,0x7E,0x90,0x00",               # nine bytes: no UID, nor eight of them
    "Kartu chip tersedia ukuran 10, 20, 30, 40 pcs",                        # decimal numbers in a list
])
def test_decoys_stay_out(decoy: str) -> None:
    assert _uids(decoy) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("hubungi 0813-1234-56XX (dua angka terakhir di chat)", []),            # masked tail: no number
    ("wa 0812 3456 78** ya", []),
    ("wa 0812-3456-78 xx", []),
    ("WA 081234567890 x2", ["+6281234567890"]),                             # "x2" is no mask
])
def test_a_masked_phone_number_is_none(text: str, expected: list[str]) -> None:
    assert _phones(text) == expected


_BYTES = st.sampled_from([4, 7, 8]).flatmap(lambda n: st.binary(min_size=n, max_size=n))
_CHIP_WORDS = st.sampled_from(["UID", "uid:", "Chip UID:", "nomor chip", "CSN", "uid chip"])


@settings(max_examples=300, deadline=None)
@given(_BYTES, _CHIP_WORDS, st.sampled_from([" ", "-", "."]), st.data())
def test_a_uid_broken_at_any_byte_across_a_line_is_read_whole(
    raw: bytes, cue: str, separator: str, data: st.DataObject,
) -> None:
    pairs = [f"{b:02X}" for b in raw]
    cut = data.draw(st.integers(min_value=2, max_value=len(pairs) - 2))  # a lone byte is no token
    halves = ("".join(pairs[:cut]), "".join(pairs[cut:]))
    assume(all(any(c.isdigit() for c in half) for half in halves))  # a line of letters only is a word
    assume(not (len(pairs) == 8 and cut == 4))  # two lines of four bytes are a list of two UIDs
    text = f"Blanko e-KTP kosong. {cue}\n{separator.join(pairs[:cut])}\n{separator.join(pairs[cut:])}\nready"
    uid = "".join(pairs)
    found = _uids(text)
    assert found == [uid] or any(i.kind == "phone" for i in extract_identifiers(text))


@settings(max_examples=300, deadline=None)
@given(_BYTES, _CHIP_WORDS, st.sampled_from([", ", ","]), st.booleans())
def test_a_uid_written_as_a_byte_list_is_read(raw: bytes, cue: str, comma: str, prefixed: bool) -> None:
    uid = "".join(f"{b:02X}" for b in raw)
    prefix = "0x" if prefixed else ""
    written = comma.join(prefix + uid[i:i + 2] for i in range(0, len(uid), 2))
    found = _uids(f"Kartu NFC. {cue} {{{written}}}")
    if not any(c.isdigit() for c in uid):
        assert found == []  # letters only: a word
    elif prefixed or not uid.isdigit():
        assert found == [uid]
    else:
        assert found == []  # decimal numbers in a list are no UID


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=10**10, max_value=10**11 - 1), st.integers(min_value=1, max_value=4),
       st.sampled_from(["X", "x", "*"]))
def test_a_phone_number_with_masked_last_digits_is_never_read(number: int, masked: int, mask: str) -> None:
    digits = f"08{number}"[:12]
    text = f"WA {digits[:-masked]}{mask * max(2, masked)} ya"
    assert _phones(text) == []


@pytest.mark.parametrize(("text", "context", "expected"), [
    ("ID: 04:3A:9F:21:B6:5C:80 (NFC Tools)", "", ["043A9F21B65C80"]),        # printed by a reader: no cue needed
    ("NFC Tools: 04:3a:9f:21:b6:5c:80", "Blanko e-KTP kosong", ["043A9F21B65C80"]),
    ("Tag NFC ICODE SLIX, E0:04:01:50:12:34:56:78", "", ["E004015012345678"]),
    ("contoh kartu yang dikirim kemarin, yang lain mirip: 0x043A9F21B65C80", "Kartu NFC NTAG213", ["043A9F21B65C80"]),
    ("Sepatu kulit ukuran 42. 04:3A:9F:21:B6:5C:80", "", []),               # a listing about something else
    ("Blanko KTP. SKU 04:3A:9F:21:B6:5C:80", "", []),                       # a label for another number
    ("Blanko KTP. buka 08:00:17:00", "", []),                               # four bytes with colons: maybe a time
    ("Stok ready. 04A23B1C5D807E", "Blanko e-KTP chip aktif", []),          # no reader's mark: needs its cue
])
def test_a_uid_printed_by_a_reader_needs_no_cue(text: str, context: str, expected: list[str]) -> None:
    assert _uids(text, context) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("chip 0000:0000:0000:00 00", ["0000000000000000"]),          # the last byte after a space: one UID
    ("chip 0000:0000:0000:00 0X00", ["0000000000000000"]),
    ("UID 04:A2:3B:1C:5D:80:7E 90 00", ["04A23B1C5D807E"]),        # a reader's answer: UID, then status word
    ("UID 04A23B1C 04B23B1C", ["04A23B1C", "04B23B1C"]),           # two UIDs of a list
])
def test_a_run_of_a_uids_length_that_goes_on_after_a_space(text: str, expected: list[str]) -> None:
    assert _uids(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("WA 0812 - 3456 - 7890", ["+6281234567890"]),                 # a spaced dash between groups
    ("WA 0812 – 3456 – 7890", ["+6281234567890"]),
    ("WA 0812–3456–7890", ["+6281234567890"]),
    ("wa 0812-3456-7890 - 2 pcs", ["+6281234567890"]),             # a quantity after a dash is no group
    ("WA O8l2 3456 789O", ["+6281234567890"]),                     # l for 1 after a phone cue
    ("wa 08123456789O", ["+6281234567890"]),                       # O for 0 at the end: was read one digit short
    ("WA 0812 3456 7890 ok", ["+6281234567890"]),                  # a word after the number stays a word
    ("hp 0812 3456 789 lagi", ["+628123456789"]),
])
def test_phone_numbers_as_sellers_space_and_disguise_them(text: str, expected: list[str]) -> None:
    assert _phones(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Blanko e-KTP kosong. chip EAFA:0000", ["EAFA0000"]),        # hex letters first: bytes, not a word
    ("Blanko e-KTP kosong. chip EAFA:00 00", ["EAFA0000"]),
    ("UID bead 04A2 3B1C", ["04A23B1C"]),                          # a word before a whole UID stays a word
    ("UID dead 04 A2 3B 1C 5D 80 7E", ["04A23B1C5D807E"]),
])
def test_a_uid_that_begins_with_hex_letters(text: str, expected: list[str]) -> None:
    assert _uids(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # "serial" alone next to a device names an interface: found in corpus/independent3.jsonl, lost by
    # the first device rule of this branch, which 2.3 read
    ("RFID RC522 kit untuk Arduino. UID contoh di serial monitor: D3 4A 7F 1B.", ["D34A7F1B"]),
    ("Kartu chip NFC. laptop SN: 04A23B1C5D807E", []),             # a serial-number label for a device
    ("Kartu chip NFC. serial number laptop 04A23B1C5D807E", []),
])
def test_a_serial_word_claims_the_number_only_as_a_devices_serial_number(text: str, expected: list[str]) -> None:
    assert _uids(text) == expected


def _niks(text: str) -> list[str]:
    return [i.value for i in extract_identifiers(text) if i.kind == "nik"]


@pytest.mark.parametrize(("text", "expected"), [
    ("No. KK 3201010101230004", []),                               # a family card's number is built like a NIK
    ("nomor kartu keluarga: 3201010101230004", []),
    ("NIK 3201014507980003 / KK 3201010101230004", ["3201014507980003"]),
    ("KK dan NIK: 3201014507980003", ["3201014507980003"]),
])
def test_a_family_card_number_is_no_nik(text: str, expected: list[str]) -> None:
    assert _niks(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Contoh UID 04123456", ["04123456"]),                        # digits right after a word for the UID
    ("CSN 12345678", ["12345678"]),
    ("chip 20230615", []),                                        # after "chip": maybe a date or a count
    ("no seri 12345678", []),                                     # after a generic serial word: a serial
    ("Tag ID (dec): 1286680974810752", []),                       # the UID as a decimal number
    ("UID (desimal) 12345678", []),
])
def test_decimal_digits_after_a_word_for_the_uid(text: str, expected: list[str]) -> None:
    assert _uids(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("WA +620812-3456-7890", [("phone", "+6281234567890")]),                  # the trunk 0 kept after +62
    ("WA (+62) 0812 3456 7890", [("phone", "+6281234567890")]),
    ("https://api.whatsapp.com/send/?phone=%2B6281234567890&text=halo",      # an encoded plus in the link
     [("url", "https://wa.me/6281234567890"), ("phone", "+6281234567890")]),
])
def test_country_code_spellings(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(i.kind, i.value) for i in extract_identifiers(text) if i.kind in ("phone", "url")] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Modul zigbee chip CC2530\nMAC address:\n00:12:4B:00:1A:2B:3C:4D", []),   # a label on the line above
    ("Modul zigbee chip CC2530. IEEE address 00:12:4B:00:1A:2B:3C:4D", []),    # the EUI-64 of a radio
    ("Blanko KTP chip\nMAC:\n04:3A:9F:21:B6:5C:80\nUID:\n04:3A:9F:21:B6:5C:81", ["043A9F21B65C81"]),
    ("Kartu NFC\nNFC Tools:\n04:3A:9F:21:B6:5C:80", ["043A9F21B65C80"]),
])
def test_a_label_on_its_own_line_claims_the_number_below(text: str, expected: list[str]) -> None:
    assert _uids(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("flashdisk chip Samsung, serial number 0401a2b3c4d5e6f7 dari pabrik", []),  # chip alone is no topic
    ("Jual chip NXP, UID 04A23B1C5D807E", ["04A23B1C5D807E"]),                  # a word for the UID is
    ("Chip NXP. SN: 04:A2:3B:1C:5D:80:7E", ["04A23B1C5D807E"]),                 # a reader's mark is
    ("Kartu NFC chip Samsung, serial number 0401a2b3c4d5e6f7", ["0401A2B3C4D5E6F7"]),
])
def test_a_serial_word_in_a_listing_about_other_chips_is_a_label(text: str, expected: list[str]) -> None:
    assert _uids(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Kartu NFC\nID (hex): 04:5A:9F:21:B6:5C:80\nID (reversed hex): 80:5C:B6:21:9F:5A:04", ["045A9F21B65C80"]),
    ("UID LSB first: 80 5C B6 21 9F 3A 04", []),                      # the bytes reversed: no UID value
    ("UID: 04A23B1C5D807E (dec 1234), 04A23B1C5D807F", ["04A23B1C5D807E", "04A23B1C5D807F"]),
    ("UID decoder 04A23B1C5D807E", ["04A23B1C5D807E"]),               # a word that holds "dec"
])
def test_a_uid_said_reversed_or_decimal_is_no_value(text: str, expected: list[str]) -> None:
    assert _uids(text) == expected


def test_a_time_in_a_list_after_a_uid_is_no_uid() -> None:
    text = "UID: 04 A2 3B 1C 5D 80 7E\nHarga: 150.000\nStok: 25\nWaktu: 12:30:45:10"
    assert _uids(text) == ["04A23B1C5D807E"]       # 2.3 also read the time as a UID of the list
