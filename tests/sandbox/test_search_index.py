"""Title search: word match, half the words, small typos, joined and split forms."""

from __future__ import annotations

from sandbox.search_index import SearchIndex, index_tokens

TITLES = [
    "Blangko e-KTP Kosong Original",  # 0
    "Blangkon Jawa Solo",  # 1
    "Dompet KTP Kulit",  # 2
    "Beras Rojolele 5 Kg",  # 3
    "b.l.a.n.k.o KTP Elektronik kosong",  # 4
    "KTP\u200bel chip",  # 5
    "Kartu PVC Blank Ukuran KTP",  # 6
]


def test_index_tokens_keep_joined_and_split_forms() -> None:
    assert {"ektp", "ktp", "blangko"} <= index_tokens("Blangko e-KTP")
    assert "blanko" in index_tokens("b.l.a.n.k.o")
    assert "ktpel" in index_tokens("KTP\u200bel")


def test_typos_within_tolerance_match() -> None:
    index = SearchIndex(TITLES)
    assert set(index.search("blanko")) == {0, 4, 6}  # blangko, b.l.a.n.k.o, blank (1 edit)
    assert 1 in index.search("blangko")  # 7 letters: 2 edits, so blangkon too, as on real shops
    assert set(index.search("beras rojolel")) == {3}
    assert index.search("ktm") == ()  # 3 letters: no typo allowed


def test_half_of_the_words_must_match() -> None:
    index = SearchIndex(TITLES)
    assert set(index.search("ktp kosong")) == {0, 2, 4, 6}  # 1 of 2 words suffices
    assert set(index.search("ktp elektronik kosong")) == {0, 4}  # 2 of 3 needed
    assert index.search("") == ()
    assert index.search("e") == ()


def test_hyphenated_query_matches_joined_or_parts() -> None:
    index = SearchIndex(["EKTP murah", "KTP murah", "e KTP", "Kartu"])
    assert set(index.search("e-ktp")) == {0, 1, 2}


def test_sort_orders() -> None:
    index = SearchIndex(TITLES)
    assert list(index.search("ktp elektronik kosong original")) == [0, 4]
    ranked = index.search("blangko ktp kosong", sort="relevance")
    assert ranked[0] in (0, 4) and set(ranked[:2]) == {0, 4}
    newest = index.search("blangko ktp kosong")
    assert list(newest) == sorted(newest)
