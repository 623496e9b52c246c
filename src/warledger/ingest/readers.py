"""Readers: paths, folders and URLs → :class:`~warledger.models.Document` objects (no database).

Every input unit's bytes are handed to an ``archive`` callback *before* anything is derived from
them; the callback returns the bytes' sha256 (the ingest service stores them in the ledger's
evidence archive, :func:`hash_only` just hashes).  Problems are yielded as
:class:`~warledger.errors.InputError` values with a one-line message, and reading goes on.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from warledger.errors import InputError
from warledger.ingest.decode import decode_bytes, looks_binary, normalize_text
from warledger.ingest.fetch import Fetched, fetch_url, is_url
from warledger.ingest.formats import (
    EXTENSIONS,
    MEDIA_TYPES,
    FeedEntry,
    Item,
    feed_entries,
    html_item,
    json_items,
    jsonl_items,
    sniff_kind,
    text_item,
)
from warledger.ingest.language import detect_language
from warledger.models import Document
from warledger.settings import Settings

ID_LENGTH = 16


def _unknown(doc_id: str) -> Document | None:
    return None


Known = Callable[[str], Document | None]


class Archiver(Protocol):
    def __call__(self, data: bytes, *, origin: str, media_type: str, retrieved_at: datetime) -> str: ...


def hash_only(data: bytes, *, origin: str, media_type: str, retrieved_at: datetime) -> str:
    """An archiver that stores nothing: the sha256 of the bytes."""
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Source:
    """One input unit to read: a file path or a URL; ``label``, when given, is the origin recorded
    and shown instead of the path (e.g. ``upload:report.html`` for a browser upload)."""

    value: str
    is_url: bool
    label: str | None = None


@dataclass(frozen=True)
class _Unit:
    data: bytes
    charset: str | None
    origin: str  # path or URL
    name: str  # for format sniffing
    media_type: str  # from the server, "" for files
    retrieved_at: datetime
    url: str | None


def expand_inputs(
    inputs: list[str] | tuple[str, ...], origins: Mapping[str, str] | None = None
) -> Iterator[Source | InputError]:
    """Paths, folders (recursive, sorted, hidden entries skipped) and URLs, as read units.

    ``origins`` maps an input (as given) to the origin label its documents get instead of the path;
    a folder's label is followed by each file's path inside it (``label/sub/name.txt``).
    """
    labels = origins or {}
    for raw in inputs:
        label = labels.get(raw)
        if is_url(raw):
            yield Source(raw, True)
            continue
        path = Path(raw).expanduser()
        if not path.exists():
            yield InputError(f"{label or raw}: no such file or directory")
        elif path.is_dir():
            yield from _walk(path, label)
        elif path.is_file():
            yield Source(str(path), False, label)
        else:
            yield InputError(f"{label or raw}: not a regular file")


def _walk(folder: Path, label: str | None = None) -> Iterator[Source | InputError]:
    found = False
    for root, dirs, files in os.walk(folder, onerror=None):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(root) / name
            ext = path.suffix.lower()
            if ext not in EXTENSIONS:
                yield InputError(f"{path}: skipped (unsupported file type {ext or 'without extension'})")
                continue
            found = True
            inner = None if label is None else f"{label}/{path.relative_to(folder).as_posix()}"
            yield Source(str(path), False, inner)
    if not found:
        yield InputError(f"{label or folder}: no readable files in folder")


def _doc_id(sha: str, key: str | None) -> str:
    if key is None:
        return sha[:ID_LENGTH]
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:ID_LENGTH]


def _check(data: bytes, label: str, max_bytes: int) -> None:
    if len(data) > max_bytes:
        raise InputError(
            f"{label}: too large ({len(data)} bytes > limit {max_bytes}; set WARLEDGER_MAX_BYTES)"
        )
    if not data.strip():
        raise InputError(f"{label}: empty")
    if looks_binary(data):
        raise InputError(f"{label}: binary file (contains NUL bytes), not text")


def _load(source: Source, settings: Settings) -> _Unit:
    if source.is_url:
        got: Fetched = fetch_url(source.value, timeout=settings.timeout, max_bytes=settings.max_bytes)
        return _Unit(got.data, got.charset, source.value, got.url, got.media_type, got.retrieved_at, got.url)
    path = Path(source.value)
    shown = source.label or str(path)
    try:
        size = path.stat().st_size
        if size > settings.max_bytes:
            raise InputError(
                f"{shown}: too large ({size} bytes > limit {settings.max_bytes}; set WARLEDGER_MAX_BYTES)"
            )
        data = path.read_bytes()
    except PermissionError:
        raise InputError(f"{shown}: cannot read (permission denied)") from None
    except FileNotFoundError:
        raise InputError(f"{shown}: no such file or directory") from None
    except IsADirectoryError:
        raise InputError(f"{shown}: is a folder, not a file") from None
    except OSError as exc:
        raise InputError(f"{shown}: cannot read ({exc.strerror or exc})") from None
    return _Unit(data, None, shown, path.name, "", datetime.now(UTC), None)


def _document(item: Item, *, sha: str, media_type: str, retrieved_at: datetime, notes: list[str]) -> Document:
    guess = detect_language(item.text)
    all_notes = [*notes, *item.notes]
    if not guess.is_english:
        all_notes.append(f"non-English ({guess.language}): stored, not extracted")
    return Document(
        id=_doc_id(sha, item.key),
        sha256=sha,
        origin=item.origin,
        media_type=media_type,
        retrieved_at=retrieved_at,
        text=item.text,
        title=item.title,
        url=item.url,
        published=item.published,
        language=guess.language,
        is_english=guess.is_english,
        notes=all_notes,
    )


def read_source(
    source: Source, *, settings: Settings, archive: Archiver = hash_only, known: Known = _unknown
) -> Iterator[Document | InputError]:
    """All documents of one input unit (a file, or a URL and, for a feed, its linked pages).

    ``known(doc_id)`` may return an already stored Document: it is yielded as is, and the text is
    not decoded and analysed again (re-ingesting stays cheap).
    """
    try:
        unit = _load(source, settings)
        _check(unit.data, unit.origin, settings.max_bytes)
        kind = sniff_kind(unit.name, unit.media_type, unit.data[:4096])
        media_type = unit.media_type or MEDIA_TYPES[kind]
        if media_type in ("text/xml", "application/xml") and kind == "feed":
            media_type = MEDIA_TYPES["feed"]
        sha = archive(unit.data, origin=unit.origin, media_type=media_type, retrieved_at=unit.retrieved_at)
        if kind == "feed":
            yield from _read_feed(
                unit, sha=sha, media_type=media_type, settings=settings, archive=archive, known=known
            )
            return
        if kind in ("text", "html") and (stored := known(_doc_id(sha, None))) is not None:
            yield stored
            return
        decoded = decode_bytes(unit.data, label=unit.origin, declared=unit.charset)
    except InputError as exc:
        yield exc
        return
    if kind in ("json", "jsonl"):
        parse = json_items if kind == "json" else jsonl_items
        for item in parse(decoded.text, origin=unit.origin):
            if isinstance(item, InputError):
                yield item
                continue
            if (stored := known(_doc_id(sha, item.key))) is not None:
                yield stored
                continue
            item.text, fixes = normalize_text(item.text)
            if not item.text:
                yield InputError(f"{item.origin}: no 'text' (a non-empty string is required)")
                continue
            yield _document(
                item,
                sha=sha,
                media_type=media_type,
                retrieved_at=unit.retrieved_at,
                notes=decoded.notes + fixes,
            )
        return
    item = (
        html_item(decoded.text, origin=unit.origin, url=unit.url)
        if kind == "html"
        else text_item(decoded.text, origin=unit.origin)
    )
    if kind == "text" and unit.url:
        item.url = unit.url
    if not item.text.strip():
        yield InputError(f"{unit.origin}: no text found")
        return
    yield _document(item, sha=sha, media_type=media_type, retrieved_at=unit.retrieved_at, notes=decoded.notes)


def _read_feed(
    unit: _Unit, *, sha: str, media_type: str, settings: Settings, archive: Archiver, known: Known
) -> Iterator[Document | InputError]:
    entries = feed_entries(unit.data, origin=unit.origin, base_url=unit.url)
    if not entries:
        yield InputError(f"{unit.origin}: feed has no entries")
        return
    for entry in entries:
        origin = f"{unit.origin}#entry-{entry.number}"
        page = _entry_page(entry, origin=origin, settings=settings, archive=archive, known=known)
        if isinstance(page, Document):
            yield page
            continue
        if (stored := known(_doc_id(sha, entry.key))) is not None:
            yield stored
            continue
        summary, _ = normalize_text(entry.summary)
        if not summary:
            yield InputError(f"{origin}: no text (linked page unavailable and no summary)")
            continue
        notes = [page] if page else []
        notes.append("text is the feed entry's summary")
        item = Item(
            text=summary,
            origin=origin,
            key=entry.key,
            title=entry.title,
            url=entry.link,
            published=entry.published,
        )
        yield _document(item, sha=sha, media_type=media_type, retrieved_at=unit.retrieved_at, notes=notes)


def _entry_page(
    entry: FeedEntry, *, origin: str, settings: Settings, archive: Archiver, known: Known
) -> Document | str | None:
    """The entry's linked page as a Document, or a note saying why it was not used."""
    if not entry.link or not is_url(entry.link):
        return None
    try:
        got = fetch_url(entry.link, timeout=settings.timeout, max_bytes=settings.max_bytes)
        _check(got.data, entry.link, settings.max_bytes)
    except InputError as exc:
        return f"linked page not used: {exc}"
    kind = sniff_kind(got.url, got.media_type, got.data[:4096])
    media_type = got.media_type or MEDIA_TYPES[kind]
    page_sha = archive(got.data, origin=got.url, media_type=media_type, retrieved_at=got.retrieved_at)
    if kind not in ("html", "text"):
        return f"linked page not used: {entry.link}: not an HTML page ({media_type})"
    if (stored := known(_doc_id(page_sha, None))) is not None:
        return stored
    try:
        decoded = decode_bytes(got.data, label=entry.link, declared=got.charset)
    except InputError as exc:
        return f"linked page not used: {exc}"
    if kind == "html":
        item = html_item(decoded.text, origin=origin, url=entry.link)
    else:
        item = text_item(decoded.text, origin=origin)
    if not item.text.strip():
        return f"linked page not used: {entry.link}: no text found"
    item.url = entry.link
    item.title = item.title or entry.title
    item.published = entry.published or item.published
    return _document(
        item,
        sha=page_sha,
        media_type=media_type,
        retrieved_at=got.retrieved_at,
        notes=[*decoded.notes, f"text fetched from the entry's link {entry.link}"],
    )


def read_inputs(
    inputs: list[str] | tuple[str, ...], *, settings: Settings | None = None, archive: Archiver = hash_only
) -> Iterator[Document | InputError]:
    """Documents from paths, folders and URLs, in order; problems as InputError values."""
    settings = settings or Settings()
    for source in expand_inputs(inputs):
        if isinstance(source, InputError):
            yield source
        else:
            yield from read_source(source, settings=settings, archive=archive)
