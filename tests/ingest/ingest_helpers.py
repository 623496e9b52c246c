"""Helpers for the ingest tests: fixture paths and a local HTTP server on 127.0.0.1 (never the internet)."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
FORMATS = FIXTURES / "formats"
STORIES = FIXTURES / "stories"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {  # noqa: RUF012 - the stdlib declares it as a class attribute
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".rss": "application/rss+xml",
        ".atom": "application/atom+xml",
        ".jsonl": "application/jsonl",
    }

    def log_message(self, format: str, *args: object) -> None:
        return


@dataclass
class Site:
    root: Path
    base: str

    def url(self, name: str) -> str:
        return f"{self.base}/{name}"


def serve(tmp_path: Path) -> Iterator[Site]:
    """A local web site: the fixture pages, plus feeds whose links point back at it."""
    root = tmp_path / "www"
    root.mkdir()
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    shutil.copy(FORMATS / "page.html", root / "story-lviv.html")
    shutil.copy(FORMATS / "nodate.html", root / "story-sumy.html")
    shutil.copy(FORMATS / "utf8.txt", root / "plain.txt")
    for name in ("feed.rss", "feed.atom"):
        (root / name).write_text((FORMATS / name).read_text().replace("{BASE}", base))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield Site(root, base)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def unused_url() -> str:
    """A URL on 127.0.0.1 where nothing listens (the port was just freed)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/nothing.html"
