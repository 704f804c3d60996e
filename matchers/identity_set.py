"""An identity set: a listing that opens by naming identity papers one by one as its goods.

"KTP + NPWP + rekening", "Paspor + KTP + KK": sellers of identities bundle a KTP or a
KK with the other papers of the same person, and name the papers and nothing else where a
listing names its product (the title's opening clauses, or the description's under a title that
names nothing).  The engine marks papers in a row (its ``paper_clause`` rule); a clause in
which any rule finds anything else ends the run, so "Map KTP + KK", "Fotokopi KTP + KK" and
"Syarat: KTP + KK" stay what they are.  Words no rule knows are not seen at a clause's edges,
so a lost notice titled only "KTP + KK hilang" still reads as a set (a strict xfail holds it).
Kept apart from the engine so the concept reads on its own; it reads only the rule hits the
engine hands it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Protocol, TypeVar

#: Distinct papers a run must name, one of them an anchor.
IDENTITY_SET_SIZE = 2
#: The papers that anchor a set: without a KTP or KK, "SIM + paspor" is an agent's errand list.
ANCHORS = frozenset({"ktp", "kk"})


class PaperHit(Protocol):
    """What the concept reads of a rule hit (the engine's ``Hit``)."""

    @property
    def rule(self) -> int: ...

    @property
    def first(self) -> int: ...

    @property
    def last(self) -> int: ...

    @property
    def cue(self) -> str: ...

    @property
    def negator(self) -> str: ...


H = TypeVar("H", bound=PaperHit)


def _only_papers(hits: Sequence[PaperHit], paper_clause: int) -> bool:
    """Whether a clause's hits are a run of papers and what lies inside it (the papers' own terms): no rule
    found anything else in the clause ("Map KTP + KK" has its holder), and none stands under a cue or a negation
    ("Syarat: KTP + KK" asks the buyer for them)."""
    run = next((hit for hit in hits if hit.rule == paper_clause), None)
    return run is not None and all(run.first <= hit.first and hit.last <= run.last and not (hit.cue or hit.negator)
                                   for hit in hits)


def identity_set(fields: Iterable[tuple[str, Sequence[tuple[int, Sequence[H]]]]], paper_clause: int,
                 paper_of: Callable[[H], str | None]) -> tuple[str, str]:
    """(field, papers) of the run of clauses, from the lead field's first, that are nothing but identity
    papers (a hit of rule ``paper_clause`` each), when the run names ``IDENTITY_SET_SIZE`` or more
    distinct papers with an anchor among them; ("", "") when there is none.  ``paper_of`` names the
    paper a hit stands for ("ktp", "npwp" …) or None."""
    fields = list(fields)
    titled = any(field == "title" and field_clauses for field, field_clauses in fields)
    lead = "title" if titled else "description"
    for field, field_clauses in fields:
        if field != lead:
            continue
        papers: dict[str, None] = {}
        for expected, (number, hits) in enumerate(field_clauses):
            if number != expected or not _only_papers(hits, paper_clause):
                break
            papers.update(dict.fromkeys(paper for paper in map(paper_of, hits) if paper))
        if len(papers) >= IDENTITY_SET_SIZE and not ANCHORS.isdisjoint(papers):
            return field, " + ".join(papers)
    return "", ""
