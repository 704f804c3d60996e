"""The leak report's map: Indonesia's 38 provinces shaded by how many traced blanks each let out.

A tile-grid cartogram, not a boundary map: one equal square per province,
placed roughly where the province lies (west to east, north to south), so a
small province with many leaks (DKI Jakarta) is as visible as a large one.
No boundary data is shipped, so nothing here needs a source or a licence.
Pure: counts in, SVG text out.
"""

from __future__ import annotations

from collections.abc import Mapping
from xml.sax.saxutils import escape

#: province code → (column, row) on the grid, roughly geographic
TILES: dict[str, tuple[int, int]] = {
    "11": (0, 0), "12": (1, 1), "13": (1, 2), "14": (2, 1), "21": (3, 1), "15": (2, 2),
    "17": (2, 3), "16": (3, 3), "19": (4, 2), "18": (3, 4), "31": (4, 5), "36": (3, 6),
    "32": (4, 6), "33": (5, 6), "34": (5, 7), "35": (6, 6), "51": (7, 6), "52": (8, 6),
    "53": (9, 6), "61": (5, 2), "62": (6, 3), "63": (7, 4), "64": (7, 2), "65": (7, 1),
    "75": (9, 1), "71": (10, 1), "72": (9, 2), "76": (8, 3), "73": (8, 4), "74": (9, 3),
    "82": (11, 1), "81": (11, 3), "96": (12, 2), "92": (13, 2), "94": (13, 3), "91": (14, 2),
    "95": (14, 3), "93": (14, 4),
}
TILE = 56
_EMPTY = "#f2f2f2"
#: light to dark red; a province's shade is its count's share of the busiest province's
_SHADES = ("#fee5d9", "#fcae91", "#fb6a4a", "#de2d26", "#a50f15")


def shade(count: int, peak: int) -> str:
    """The fill for ``count`` traced blanks when the busiest province has ``peak``."""
    if count <= 0 or peak <= 0:
        return _EMPTY
    step = min(len(_SHADES) - 1, (count * len(_SHADES) - 1) // peak)
    return _SHADES[step]


def province_map_svg(counts: Mapping[str, int], names: Mapping[str, str], *, title: str) -> str:
    """An SVG cartogram: each province a labelled tile, shaded by ``counts`` (province code → blanks)."""
    peak = max(counts.values(), default=0)
    width = (max(c for c, _ in TILES.values()) + 1) * TILE
    height = (max(r for _, r in TILES.values()) + 1) * TILE + 30
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'font-family="sans-serif" font-size="9">',
             f'<title>{escape(title)}</title>',
             f'<text x="4" y="{height - 10}" font-size="12">{escape(title)} (tile-grid cartogram)</text>']
    for code, (col, row) in sorted(TILES.items()):
        n = counts.get(code, 0)
        x, y = col * TILE, row * TILE
        label = escape(names.get(code, code))
        parts.append(
            f'<g><title>{label}: {n}</title>'
            f'<rect x="{x + 1}" y="{y + 1}" width="{TILE - 2}" height="{TILE - 2}" '
            f'fill="{shade(n, peak)}" stroke="#888"/>'
            f'<text x="{x + 4}" y="{y + 14}">{escape(code)}</text>'
            f'<text x="{x + 4}" y="{y + 28}" font-size="8">{label[:12]}</text>'
            f'<text x="{x + 4}" y="{y + 46}" font-size="12" font-weight="bold">{n or ""}</text></g>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def blanks_per_province(office_chips: Mapping[str, int]) -> dict[str, int]:
    """Traced blanks per province from blanks per office code (the province is the code's first two digits)."""
    totals: dict[str, int] = {}
    for code, n in office_chips.items():
        if code:
            totals[code[:2]] = totals.get(code[:2], 0) + n
    return totals
