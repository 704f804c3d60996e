"""The content-addressed evidence folder: ``<root>/<sha256[:2]>/<sha256>``.

Evidence must be provably unchanged from the moment it was captured, so a file
is named by its own SHA-256, written once (unnamed file, fsync, link into
place), made read-only (0444) in owner-only folders (0700) and never
overwritten. The same bytes captured twice are stored once.

The file is written nameless (Linux ``O_TMPFILE``) and only gets its name once
whole, so a process killed mid-write (SIGKILL, power loss) leaves nothing
behind: the kernel frees the unnamed inode. Where the filesystem cannot make
unnamed files, a dot-named ``.incoming-*`` temporary file is used instead;
one left by a killed writer is never read as evidence (the store skips dot
files) and is removed by the next write to its folder once an hour old.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import os
import tempfile
import time
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
        try:
            self._ensure_dir(final.parent)
            if not _write_unnamed(final, data):
                _write_via_temp_name(final, data)
            self._fsync_dir(final.parent)
        except OSError as exc:
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


#: ``.incoming-*`` files older than this are a killed writer's leftovers
STALE_INCOMING_SECONDS = 3600
_NO_TMPFILE = {errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL, errno.ENOENT}


@functools.cache
def _can_link_unnamed() -> bool:
    """``O_TMPFILE`` exists and ``/proc/self/fd`` can name an open file (asked once per process)."""
    return bool(getattr(os, "O_TMPFILE", 0)) and os.path.isdir("/proc/self/fd")


def _write_unnamed(final: Path, data: bytes) -> bool:
    """Write ``data`` as an unnamed file in ``final``'s folder and link it in; False if unsupported."""
    if not _can_link_unnamed():
        return False
    flag = os.O_TMPFILE
    folder = os.open(final.parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            fd = os.open(".", flag | os.O_WRONLY, FILE_MODE, dir_fd=folder)
        except OSError as exc:
            if exc.errno in _NO_TMPFILE:
                return False
            raise
        try:
            _write_all(fd, data)
            os.fchmod(fd, FILE_MODE)
            with contextlib.suppress(FileExistsError):  # a concurrent writer stored the same bytes
                # linkat(AT_SYMLINK_FOLLOW) of /proc/self/fd/N names the open file without extra
                # rights (open(2), O_TMPFILE); a dir fd makes Python call linkat, not link
                os.link(f"/proc/self/fd/{fd}", final.name, src_dir_fd=folder, dst_dir_fd=folder,
                        follow_symlinks=True)
        finally:
            os.close(fd)
    finally:
        os.close(folder)
    return True


def _write_via_temp_name(final: Path, data: bytes) -> None:
    """The portable path: a dot-named temporary file, fsync, then link() to the final name."""
    _remove_stale_incoming(final.parent)
    fd, tmp_name = tempfile.mkstemp(prefix=".incoming-", dir=final.parent)
    try:
        try:
            _write_all(fd, data)
        finally:
            os.close(fd)
        os.chmod(tmp_name, FILE_MODE)
        # link() fails when the name exists, so a concurrent writer never clobbers a file.
        with contextlib.suppress(FileExistsError):
            os.link(tmp_name, final)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]
    os.fsync(fd)


def _remove_stale_incoming(folder: Path, now: float | None = None) -> None:
    """Remove temporary files a killed writer left (an hour old: no live writer takes that long)."""
    cutoff = (now if now is not None else time.time()) - STALE_INCOMING_SECONDS
    for leftover in folder.glob(".incoming-*"):
        with contextlib.suppress(OSError):
            if leftover.stat().st_mtime < cutoff:
                leftover.unlink()


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
