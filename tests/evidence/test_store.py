"""The content-addressed store: write once, read-only, never overwritten, problems named."""

from __future__ import annotations

import errno
import hashlib
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from alerts.evidence import store as store_module
from alerts.evidence.store import EvidenceStore, EvidenceWriteError


def test_put_bytes_is_content_addressed_and_read_only(tmp_path: Path) -> None:
    store = EvidenceStore(tmp_path / "ev")
    stored = store.put_bytes(b"blangko e-KTP")
    sha = hashlib.sha256(b"blangko e-KTP").hexdigest()
    assert stored.sha256 == sha
    assert stored.size == len(b"blangko e-KTP")
    assert stored.path == (tmp_path / "ev").resolve() / sha[:2] / sha
    assert stored.path.read_bytes() == b"blangko e-KTP"
    assert stat.S_IMODE(stored.path.stat().st_mode) == 0o444
    assert stat.S_IMODE(stored.path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(store.root.stat().st_mode) == 0o700
    assert not [p for p in stored.path.parent.iterdir() if p.name.startswith(".")]


def test_same_bytes_stored_once_and_never_overwritten(tmp_path: Path) -> None:
    store = EvidenceStore(tmp_path)
    first = store.put_bytes(b"x" * 100)
    os.chmod(first.path, 0o644)
    first.path.write_bytes(b"tampered")  # someone changed it behind our back
    again = store.put_bytes(b"x" * 100)
    assert again.path == first.path
    assert first.path.read_bytes() == b"tampered"  # not silently "repaired": verify must see it
    assert store.verify(first.sha256) is not None
    assert "altered" in (store.verify(first.sha256) or "")


def test_verify_names_missing_and_altered(tmp_path: Path) -> None:
    store = EvidenceStore(tmp_path)
    ok = store.put_bytes(b"fine")
    assert store.verify(ok.sha256) is None
    gone = store.put_bytes(b"gone")
    gone.path.unlink()
    assert store.verify(gone.sha256) == "missing"
    with pytest.raises(ValueError):
        store.path_for("../../etc/passwd")


def test_disk_full_is_a_clear_error_and_leaves_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = EvidenceStore(tmp_path)

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(EvidenceWriteError, match="disk full") as info:
        store.put_bytes(b"evidence")
    assert info.value.errno == errno.ENOSPC
    monkeypatch.undo()
    assert list(store) == []
    leftovers = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert leftovers == []


def test_a_writer_killed_mid_write_leaves_no_file_at_all(tmp_path: Path) -> None:
    """SIGKILL between write and link: the unnamed file dies with the process (no ``.incoming-``)."""
    root = tmp_path / "ev"
    code = (
        "import os, sys, time\n"
        "from alerts.evidence.store import EvidenceStore\n"
        "def stall(fd):\n"
        "    print('written', flush=True)\n"
        "    time.sleep(60)\n"
        "os.fsync = stall\n"
        f"EvidenceStore({str(root)!r}).put_bytes(b'x' * 100_000)\n"
    )
    repo = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(repo)}
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "written"  # the bytes are on disk, unnamed
    finally:
        child.kill()
        child.wait(timeout=10)
    assert child.returncode == -signal.SIGKILL
    assert [p for p in root.rglob("*") if not p.is_dir()] == []


def test_without_unnamed_files_a_temp_name_is_used_and_stale_ones_are_swept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "_write_unnamed", lambda final, data: False)
    store = EvidenceStore(tmp_path)
    data = b"kartu chip"
    folder = store.path_for(hashlib.sha256(data).hexdigest()).parent
    folder.mkdir(parents=True, mode=0o700)
    old, fresh = folder / ".incoming-old", folder / ".incoming-fresh"
    old.write_bytes(b"half")
    fresh.write_bytes(b"half")
    two_hours_ago = time.time() - 7200
    os.utime(old, (two_hours_ago, two_hours_ago))
    stored = store.put_bytes(data)
    assert stored.path.read_bytes() == data
    assert stat.S_IMODE(stored.path.stat().st_mode) == 0o444
    assert not old.exists()  # a killed writer's leftover, swept
    assert fresh.exists()  # may belong to a writer still at work
    assert sorted(p.name for p in folder.iterdir()) == [".incoming-fresh", stored.sha256]
