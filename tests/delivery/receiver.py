"""A real HTTP receiver for webhook tests: ``http.server`` in a thread on 127.0.0.1, recording what it gets."""

from __future__ import annotations

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Receiver:
    """Answers each POST with the next code of ``codes`` (the last one repeats) and records it."""

    def __init__(self, port: int | None = None, codes=(200,), delay: float = 0):
        self.port = port or free_port()
        self.delay = delay  # seconds before answering the first request (a receiver that hangs)
        self.codes = list(codes)
        self.received: list[dict] = []
        self.server = None
        self.thread = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"

    def start(self) -> Receiver:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                body = self.rfile.read(length)
                if receiver.delay and not receiver.received:
                    receiver.received.append({"headers": self.headers, "body": body, "json": json.loads(body)})
                    time.sleep(receiver.delay)
                    return
                receiver.received.append({"headers": self.headers, "body": body, "json": json.loads(body)})
                code = receiver.codes.pop(0) if len(receiver.codes) > 1 else receiver.codes[0]
                self.send_response(code)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    def events(self) -> list[str]:
        return [item["json"]["event"] for item in self.received]
