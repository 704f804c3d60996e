"""The words a sentence must hold before it can be told otherwise than a seller tells it: an exact word-set gate.

:func:`matchers.notice_speaker.speaks_of_goods_as_no_seller` runs on every listing read as an offer, with no word gate
of its own (one on a shop line's words made a notice hang on them: "Selamat datang" holds "datang").  Most of its time
went into :func:`matchers.notice_speaker._told_otherwise` on an offer's plain product phrase ("Blangko e-KTP ori ready"),
some twenty regex searches over the sentence as written and as spelled, to learn what the title's words already show:
none of them can match.  Each pattern that makes a sentence told otherwise is read here as the words any match of it
holds (a *requirement*: a tuple of word sets, a match holding a word of each), so a sentence whose words meet no
requirement, and whose tags hold no told-of cue, is told otherwise by none of them.  Nothing is weighed: the gate only
skips searches that would find nothing, so every verdict stays as it was (``tests/matchers/test_told_words.py`` checks
each requirement against its pattern, and the gated reading against the ungated one, on generated sentences).

A word here is a run of ``[a-z0-9]`` in the lower-cased sentence or its spelled form.  Every pattern read starts and
ends its literal words at a word boundary (``\\b``) or a space, and a boundary's neighbour is no ``[a-z0-9]``, so a word a
match holds is one of the sentence's words.  The patterns read, and what a requirement stands for:

* :data:`matchers.notice_speaker._SUPPLY` (a supply statement) and ``_STORY`` (a story of one's own KTP);
* :data:`matchers.told_voice._NOTICE_SAYS`, ``_NOTICE_SAYS_MORE`` and ``_OFFICE_ACTS`` (an office speaking);
* :func:`matchers.told_voice._tells_of`'s telling: ``_REPORTED_TO``, ``_MONEY_LOST``, ``_WARNING``, ``_SHORTAGE`` and a
  told-of tag (``TOLD_OF_TAGS``), read in the sentence as ``_SKIPPED_REPORT`` and ``_COMPARED`` leave it: where either
  could match, the gate stays open (the sentence is read in full).

When a pattern changes, its requirement changes with it: the test reads every literal word of each pattern.
"""

from __future__ import annotations

import re

from matchers.told_voice import TOLD_OF_TAGS

#: A requirement: a match of the pattern it stands for holds a word of each set (the rarest first: a sentence is read
#: against the requirements its words open).
Requirement = tuple[frozenset[str], ...]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_DAYS_AND_DATES = _words("senin selasa rabu kamis jumat sabtu minggu pukul tanggal jam januari februari maret april mei "
                         "juni juli agustus september oktober november desember")
_SERVICES = _words("pelayanan layanan pengambilan perekaman pencetakan rekam dibuka dilaksanakan diambil antre antrean "
                   "jemput")
_OFFICES = _words("dukcapil disdukcapil dinas kemendagri kecamatan kelurahan kabupaten provinsi pemerintah pemkab pemkot "
                  "pemprov pemda petugas kepala camat lurah kades ombudsman dprd polisi polda polres")
_DENIALS = _words("tidak tdk gak ga nggak bukan tak")
#: Pseudo-words :func:`words_of` adds for what a pattern holds beside its words: ``_OFFICE_ACTS``' verb ("me…", after a
#: space), ``_SKIPPED_REPORT``'s "lapor…" word (after a space) and a newsroom's bracket ("(7/12)", "(ant)").
ACTIVE_VERB, REPORT_WORD, BRACKET = " me~", " lapor~", "(~"
_PSEUDO = ((ACTIVE_VERB, " me"), (REPORT_WORD, " lapor"), (BRACKET, "("))

#: ``notice_speaker._SUPPLY``: the blank as the subject of a supply statement, alternative by alternative.
SUPPLY: tuple[Requirement, ...] = (
    (_words("sudah telah akhirnya"), _words("datang tiba sampai dikirim didistribusikan tersedia teko sumping")),
    (_words("belum"),),
    (_words("parantos wis wes"), _words("sumping teko")),
    (_words("kembali lagi"), _words("tersedia ada"), _words("di")),
    (_words("durung"),),
    (_words("didistribusikan"),),
    (_words("dikirim"), _words("pusat kemendagri kabupaten provinsi")),
    (_words("kiriman"),),
    (_words("menipis kelangkaan"),),
    (_words("langka"),),
    (_words("aman cukup menipis terbatas habis"), _words("stok ketersediaan persediaan pasokan")),
    (_words("sedang sering sempat"), _words("kosong habis")),
    (_words("lagi terus"), _words("kosong")),
    (_words("disita diamankan ditemukan dicuri menyita mengamankan bukti"),),
    (_words("kuota"),),
    (_words("hanya"), _words("dinas dukcapil disdukcapil kantor kecamatan pemerintah petugas")),
    (_DENIALS, _words("pernah boleh untuk bisa"), _words("jual dijual perjualbelikan diperjualbelikan")),
)
#: ``notice_speaker._STORY``: the writer's or a relative's KTP, hearsay from the office.
STORY: tuple[Requirement, ...] = (
    (_words("saya aku gue gw ane"),),
    (_words("ktpku ku"),),
    (_words("katanya kata petugasnya jare"),),
)
#: ``told_voice._NOTICE_SAYS``, ``_NOTICE_SAYS_MORE`` and ``_OFFICE_ACTS``: an office's or a newsroom's notice speaking.
NOTICE: tuple[Requirement, ...] = (
    (_words("warga masyarakat pemohon"),),
    (_words("sahabat"), _words("dukcapil")),
    (_words("diberitahukan diinformasikan disampaikan diumumkan dihimbau diimbau"),),
    (_words("silakan silahkan dipersilakan harap diharapkan"), _words("ke di")),
    (_words("hanya"), _words("dicetak dilayani diproses diurus")),
    (_SERVICES, _DAYS_AND_DATES),
    (frozenset({BRACKET}),),
    (_words("dilansir dikutip ditemui ujarnya ungkapnya tuturnya jelasnya"),),
    (_words("dipungut pungutan biaya"), _DENIALS | {"tanpa"}),
    (_words("nasional provinsi daerah"), _words("stok")),
    (_OFFICES, frozenset({ACTIVE_VERB})),
)
#: ``told_voice._tells_of``'s telling: the reader told where to turn, money lost, a warning, a shortage.
TELLING: tuple[Requirement, ...] = (
    (_words("laporkan laporin laporke lapor report adukan aduin adukno"),),
    (_words("uang duit dana"), _words("hilang raib melayang lenyap amblas ludes")),
    (_words("tertipu ditipu tipu"),),
    (_words("waspada awas hati modus hoaks hoax"),),
    (_words("habis menipis"),),
    (_words("belum"), _words("datang dikirim")),
    (_words("lagi"), _words("kosong")),
)
#: ``told_voice._SKIPPED_REPORT`` and ``_COMPARED``: words ``_tells_of`` reads past before it tags the sentence again.
READ_PAST: tuple[Requirement, ...] = (
    (_words("polisi kepolisian") | {REPORT_WORD}, _words("tanpa ga gak nggak tidak tak ndak no bebas")),
    (_words("sama mirip persis setara identik"), _words("kayak kaya kek seperti spt dengan dgn sama")),
)
#: Every requirement of a sentence told otherwise.
TOLD_OTHERWISE: tuple[Requirement, ...] = SUPPLY + STORY + NOTICE + TELLING + READ_PAST

_WORD = re.compile(r"[a-z0-9]+")


def words_of(forms: tuple[str, ...]) -> set[str]:
    """The words of a sentence's forms (as written, as spelled), with the pseudo-words of what they hold
    (``_PSEUDO``)."""
    words = {word for form in forms for word in _WORD.findall(form)}
    words.update(pseudo for pseudo, held in _PSEUDO if any(held in form for form in forms))
    return words


def meets(words: set[str] | frozenset[str], requirements: tuple[Requirement, ...]) -> bool:
    """Whether ``words`` meet one of ``requirements`` (a word of each of its sets)."""
    return any(all(not words.isdisjoint(need) for need in requirement) for requirement in requirements)


def _by_first_word(requirements: tuple[Requirement, ...]) -> dict[str, tuple[Requirement, ...]]:
    """Each word of a requirement's first set, with the requirements it opens: a sentence is read against those only."""
    return {word: tuple(requirement for requirement in requirements if word in requirement[0])
            for word in frozenset().union(*(requirement[0] for requirement in requirements))}


_OPENED_BY = _by_first_word(TOLD_OTHERWISE)
_FIRST_WORDS = frozenset(_OPENED_BY)


def may_be_told_otherwise(forms: tuple[str, str], tags: frozenset[str]) -> bool:
    """Whether a sentence (as written and as spelled, with its clauses' tags) can be told otherwise at all: a told-of
    tag, or words meeting a requirement.  False only where every pattern of the reading would find nothing."""
    if not TOLD_OF_TAGS.isdisjoint(tags):
        return True
    words = words_of(forms)
    return any(all(not words.isdisjoint(need) for need in requirement[1:])
               for word in _FIRST_WORDS.intersection(words) for requirement in _OPENED_BY[word])
