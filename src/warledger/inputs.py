"""Inputs of the stateless extraction contract (``warledger extract``).

Files are read by the ingest readers (so ``extract`` and ``ingest`` see the same text); JSON Lines give
``{"id", "text", "published"?, "title"?, "url"?}`` records.  A broken JSONL line is reported as
``FILE:LINE: …`` through ``on_error`` and the rest goes on.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path

from warledger.errors import InputError
from warledger.pipeline import TextInput
from warledger.settings import Settings

ErrorSink = Callable[[str], None]


def _jsonl_inputs(
    text: str, name: str, default_published: date | None, on_error: ErrorSink
) -> Iterator[TextInput]:
    from warledger.ingest.formats import jsonl_items

    for item in jsonl_items(text, origin=name):
        if isinstance(item, InputError):
            on_error(str(item))
            continue
        for note in item.notes:
            if note.startswith("unreadable published date"):
                on_error(f"{item.origin}: {note}")
        yield TextInput(
            id=item.record_id or item.origin,
            text=item.text,
            published=item.published or default_published,
            title=item.title,
            url=item.url,
        )


def read_file_inputs(path: Path, default_published: date | None, on_error: ErrorSink) -> Iterator[TextInput]:
    """The documents of one file, read exactly as ``warledger ingest`` reads them (encoding repair,
    HTML main text, date lines, JSON records, feeds) but archived nowhere.  A file holding one
    document gets its path as id; items inside a container get their origin (``path:line``)."""
    from warledger.ingest import read_source
    from warledger.ingest.readers import Source

    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a folder (extract takes files; use 'warledger ingest' for folders)")
    docs = []
    for item in read_source(Source(str(path), is_url=False), settings=Settings()):
        if isinstance(item, InputError):
            on_error(str(item))
        else:
            docs.append(item)
    for doc in docs:
        yield TextInput(
            id=str(path) if len(docs) == 1 else doc.origin,
            text=doc.text,
            published=doc.published or default_published,
            title=doc.title,
            url=doc.url,
        )


def iter_inputs(
    files: Iterable[str],
    jsonl: str | None,
    published: date | None,
    on_error: ErrorSink | None = None,
) -> Iterator[TextInput]:
    """All inputs of one ``warledger extract`` call, in order; bad ones go to ``on_error``."""
    sink: ErrorSink = on_error or (lambda msg: print(f"error: {msg}", file=sys.stderr))
    for name in files:
        try:
            yield from read_file_inputs(Path(name), published, sink)
        except InputError as exc:
            sink(str(exc))
    if jsonl is None:
        return
    if jsonl == "-":
        yield from _jsonl_inputs(sys.stdin.read(), "<stdin>", published, sink)
        return
    path = Path(jsonl)
    if not path.is_file():
        sink(f"{jsonl}: no such file")
        return
    yield from _jsonl_inputs(path.read_text(encoding="utf-8", errors="replace"), jsonl, published, sink)
