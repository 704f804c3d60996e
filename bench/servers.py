"""Real servers started on 127.0.0.1 and stopped afterwards (PostgreSQL, Redis).

The benchmarks start them for the distributed figures, and the tests through
``tests/servers.py`` (which turns a missing server into a skip, or a failure
in CI). A missing binary raises :class:`ServerMissing` naming what is missing,
so each caller decides what that means: the benchmarks report the figures as
not measured and write every other one.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


class ServerMissing(RuntimeError):
    """The server's program (or a user to run it as) is not installed here."""

    def __init__(self, what: str) -> None:
        super().__init__(f"{what} not installed")
        self.what = what


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listening on 127.0.0.1:{port} after {timeout}s")


def _pg_bindir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


@dataclass(frozen=True)
class PostgresServer:
    port: int
    user: str
    datadir: Path

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(
            f"host=127.0.0.1 port={self.port} user={self.user} dbname=postgres", autocommit=True
        ) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


@contextmanager
def postgres_server(base: Path) -> Iterator[PostgresServer]:
    bindir = _pg_bindir()
    if bindir is None:
        raise ServerMissing("PostgreSQL (initdb, pg_ctl)")
    # initdb refuses to run as root: run the server as an unprivileged user.
    as_user: list[str] = []
    owner = None
    if os.geteuid() == 0:
        for candidate in ("postgres", "nobody"):
            try:
                owner = pwd.getpwnam(candidate)
                break
            except KeyError:
                continue
        if owner is None:
            raise ServerMissing("an unprivileged user to run PostgreSQL as")
        as_user = ["runuser", "-u", owner.pw_name, "--"]
    if owner is not None:
        # a caller's temporary folders are root-only (0700): the server user needs its own.
        base = Path(tempfile.mkdtemp(prefix="ktpwatch-pg-"))
    datadir = base / "pgdata"
    sockdir = base / "pgsock"
    for d in (base, datadir, sockdir):
        d.mkdir(parents=True, exist_ok=True)
        if owner is not None:
            os.chown(d, owner.pw_uid, owner.pw_gid)
    port = free_port()
    subprocess.run(
        [*as_user, str(bindir / "initdb"), "-D", str(datadir), "-U", "ktpwatch", "-A", "trust",
         "--no-sync", "-E", "UTF8"],
        check=True, capture_output=True,
    )
    log = base / "pg.log"
    if owner is not None:
        log.touch()
        os.chown(log, owner.pw_uid, owner.pw_gid)
    subprocess.run(
        [*as_user, str(bindir / "pg_ctl"), "-D", str(datadir), "-l", str(log), "-w", "-o",
         f"-p {port} -k {sockdir} -c listen_addresses=127.0.0.1 -c fsync=off "
         "-c max_connections=200", "start"],
        check=True, capture_output=True,
    )
    try:
        yield PostgresServer(port=port, user="ktpwatch", datadir=datadir)
    finally:
        subprocess.run(
            [*as_user, str(bindir / "pg_ctl"), "-D", str(datadir), "-m", "immediate", "stop"],
            capture_output=True,
        )
        if owner is not None:
            shutil.rmtree(base, ignore_errors=True)


@dataclass(frozen=True)
class RedisServer:
    port: int

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"


@contextmanager
def redis_server(base: Path) -> Iterator[RedisServer]:
    binary = shutil.which("redis-server")
    if binary is None:
        raise ServerMissing("redis-server")
    port = free_port()
    base.mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(base)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port)
        yield RedisServer(port=port)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
