"""Inputs of the stateless extraction contract (``warledger extract``).

Files are read as text (HTML through the ingest readers' main-text extraction); JSON Lines give
``{"id", "text", "published"?, "title"?, "url"?}`` records.  A broken JSONL line is reported as
``FILE:LINE: …`` through ``on_error`` and the rest goes on.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import IO

from warledger.errors import InputError
from warledger.pipeline import TextInput

ErrorSink = Callable[[str], None]


def parse_date(value: object, where: str) -> date | None:
    """An ISO date (``YYYY-MM-DD``, or a timestamp starting with one) or ``None``."""
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise InputError(f"{where}: 'published' must be a YYYY-MM-DD string, got {value!r}")
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise InputError(f"{where}: 'published' is not a YYYY-MM-DD date: {value!r}") from None


def record_to_input(obj: object, where: str, default_published: date | None) -> TextInput:
    """Validate one JSON record of the contract and turn it into a ``TextInput``."""
    if not isinstance(obj, dict):
        raise InputError(f"{where}: expected a JSON object, got {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str):
        raise InputError(f"{where}: missing or non-string 'text'")
    rid = obj.get("id")
    published = parse_date(obj.get("published"), where) or default_published
    title, url = obj.get("title"), obj.get("url")
    return TextInput(
        id=str(rid) if rid is not None else where,
        text=text,
        published=published,
        title=title if isinstance(title, str) else None,
        url=url if isinstance(url, str) else None,
    )


def iter_jsonl(
    stream: IO[str], name: str, default_published: date | None, on_error: ErrorSink
) -> Iterator[TextInput]:
    for lineno, line in enumerate(stream, 1):
        if not line.strip():
            continue
        where = f"{name}:{lineno}"
        try:
            obj = json.loads(line)
            yield record_to_input(obj, where, default_published)
        except json.JSONDecodeError as exc:
            on_error(f"{where}: invalid JSON ({exc.msg} at column {exc.colno})")
        except InputError as exc:
            on_error(str(exc))


def read_file_input(path: Path, default_published: date | None) -> TextInput:
    """One file → one ``TextInput`` whose id is the path as given."""
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a folder (extract takes files; use 'warledger ingest' for folders)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    from warledger.ingest.decode import decode_bytes
    from warledger.ingest.html import html_to_text

    if path.suffix.lower() in {".html", ".htm"}:
        page = html_to_text(data, origin=str(path))
        return TextInput(
            id=str(path),
            text=page.text,
            published=page.published or default_published,
            title=page.title,
            url=page.url,
        )
    decoded = decode_bytes(data, origin=str(path))
    return TextInput(id=str(path), text=decoded.text, published=default_published)


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
            yield read_file_input(Path(name), published)
        except InputError as exc:
            sink(str(exc))
    if jsonl is None:
        return
    if jsonl == "-":
        yield from iter_jsonl(sys.stdin, "<stdin>", published, sink)
        return
    path = Path(jsonl)
    if not path.is_file():
        sink(f"{jsonl}: no such file")
        return
    with path.open(encoding="utf-8", errors="replace") as fh:
        yield from iter_jsonl(fh, jsonl, published, sink)
