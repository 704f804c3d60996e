"""A listening socket that records every connection made to it: the trap a test sets
where nothing may connect (a local Redis or PostgreSQL port, an address a
rebinding name points to), so "never contacted" is measured, not assumed.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def recording_connections(sock: socket.socket, peers: list[str] | None = None) -> Iterator[list[str]]:
    """Accept and close every connection to the listening ``sock`` on a thread, recording each peer.

    Yields the list the peers are appended to (``peers`` when given) as
    ``"host:port"``; on exit the thread stops and ``sock`` is closed.
    """
    found = peers if peers is not None else []
    sock.settimeout(0.1)
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, peer = sock.accept()
            except TimeoutError:
                continue
            found.append(f"{peer[0]}:{peer[1]}")
            conn.close()

    thread = threading.Thread(target=accept, daemon=True, name=f"canary-{sock.getsockname()[1]}")
    thread.start()
    try:
        yield found
    finally:
        stop.set()
        thread.join(5)
        sock.close()
