"""Import each module of ours in a fresh process and report the work it did at import time.

Run as a script by ``test_import_layers.py``; reads a JSON object from stdin::

    {"repo": "/path/to/repo", "modules": ["config", "crawler.scan", ...],
     "libraries": ["scrapy", "sqlalchemy.orm", ...]}

and prints one JSON object: ``{"events": {module: [event, ...]}, "errors":
{module: traceback}, "library_errors": {library: message}}``.

The libraries our modules import are imported first, once, in this process;
then each module of ours is imported in a child forked from it (``os.fork``),
with an audit hook (PEP 578) watching file opens, directory listings, SQLite
connections, new processes and sockets. So every module starts from a
process that has imported none of our code (nothing is cached from a
neighbour's import), the libraries' own import-time habits (Scrapy reading
``/etc/mime.types``) are not charged to us, and 140 imports cost seconds,
not minutes. An event is charged to the module whose top-level code was
running (the innermost ``<module>`` frame in the repository), so a module that
calls a function of another at import time is the one reported.

Not seen: work that raises no audit event in Python 3.11 (``os.stat``,
``shutil.which`` — a browser probe by path lookup —, starting a thread).
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import sysconfig
import traceback
import warnings
from pathlib import Path
from types import FrameType
from typing import Any

#: Audit events that mean "read a file or started something", with the argument naming what.
WATCHED = {
    "open": 0,
    "os.listdir": 0,
    "os.scandir": 0,
    "sqlite3.connect": 0,
    "subprocess.Popen": 0,
    "os.system": 0,
    "os.exec": 0,
    "os.posix_spawn": 0,
    "os.spawn": 1,
    "os.fork": None,
    "os.forkpty": None,
    "socket.connect": 1,
    "socket.bind": 1,
    "socket.getaddrinfo": 0,
}
#: Events about paths: harmless when the path is inside the interpreter's own libraries.
PATH_EVENTS = frozenset({"open", "os.listdir", "os.scandir"})


def library_roots(repo: Path) -> tuple[str, ...]:
    """Folders whose files a module may read while importing: stdlib and installed packages."""
    paths = sysconfig.get_paths()
    roots = {paths[key] for key in ("stdlib", "platstdlib", "purelib", "platlib")}
    # sys.path also holds system site-packages; the repository (and this script's folder) are ours
    roots.update(p for p in sys.path if p and not Path(p).resolve().is_relative_to(repo))
    return tuple(sorted(str(Path(r).resolve()) for r in roots))


def inside(path: str, roots: tuple[str, ...]) -> bool:
    """Is ``path`` one of ``roots`` (a zip on sys.path) or in one of them?"""
    return path in roots or path.startswith(tuple(root + os.sep for root in roots))


def _charged_module(frame: FrameType | None, repo: str, roots: tuple[str, ...]) -> str | None:
    """Dotted name of the innermost module of ours whose top-level code is running.

    ``roots`` are left out even inside ``repo`` (the repository's own ``.venv``).
    """
    while frame is not None:
        code = frame.f_code
        filename = code.co_filename
        if code.co_name == "<module>" and filename.startswith(repo) and not inside(filename, roots):
            rel = Path(filename).relative_to(repo).with_suffix("")
            parts = list(rel.parts)
            if parts[-1] == "__init__":
                parts.pop()
            return ".".join(parts)
        frame = frame.f_back
    return None


def _by_import_system(frame: FrameType | None) -> bool:
    """True when the event comes from importlib finding or loading a module."""
    return frame is not None and frame.f_code.co_filename.startswith("<frozen importlib")


def _describe(event: str, args: tuple[Any, ...], roots: tuple[str, ...]) -> str | None:
    """What the event did, or None when it is the harmless kind (a library's own file, an fd)."""
    index = WATCHED[event]
    subject = args[index] if index is not None and len(args) > index else ""
    if event in PATH_EVENTS:
        if subject is None or isinstance(subject, int):
            return None  # os.fdopen / listdir of an open fd: no new file
        path = os.fsdecode(subject)
        if inside(str(Path(path).resolve()), roots):
            return None
        return f"{event} {path}"
    return f"{event} {subject!r}"


def watch(repo: Path, found: list[tuple[str, str]], fallback: str) -> None:
    """Install the audit hook that appends (charged module, event) to ``found``."""
    roots = library_roots(repo)
    repo_prefix = str(repo) + os.sep

    def hook(event: str, args: tuple[Any, ...]) -> None:
        if event not in WATCHED:
            return
        caller = sys._getframe(1)
        if _by_import_system(caller):
            return
        what = _describe(event, args, roots)
        if what is None:
            return
        found.append((_charged_module(caller, repo_prefix, roots) or fallback, what))

    sys.addaudithook(hook)


def import_in_child(repo: Path, module: str) -> dict[str, Any]:
    """Fork, import ``module`` under the audit hook, and return what the child saw."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report through the pipe, never return into the parent's code
        os.close(read_end)
        report: dict[str, Any] = {"events": [], "error": None}
        found: list[tuple[str, str]] = []
        try:
            warnings.simplefilter("ignore")  # a warning's source line is read by linecache
            watch(repo, found, module)
            importlib.import_module(module)
        except BaseException:
            report["error"] = traceback.format_exc()
        report["events"] = found
        with os.fdopen(write_end, "w") as out:
            json.dump(report, out)
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    return json.loads(data) if data else {"events": [], "error": "child died without a report"}


def load_library(name: str) -> str | None:
    """Import ``name``; None when it imported or names a symbol (``from a import b``, ``b`` a class)."""
    try:
        importlib.import_module(name)
    except ModuleNotFoundError as exc:
        parent, _, symbol = name.rpartition(".")
        if exc.name == name and parent and hasattr(sys.modules.get(parent), symbol):
            return None
        return f"ModuleNotFoundError: {exc}"
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"
    return None


def main() -> None:
    request = json.load(sys.stdin)
    repo = Path(request["repo"]).resolve()
    sys.path.insert(0, str(repo))
    library_errors = {}
    for name in request["libraries"]:
        error = load_library(name)
        if error:
            library_errors[name] = error
    ours = sorted(m for m in sys.modules if m.split(".")[0] in request["tops"])
    events: dict[str, list[str]] = {}
    errors: dict[str, str] = {}
    for module in request["modules"]:
        report = import_in_child(repo, module)
        if report["error"]:
            errors[module] = report["error"]
        for charged, what in report["events"]:
            events.setdefault(charged, [])
            if what not in events[charged]:
                events[charged].append(what)
    json.dump({"events": events, "errors": errors, "library_errors": library_errors,
               "preloaded_ours": ours}, sys.stdout)


if __name__ == "__main__":
    main()
