import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import uvicorn
from starlette.testclient import TestClient

from api_shim import UVICORN_OPTIONS, create_app
from api_shim.settings import Settings
from tests.waiting import wait_for


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(home=tmp_path / "home", rate_limit_per_minute=0, rate_limit_per_hour=0)


@pytest.fixture
def client(settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings=settings), raise_server_exceptions=False) as c:
        yield c


@contextmanager
def serve(settings: Settings, port: int = 0) -> Iterator[str]:
    """uvicorn in a thread on 127.0.0.1 (port 0: any free port); yields the base URL."""
    config = uvicorn.Config(
        create_app(settings=settings),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        lifespan="on",
        **UVICORN_OPTIONS,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    wait_for(lambda: server.started, timeout=20)
    bound = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{bound}"
    finally:
        server.should_exit = True
        thread.join(20)


def port_free(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


@pytest.fixture
def live_server(settings) -> Iterator[str]:
    with serve(settings) as url:
        yield url
