"""Pure parsers for each input format: decoded text/bytes in, items out (no I/O, no database).

* plain text: the whole text; title = a short first line; publication date only from a date line
  near the top ("Published: 2022-04-07", "April 7, 2022") — never from free text.
* HTML: trafilatura's main text, title and date.  The date comes only from real metadata and date
  lines (``extensive_search=False``), and a bare 1 January is refused unless the page states that
  day, because trafilatura otherwise reads "Copyright 2022" as 2022-01-01.
* JSON / JSON Lines: objects with ``text`` and optional ``id``, ``url``, ``title``, ``published``.
* RSS / Atom (feedparser): one entry per item, with its link, summary, title and date.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from typing import Any, Literal

from warledger.errors import InputError

Kind = Literal["text", "html", "json", "jsonl", "feed"]

EXTENSIONS: dict[str, Kind] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}
MEDIA_TYPES: dict[Kind, str] = {
    "text": "text/plain",
    "html": "text/html",
    "json": "application/json",
    "jsonl": "application/jsonl",
    "feed": "application/rss+xml",
}
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_DATE_LINE = re.compile(
    r"^\s*(?:(?:published|posted|date|dated|updated|first published)\s*(?:on|:)?\s*)?"
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?"
    rf"(?P<date>\d{{4}}-\d{{2}}-\d{{2}}(?:[T ][\d:.+\-Z]*)?|(?:{_MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}}"
    rf"|\d{{1,2}}\s+(?:{_MONTHS})\.?,?\s+\d{{4}})\s*(?:\d{{1,2}}:\d{{2}}.*)?$",
    re.IGNORECASE,
)
_DATE_LINES_SCANNED = 6


@dataclass
class Item:
    """One document's worth of content read from an input unit.

    ``key`` is None for a whole file (its id is derived from the file's hash); for an item inside a
    container it is canonical content from which a stable id is derived.
    """

    text: str
    origin: str
    key: str | None = None
    title: str | None = None
    url: str | None = None
    published: date | None = None
    notes: list[str] = field(default_factory=list)
    record_id: str | None = None  # a JSON record's own ``id``


@dataclass
class FeedEntry:
    number: int  # 1-based position in the feed
    link: str | None
    title: str | None
    summary: str
    published: date | None
    key: str  # canonical content for the entry's id


def sniff_kind(name: str, media_type: str, head: bytes) -> Kind:
    """Decide a format from the file name, the server's media type, then the first bytes."""
    lower = name.lower().split("?", 1)[0].split("#", 1)[0]
    for ext, kind in EXTENSIONS.items():
        if lower.endswith(ext) and kind != "feed":
            return kind
    media = media_type.lower()
    if "rss" in media or "atom" in media:
        return "feed"
    start = head[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if media == "application/json" or (
        media in ("", "application/octet-stream") and start.startswith((b"{", b"["))
    ):
        return "jsonl" if start.startswith(b"{") and b"\n{" in head else "json"
    if media in ("application/x-ndjson", "application/jsonl"):
        return "jsonl"
    if b"<rss" in start or b"<feed" in start or b"<rdf:rdf" in start:
        return "feed"
    if media in ("text/html", "application/xhtml+xml") or start.startswith((b"<!doctype html", b"<html")):
        return "html"
    if lower.endswith((".rss", ".atom", ".xml")):
        return "feed"
    return "text"


def parse_date_value(value: object) -> date | None:
    """A publication date from a JSON value: ISO date/datetime, RFC 822, or 'April 7, 2022'."""
    if isinstance(value, date):
        return value.date() if isinstance(value, datetime) else value
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    for fmt in ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%B %d %Y", "%Y/%m/%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(text.replace(".", "") if "%d.%m" not in fmt else text, fmt).date()
        except ValueError:
            continue
    return None


def date_from_lines(text: str) -> date | None:
    """A date stated alone on one of the first lines (a dateline), else None."""
    lines = [line for line in text.split("\n") if line.strip()][:_DATE_LINES_SCANNED]
    for line in lines:
        if len(line) > 80:
            continue
        match = _DATE_LINE.match(line)
        if match:
            raw = match.group("date")
            found = parse_date_value(raw.split("T")[0] if re.match(r"\d{4}-", raw) else raw)
            if found is not None:
                return found
    return None


def title_from_text(text: str) -> str | None:
    """A short first line that reads like a headline."""
    first, _, rest = text.partition("\n")
    first = first.strip()
    if not rest.strip() or not first or len(first) > 200 or first.endswith((".", ":", ";", ",")):
        return None
    return first


def text_item(text: str, *, origin: str) -> Item:
    return Item(text=text, origin=origin, title=title_from_text(text), published=date_from_lines(text))


def _states_day(html: str, day: date) -> bool:
    words = (
        day.isoformat(),
        day.strftime("%B %-d"),
        day.strftime("%-d %B"),
        day.strftime("%b %-d"),
        day.strftime("%d/%m/%Y"),
        day.strftime("%m/%d/%Y"),
    )
    lowered = html.lower()
    return any(w.lower() in lowered for w in words)


def html_item(html: str, *, origin: str, url: str | None = None) -> Item:
    """Main text, title and date of an HTML page via trafilatura (no network access)."""
    from trafilatura import bare_extraction, html2txt

    notes: list[str] = []
    doc = bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    title = (getattr(doc, "title", None) or None) if doc is not None else None
    raw_date = (getattr(doc, "date", None) or None) if doc is not None else None
    if not text:
        text = (html2txt(html) or "").strip()
        if text:
            notes.append("no main text found by trafilatura; used all page text")
    published = parse_date_value(raw_date) if raw_date else None
    if (
        published is not None
        and (published.month, published.day) == (1, 1)
        and not _states_day(html, published)
    ):
        notes.append(f"ignored page date {published.isoformat()} (likely a copyright year)")
        published = None
    return Item(text=text, origin=origin, title=title, url=url, published=published, notes=notes)


def _record_item(obj: Any, *, origin: str, label: str) -> Item:
    if not isinstance(obj, dict):
        raise InputError(f"{label}: not a JSON object")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{label}: no 'text' (a non-empty string is required)")
    notes: list[str] = []
    published = parse_date_value(obj.get("published"))
    if obj.get("published") not in (None, "") and published is None:
        notes.append(f"unreadable published date {str(obj.get('published'))[:40]!r} ignored")
    rec_id = obj.get("id")
    if rec_id is not None and not isinstance(rec_id, str | int):
        raise InputError(f"{label}: 'id' must be a string or a number")
    if rec_id is not None:
        notes.append(f"record id: {rec_id}")
    title = obj.get("title") if isinstance(obj.get("title"), str) else None
    url = obj.get("url") if isinstance(obj.get("url"), str) else None
    key = json.dumps(
        {"id": rec_id, "text": text, "title": title, "url": url, "published": obj.get("published")},
        sort_keys=True,
        ensure_ascii=False,
        default=str,
    )
    return Item(
        text=text,
        origin=origin,
        key="record\0" + key,
        title=title,
        url=url,
        published=published,
        notes=notes,
        record_id=None if rec_id is None else str(rec_id),
    )


def jsonl_items(text: str, *, origin: str) -> Iterator[Item | InputError]:
    """One item per non-blank line; a broken line yields an InputError naming ``origin:line``."""
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        label = f"{origin}:{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(f"{label}: broken JSON line ({exc.msg}, column {exc.colno}); skipped")
            continue
        try:
            yield _record_item(obj, origin=label, label=label)
        except InputError as exc:
            yield exc


def json_items(text: str, *, origin: str) -> Iterator[Item | InputError]:
    """A JSON object or an array of objects; falls back to JSON Lines when it is not one document."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if text.lstrip().startswith("{") and "\n" in text.strip():
            yield from jsonl_items(text, origin=origin)
            return
        yield InputError(f"{origin}: invalid JSON ({exc.msg}, line {exc.lineno} column {exc.colno})")
        return
    records = data if isinstance(data, list) else [data]
    if not records:
        yield InputError(f"{origin}: empty JSON array")
        return
    for number, obj in enumerate(records, start=1):
        label = f"{origin}:{number}" if isinstance(data, list) else origin
        try:
            yield _record_item(obj, origin=label, label=label if isinstance(data, list) else origin)
        except InputError as exc:
            yield exc


def _struct_date(value: Any) -> date | None:
    if not value:
        return None
    try:
        return datetime(*value[:6], tzinfo=UTC).date()
    except (TypeError, ValueError):
        return None


def _summary_text(html: str) -> str:
    if "<" not in html:
        return html.strip()
    import lxml.html

    try:
        return " ".join(lxml.html.fromstring(html).text_content().split())
    except (ValueError, lxml.etree.ParserError):
        return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def feed_entries(data: bytes, *, origin: str, base_url: str | None = None) -> list[FeedEntry]:
    """Entries of an RSS/Atom feed, in feed order; InputError when it is not a feed."""
    import feedparser

    parsed = feedparser.parse(data, response_headers={"content-location": base_url} if base_url else None)
    version = getattr(parsed, "version", "") or ""
    if not parsed.entries and not version:
        raise InputError(f"{origin}: not a valid RSS/Atom feed")
    entries: list[FeedEntry] = []
    for number, entry in enumerate(parsed.entries, start=1):
        link = entry.get("link") or None
        title = entry.get("title") or None
        summary = entry.get("summary") or ""
        if not summary and entry.get("content"):
            summary = " ".join(c.get("value", "") for c in entry["content"])
        published = _struct_date(entry.get("published_parsed") or entry.get("updated_parsed"))
        summary_text = _summary_text(summary)
        key = json.dumps(
            {
                "guid": entry.get("id"),
                "link": link,
                "title": title,
                "summary": summary_text,
                "published": published.isoformat() if published else None,
            },
            sort_keys=True,
            ensure_ascii=False,
        )
        entries.append(FeedEntry(number, link, title, summary_text, published, "entry\0" + key))
    return entries
