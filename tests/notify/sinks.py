"""Local endpoints the notification tests deliver to, and their database (shared by the notify tests).

``json_sink`` is an aiohttp server in its own thread recording every JSON body
Apprise's ``json://`` posts to it; nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiohttp import web
from sqlalchemy.orm import Session, sessionmaker

from storage.migrate import upgrade
from storage.session import make_engine, make_session_factory
from tests.servers import free_port


@dataclass
class JsonSink:
    url: str
    posts: list[dict[str, Any]] = field(default_factory=list)


@pytest.fixture
def json_sink() -> Iterator[JsonSink]:
    """An aiohttp server in its own thread, recording every JSON body posted to it."""
    port = free_port()
    sink = JsonSink(f"json://127.0.0.1:{port}/hook")
    loop = asyncio.new_event_loop()
    ready = threading.Event()
    runner_box: list[web.AppRunner] = []

    async def receive(request: web.Request) -> web.Response:
        sink.posts.append(await request.json())
        return web.Response(text="ok")

    async def start() -> None:
        app = web.Application()
        app.router.add_post("/hook", receive)
        runner = web.AppRunner(app)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", port).start()
        runner_box.append(runner)
        ready.set()

    thread = threading.Thread(target=lambda: (loop.run_until_complete(start()), loop.run_forever()),
                              daemon=True)
    thread.start()
    assert ready.wait(10)
    yield sink
    asyncio.run_coroutine_threadsafe(runner_box[0].cleanup(), loop).result(10)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(10)


@pytest.fixture
def db() -> sessionmaker[Session]:
    engine = make_engine(os.environ["KTPWATCH_DB_URL"])
    upgrade(engine)
    return make_session_factory(engine)
