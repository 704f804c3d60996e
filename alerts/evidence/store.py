"""The content-addressed evidence folder: ``<root>/<sha256[:2]>/<sha256>``.

Evidence must be provably unchanged from the moment it was captured, so a file
is named by its own SHA-256, written once (temporary file, fsync, rename),
made read-only (0444) in owner-only folders (0700) and never overwritten. The
same bytes captured twice are stored once.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

FILE_MODE = 0o444
DIR_MODE = 0o700
_CHUNK = 1024 * 1024


class EvidenceWriteError(Exception):
    """Evidence could not be written (disk full, permissions): one line a user can act on."""

    def __init__(self, message: str, *, errno_: int | None = None) -> None:
        super().__init__(message)
        self.errno = errno_


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    size: int
    path: Path


def sha256_file(path: Path) -> tuple[str, int]:
    """SHA-256 hex digest and size of a file, read in chunks."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(_CHUNK), b""):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _is_sha256(value: str) -> bool:
    return len(value) == 64 and all(c in "0123456789abcdef" for c in value)


class EvidenceStore:
    """Write-once, read-only, content-addressed files under one root folder."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root).resolve()

    def path_for(self, sha256: str) -> Path:
        if not _is_sha256(sha256):
            raise ValueError(f"expected a lowercase SHA-256 hex digest, got {sha256!r}")
        return self.root / sha256[:2] / sha256

    def _ensure_dir(self, path: Path) -> None:
        for folder in (self.root, path):
            folder.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
            if folder.stat().st_mode & 0o777 != DIR_MODE:
                folder.chmod(DIR_MODE)

    def put_bytes(self, data: bytes) -> StoredFile:
        """Store ``data`` once; return where it lives. Raises :class:`EvidenceWriteError`."""
        sha = hashlib.sha256(data).hexdigest()
        final = self.path_for(sha)
        if final.exists():
            return StoredFile(sha256=sha, size=len(data), path=final)
        tmp_name: str | None = None
        try:
            self._ensure_dir(final.parent)
            fd, tmp_name = tempfile.mkstemp(prefix=".incoming-", dir=final.parent)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp_name, FILE_MODE)
            # link() fails when the name exists, so a concurrent writer never clobbers a file.
            with contextlib.suppress(FileExistsError):
                os.link(tmp_name, final)
            os.unlink(tmp_name)
            tmp_name = None
            self._fsync_dir(final.parent)
        except OSError as exc:
            if tmp_name is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp_name)
            raise EvidenceWriteError(
                _describe_write_error(exc, self.root), errno_=exc.errno
            ) from exc
        return StoredFile(sha256=sha, size=len(data), path=final)

    @staticmethod
    def _fsync_dir(folder: Path) -> None:
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

    def verify(self, sha256: str) -> str | None:
        """None when the file is present and hashes to its name, else the problem in words."""
        path = self.path_for(sha256)
        return verify_file(path, sha256)

    def __iter__(self) -> Iterator[Path]:
        if not self.root.is_dir():
            return
        for folder in sorted(self.root.iterdir()):
            if folder.is_dir() and len(folder.name) == 2:
                yield from sorted(p for p in folder.iterdir() if not p.name.startswith("."))


def verify_file(path: Path, sha256: str, size: int | None = None) -> str | None:
    """None when ``path`` exists with this hash (and size), else what is wrong."""
    try:
        actual, actual_size = sha256_file(path)
    except FileNotFoundError:
        return "missing"
    except OSError as exc:
        return f"unreadable: {exc.strerror or exc}"
    if actual != sha256:
        return f"altered: sha256 is {actual}, expected {sha256}"
    if size is not None and actual_size != size:
        return f"altered: size is {actual_size}, expected {size}"
    return None


def _describe_write_error(exc: OSError, root: Path) -> str:
    if exc.errno == errno.ENOSPC:
        return f"disk full while writing evidence under {root}; free space and run `ktpwatch evidence retry`"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"cannot write evidence under {root}: {exc.strerror}"
    return f"cannot write evidence under {root}: {exc.strerror or exc}"
