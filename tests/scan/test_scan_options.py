"""The scan's options are defined once (``ScanOptions``); the child's command line is derived from them.

Issue 18: the options existed three times (the dataclass, ``run_scan_subprocess``'s
keywords and an argparse copy in the child); a property test now checks that
whatever the caller asks for is what the child reads.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from crawler.scan.child import MODULE, child_argv, child_parser
from crawler.scan.options import ScanOptions

ROOT = Path(__file__).resolve().parents[2]
text = st.text(alphabet=st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)),
               max_size=12)

options = st.builds(
    ScanOptions,
    marketplaces=st.lists(text, max_size=3).map(tuple),
    queries=st.lists(text, max_size=3).map(tuple),
    max_pages=st.none() | st.integers(-5, 500),
    transport=st.none() | text,
    trigger=text,
    capture_evidence=st.booleans(),
    process_images=st.booleans(),
    log_level=text,
)


def _read_back(argv: list[str]) -> tuple[ScanOptions, str | None, str | None]:
    assert argv[:3] == [sys.executable, "-m", MODULE]
    args = child_parser().parse_args(argv[3:])
    return ScanOptions.from_namespace(args), args.config, args.sandbox


@given(options, st.none() | st.just("/etc/ktpwatch.toml"), st.none() | st.just("http://127.0.0.1:8900"))
def test_the_child_reads_exactly_the_options_it_was_given(
    asked: ScanOptions, config: str | None, sandbox: str | None
) -> None:
    assert _read_back(child_argv(asked, config_path=config, sandbox_url=sandbox)) == (asked, config, sandbox)


def test_defaults_travel_as_no_flags_and_read_back_as_defaults() -> None:
    assert ScanOptions().to_argv() == []
    assert _read_back(child_argv(ScanOptions()))[0] == ScanOptions()


def test_every_option_has_a_flag_in_the_childs_help() -> None:
    """A new field is a new flag with no second definition; the flags the tests and bench use stay."""
    shown = subprocess.run([sys.executable, "-m", MODULE, "--help"], capture_output=True, text=True,
                           cwd=ROOT, timeout=120, check=True).stdout
    for flag in ("--config", "--sandbox", "--marketplace", "--query", "--max-pages", "--transport",
                 "--trigger", "--no-evidence", "--no-images", "--log-level"):
        assert flag in shown


def test_a_query_that_starts_with_a_dash_reaches_the_child() -> None:
    """Found by the property above: ``--query -x`` made the old child's argparse exit with an error."""
    asked = ScanOptions(queries=("-ktp", "--kosong"), transport="-api")
    assert _read_back(child_argv(asked))[0] == asked
