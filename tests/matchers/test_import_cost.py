"""Importing the scorer derives no word gate: the gates are read from their patterns on first use (struct16).

Every CLI command imports :mod:`matchers.score`, most never score, and a command must start in a fraction of a second.
Deriving notice_speaker's and others_voices' word gates from their patterns' parses
(:func:`matchers.regex_literals.required_words`) at import cost each of them a tenth of a second (2.13: 0.34 s to
0.45 s), so they are cached functions: empty after the import, filled by the first listing scored. The lexicon's phrase
words were read by listing every string of every phrase (:func:`matchers.lexicon._expand`, half of the import): they
are read from the patterns now, and nothing lists a phrase's strings; the phrases' regexes are compiled on first use
too. Each check runs in a fresh interpreter, since this one has scored already.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[2]

#: Imports the scorer, prints whether each gate's cache is filled, scores one listing, prints again.
_PROBE = """
import matchers.regex_literals as literals
derived = []
for name in ("required_words", "one_word_of_each"):
    original = getattr(literals, name)
    def counted(*args, _original=original, _name=name):
        derived.append(_name)
        return _original(*args)
    setattr(literals, name, counted)
import matchers.score
from matchers import lexicon, notice_speaker, others_voices
print(notice_speaker.told_words.cache_info().currsize, others_voices._gate_words.cache_info().currsize, len(derived),
      lexicon._expand.cache_info().currsize, lexicon._replacers.cache_info().currsize)
matchers.score.score_listing("Blangko e-KTP kosong ori ready", "Harga 150rb, kirim cepat.")
print(notice_speaker.told_words.cache_info().currsize, others_voices._gate_words.cache_info().currsize,
      lexicon._replacers.cache_info().currsize)
"""


def _probe() -> list[str]:
    done = subprocess.run([sys.executable, "-c", _PROBE], cwd=_ROOT, capture_output=True, text=True, check=True,
                          timeout=120)
    return done.stdout.splitlines()


def test_importing_the_scorer_derives_no_gate_and_the_first_score_derives_both() -> None:
    after_import, after_score = _probe()
    assert after_import == "0 0 0 0 0"  # no gate, no requirement read, no phrase's strings listed, no phrase compiled
    assert after_score == "1 1 1"  # the first listing scored read each gate once and compiled the phrases
