"""The content-addressed store: write once, read-only, never overwritten, problems named."""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from pathlib import Path

import pytest

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
