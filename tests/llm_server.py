"""A small OpenAI-compatible chat server on 127.0.0.1 that replies from a script, for LLM tests."""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from synthdata.llm import LLMConfig


class ScriptedLLM:
    """Answers ``POST /v1/chat/completions`` with the next scripted reply.

    A reply is ``("content", text)``, ``("status", code)`` or ``("sleep", seconds, text)``;
    when the script runs out the last reply repeats. Every request body is kept in ``requests``.
    """

    def __init__(self) -> None:
        self.script: deque[tuple[Any, ...]] = deque()
        self.last: tuple[Any, ...] = ("status", 500)
        self.requests: list[dict[str, Any]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                outer.requests.append(json.loads(self.rfile.read(length) or b"{}"))
                reply = outer.script.popleft() if outer.script else outer.last
                outer.last = reply
                if reply[0] == "sleep":
                    time.sleep(reply[1])
                    reply = ("content", reply[2])
                if reply[0] == "status":
                    self._send(
                        reply[1], {"error": {"message": "scripted failure", "type": "server_error"}}
                    )
                    return
                self._send(200, _completion(reply[1]))

            def _send(self, status: int, body: dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def reply(self, *replies: tuple[Any, ...]) -> None:
        self.script.extend(replies)

    def config(self, **kwargs: Any) -> LLMConfig:
        """A model configuration that talks to this server (a 5 s timeout unless given)."""
        options = {"timeout": 5.0, **kwargs}
        return LLMConfig(model="openai/gpt-4o-mini", api_base=self.base, api_key="test", **options)

    def __enter__(self) -> ScriptedLLM:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def _completion(content: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": "gpt-4o-mini",
        "choices": [
            {
                "index": 0,
                "finish_reason": "stop",
                "message": {"role": "assistant", "content": content},
            }
        ],
        "usage": {"prompt_tokens": 120, "completion_tokens": 80, "total_tokens": 200},
    }


#: Two related tables a scripted model answers with (and the text-column tests generate).
PET_SCHEMAS: list[dict[str, Any]] = [
    {
        "name": "owners",
        "volume": 200,
        "fields": [
            {"name": "id", "type": "UUID", "primary_key": True},
            {"name": "full_name", "type": "NAME"},
            {"name": "email", "type": "EMAIL"},
        ],
    },
    {
        "name": "pets",
        "volume": 300,
        "fields": [
            {"name": "id", "type": "UUID", "primary_key": True},
            {"name": "owner_id", "type": "UUID", "references": "owners.id"},
            {"name": "species", "type": "ENUM", "enum_values": ["dog", "cat"]},
            {"name": "notes", "type": "TEXT"},
        ],
    },
]
