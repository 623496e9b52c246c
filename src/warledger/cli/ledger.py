"""Reading the ledger: ``warledger figures``, ``incidents``, ``documents``, ``show`` and ``verify``.

The table builders (:func:`figures_table`, :func:`incidents_table`, :func:`documents_table`) are
reusable, e.g. by the demo command.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from warledger.cli.app import DbOption, app
from warledger.errors import InputError, VerificationError
from warledger.models import CATEGORIES, Document, DocumentResult, Evidence, Place, Source
from warledger.store import DocumentRow, FigureFilter, FigureRow, IncidentRow, Ledger, open_ledger

_QUALIFIER_SIGN = {"at_least": "≥", "more_than": ">", "about": "~", "up_to": "≤"}
STYLES = {
    "incident": "underline",
    "claim": "magenta",
    "place": "bold cyan",
    "figure": "bold red",
}


# -- shared helpers --------------------------------------------------------------------------
@contextmanager
def _read_ledger(db: str | None) -> Iterator[Ledger]:
    """Open an existing ledger for reading (a missing SQLite file is an error, not a new ledger)."""
    with open_ledger(db, create=False) as ledger:
        yield ledger


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{option} must be YYYY-MM-DD, got {value!r}") from None


def _filter(
    since: str | None,
    until: str | None,
    place: str | None,
    category: str | None,
    doc: str | None,
    limit: int | None,
) -> FigureFilter:
    flt = FigureFilter(
        since=_day(since, "--since"),
        until=_day(until, "--until"),
        place=place or None,
        category=category or None,
        doc_id=doc or None,
        limit=limit,
    )
    if flt.since and flt.until and flt.since > flt.until:
        raise InputError(f"--since {flt.since} is after --until {flt.until}")
    return flt


def _print_json(rows: Iterable[FigureRow | IncidentRow | DocumentRow]) -> None:
    print(json.dumps([r.as_dict() for r in rows], ensure_ascii=False, indent=2))


def format_count(low: int | None, high: int | None, qualifier: str) -> str:
    """A figure's number as a reader would write it: 12, ≥12, ~30, 10–15, ?"""
    if low is None and high is None:
        return "?"
    if qualifier == "range" or (low is not None and high is not None and low != high):
        return f"{low if low is not None else '?'}–{high if high is not None else '?'}"
    n = low if low is not None else high
    if qualifier == "vague":
        return f"{n} (vague)"
    return f"{_QUALIFIER_SIGN.get(qualifier, '')}{n}"


def _dates(start: date | None, end: date | None, text: str | None) -> str:
    if start is None:
        return f'"{text}"' if text else ""
    if end is None or end == start:
        return start.isoformat()
    return f"{start.isoformat()}–{end.isoformat()}"


def _place(name: str | None, admin1: str | None, country: str | None) -> str:
    parts = [p for p in (name, admin1 if admin1 != name else None, country) if p]
    return ", ".join(parts)


_NO_WRAP = {"#", "category", "number", "published", "language", "extracted"}


def _column(table: Table, name: str) -> None:
    """Short codes and numbers stay on one line; everything else folds (ids never get an ellipsis)."""
    if name in _NO_WRAP:
        table.add_column(name, no_wrap=True)
    else:
        table.add_column(name, overflow="fold", min_width=6)


def _row(table: Table, *cells: str) -> None:
    """Add a row of plain text (cells are never parsed as rich markup: titles may contain '[...]')."""
    table.add_row(*(Text(c) for c in cells))


def _clip(text: str, width: int = 70) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= width else one_line[: width - 1] + "…"


# -- tables ----------------------------------------------------------------------------------
def figures_table(rows: list[FigureRow], title: str | None = None) -> Table:
    """Figures as a table; ``doc#n`` is the document id and the figure's index in it."""
    table = Table(title=title or f"{len(rows)} figure(s)")
    for col in ("doc#n", "category", "number", "place", "date", "source", "evidence"):
        _column(table, col)
    for r in rows:
        number = format_count(r.low, r.high, r.qualifier)
        _row(
            table,
            f"{r.doc_id}#{r.index}",
            r.category,
            f"{number} {r.victims}" if r.victims else number,
            _place(r.place_name, r.admin1, r.country),
            _dates(r.date_start, r.date_end, r.date_text) or (f"(pub. {r.published})" if r.published else ""),
            r.speaker or "",
            _clip(r.evidence_text, 60),
        )
    return table


def incidents_table(rows: list[IncidentRow], title: str | None = None) -> Table:
    table = Table(title=title or f"{len(rows)} incident(s)")
    for col in ("doc#n", "event type / sub-event type", "actors", "place", "date", "fatalities", "evidence"):
        _column(table, col)
    for r in rows:
        actors = " vs ".join(a for a in (r.actor1, r.actor2) if a)
        fat = r.fatalities_best if r.fatalities_best is not None else r.fatalities_low
        fatalities = "" if fat is None else str(fat)
        if r.fatalities_high is not None and r.fatalities_high != fat:
            fatalities += f" (up to {r.fatalities_high})"
        _row(
            table,
            f"{r.doc_id}#{r.index}",
            f"{r.event_type} / {r.sub_event_type}",
            actors,
            _place(r.place_name, r.admin1, r.country),
            _dates(r.date_start, r.date_end, r.date_text) or (f"(pub. {r.published})" if r.published else ""),
            fatalities,
            _clip(r.evidence_text, 60),
        )
    return table


def documents_table(rows: list[DocumentRow]) -> Table:
    table = Table(title=f"{len(rows)} document(s)")
    for col in ("id", "title", "published", "language", "cluster", "extracted", "origin"):
        _column(table, col)
    for r in rows:
        extracted = "yes" if r.extracted else ("no (not English)" if not r.is_english else "pending")
        _row(
            table,
            r.doc_id,
            _clip(r.title or "", 50),
            r.published.isoformat() if r.published else "",
            r.language or "",
            r.cluster_id or "",
            extracted,
            r.origin,
        )
    return table


# -- commands --------------------------------------------------------------------------------
SinceOpt = typer.Option(None, "--since", help="Only events on or after this day (YYYY-MM-DD).")
UntilOpt = typer.Option(None, "--until", help="Only events on or before this day (YYYY-MM-DD).")
PlaceOpt = typer.Option(
    None, "--place", help="Case-insensitive part of the place, province or district name."
)
DocOpt = typer.Option(None, "--doc", help="Only this document id.")
LimitOpt = typer.Option(None, "--limit", min=0, help="At most this many rows.")
JsonOpt = typer.Option(False, "--json", help="Print JSON instead of a table.")


@app.command()
def figures(
    db: str | None = DbOption,
    since: str | None = SinceOpt,
    until: str | None = UntilOpt,
    place: str | None = PlaceOpt,
    category: str | None = typer.Option(None, "--category", help=f"One of: {', '.join(CATEGORIES)}."),
    doc: str | None = DocOpt,
    limit: int | None = LimitOpt,
    as_json: bool = JsonOpt,
) -> None:
    """List the casualty and other figures in the ledger, with their place, date and source.

    Dates filter on the event date, or the publication date when a figure has none.

    Example: warledger figures --db demo.db --category killed
    """
    if category and category.strip().lower() not in CATEGORIES:
        raise InputError(f"unknown category {category!r} (one of: {', '.join(CATEGORIES)})")
    flt = _filter(since, until, place, category, doc, limit)
    with _read_ledger(db) as ledger:
        rows = ledger.figures(flt)
    if as_json:
        _print_json(rows)
    else:
        Console().print(figures_table(rows))


@app.command()
def incidents(
    db: str | None = DbOption,
    since: str | None = SinceOpt,
    until: str | None = UntilOpt,
    place: str | None = PlaceOpt,
    category: str | None = typer.Option(
        None, "--category", help="Case-insensitive part of the event or sub-event type (e.g. shelling)."
    ),
    doc: str | None = DocOpt,
    limit: int | None = LimitOpt,
    as_json: bool = JsonOpt,
) -> None:
    """List the incidents in the ledger: ACLED-style type, actors, place, date and fatalities.

    Example: warledger incidents --db demo.db --category explosions --limit 20
    """
    flt = _filter(since, until, place, category, doc, limit)
    with _read_ledger(db) as ledger:
        rows = ledger.incidents(flt)
    if as_json:
        _print_json(rows)
    else:
        Console().print(incidents_table(rows))


@app.command()
def documents(
    db: str | None = DbOption,
    limit: int | None = LimitOpt,
    as_json: bool = JsonOpt,
) -> None:
    """List the stored documents: id, title, publication date, language and story cluster.

    Example: warledger documents --db demo.db
    """
    with _read_ledger(db) as ledger:
        rows = ledger.document_rows(limit=limit)
    if as_json:
        _print_json(rows)
    else:
        Console().print(documents_table(rows))


@app.command()
def show(
    doc_ref: str = typer.Argument(
        ..., metavar="DOC_ID", help="A document id, a unique id prefix, or its origin path."
    ),
    db: str | None = DbOption,
) -> None:
    """Print a document with every extracted span highlighted, then its figures, places, incidents
    and claims with their character spans.  DOC_ID may also be a unique id prefix or the file's
    origin path (or its end, e.g. the file name).

    Example: warledger show donetsk-shelling-2022-04-07.txt --db demo.db
    """
    with _read_ledger(db) as ledger:
        ids = ledger.find_documents(doc_ref)
        if not ids:
            raise InputError(f"no document {doc_ref!r} in the ledger (see: warledger documents)")
        if len(ids) > 1:
            raise InputError(
                f"{doc_ref!r} names {len(ids)} documents ({', '.join(ids[:5])}…): give a full id"
            )
        doc = ledger.get_document(ids[0])
        if doc is None:  # deleted between the two reads
            raise InputError(f"no document {doc_ref!r} in the ledger")
        result = ledger.get_extraction(doc.id)
        cluster = ledger.cluster_of(doc.id)
    print_document(Console(), doc, result, cluster)


@app.command()
def verify(db: str | None = DbOption) -> None:
    """Check the hash-chained audit log and re-hash every archived original; exit 1 on any problem.

    Example: warledger verify --db demo.db
    """
    with _read_ledger(db) as ledger:
        report = ledger.verify()
        where = ledger.display_url
    console = Console()
    if not report.ok:
        for problem in report.problems:
            console.print(Text(f"FAIL {problem}", style="red"), soft_wrap=True)
        raise VerificationError(
            f"{where}: verification failed with {len(report.problems)} problem(s); "
            f"first: {report.problems[0]}"
        )
    console.print(
        Text(
            f"OK {where}: audit chain of {report.audit_rows} entries intact; "
            f"{report.archive_files} archived file(s) match their hashes and sizes",
            style="green",
        ),
        soft_wrap=True,
    )
    if report.unrecorded:
        console.print(
            f"note: {len(report.unrecorded)} archived file(s) have no metadata row "
            "(left by an interrupted run; re-ingesting records them)"
        )


# -- show ------------------------------------------------------------------------------------
def _valid(ev_start: int | None, ev_end: int | None, length: int) -> bool:
    return ev_start is not None and ev_end is not None and 0 <= ev_start < ev_end <= length


def highlighted_text(doc: Document, result: DocumentResult | None) -> Text:
    """The document text with extraction spans styled (a rich Text: the text is never parsed as markup)."""
    text = Text(doc.text)
    if result is None:
        return text
    n = len(doc.text)
    spans: list[tuple[int | None, int | None, str]] = []
    spans += [(i.evidence.start, i.evidence.end, STYLES["incident"]) for i in result.incidents]
    spans += [(c.evidence.start, c.evidence.end, STYLES["claim"]) for c in result.claims]
    spans += [(p.start, p.end, STYLES["place"]) for p in result.places]
    spans += [(f.evidence.start, f.evidence.end, STYLES["figure"]) for f in result.figures]
    for start, end, style in spans:
        if _valid(start, end, n):
            text.stylize(style, start, end)
    return text


def _span(ev: Evidence | Place) -> str:
    return f"[{ev.start}:{ev.end}]" if ev.start is not None else "[no span]"


def _who(s: Source | None) -> str:
    if s is None:
        return ""
    return s.name or s.text


def _line(*parts: tuple[str, str] | str) -> Text:
    return Text.assemble(*parts)


def print_document(
    console: Console, doc: Document, result: DocumentResult | None, cluster: str | None
) -> None:
    console.rule(Text(doc.title or doc.id, style="bold"))
    meta = [
        f"id: {doc.id}",
        f"published: {doc.published or 'unknown'}",
        f"language: {doc.language or '?'}",
        f"cluster: {cluster or '-'}",
    ]
    console.print(Text("  ".join(meta), style="dim"))
    console.print(Text(f"origin: {doc.origin}   sha256: {doc.sha256}", style="dim"))
    if doc.url:
        console.print(Text(f"url: {doc.url}", style="dim"))
    for note in doc.notes:
        console.print(Text(f"note: {note}", style="yellow"))
    console.print(
        Text.assemble(
            "legend: ",
            ("figure", STYLES["figure"]),
            " ",
            ("place", STYLES["place"]),
            " ",
            ("claim", STYLES["claim"]),
            " ",
            ("incident", STYLES["incident"]),
        )
    )
    console.print()
    console.print(highlighted_text(doc, result))
    console.print()
    if result is None:
        reason = "not English" if not doc.is_english else "not extracted yet (re-run ingest to finish)"
        console.print(Text(f"no extraction: {reason}", style="yellow"))
        return
    _print_sections(console, result)


def _print_sections(console: Console, result: DocumentResult) -> None:
    console.print(Text(f"Figures ({len(result.figures)})", style="bold"))
    for i, f in enumerate(result.figures):
        where = (
            _place(f.location.name or f.location.text, f.location.admin1, f.location.country)
            if f.location
            else ""
        )
        when = _dates(f.date.start, f.date.end, f.date.text) if f.date else ""
        details = ", ".join(x for x in (where, when, _who(f.source) and f"said {_who(f.source)}") if x)
        console.print(
            _line(
                f"  {i}. ",
                (f"{f.category} {format_count(f.low, f.high, f.qualifier)}", STYLES["figure"]),
                f" {f.victims or ''}".rstrip(),
                f" {_span(f.evidence)} ",
                f'"{_clip(f.evidence.text)}"',
                f"  ({details})" if details else "",
                f"  conf {f.confidence:.2f}",
            )
        )
    console.print(Text(f"Places ({len(result.places)})", style="bold"))
    for i, p in enumerate(result.places):
        resolved = _place(p.name, p.admin1, p.country) or "unresolved"
        coords = f" {p.lat:.4f},{p.lon:.4f}" if p.lat is not None and p.lon is not None else ""
        kind = " (nationality)" if p.kind == "demonym" else ""
        console.print(_line(f"  {i}. ", (p.text, STYLES["place"]), f" {_span(p)} → {resolved}{coords}{kind}"))
    console.print(Text(f"Incidents ({len(result.incidents)})", style="bold"))
    for i, inc in enumerate(result.incidents):
        where = (
            _place(inc.location.name or inc.location.text, inc.location.admin1, inc.location.country)
            if inc.location
            else ""
        )
        when = _dates(inc.date.start, inc.date.end, inc.date.text) if inc.date else ""
        fat = inc.fatalities.best if inc.fatalities.best is not None else inc.fatalities.low
        details = ", ".join(
            x
            for x in (
                where,
                when,
                f"fatalities {fat}" if fat is not None else "",
                f"figures {inc.figures}" if inc.figures else "",
            )
            if x
        )
        console.print(
            _line(
                f"  {i}. ",
                (f"{inc.event_type} / {inc.sub_event_type}", "bold"),
                f" {_span(inc.evidence)} ",
                f'"{_clip(inc.evidence.text)}"',
                f"  ({details})" if details else "",
            )
        )
    console.print(Text(f"Claims ({len(result.claims)})", style="bold"))
    for i, c in enumerate(result.claims):
        console.print(
            _line(
                f"  {i}. ",
                (_who(c.speaker), STYLES["claim"]),
                f" {c.stance}: {c.about} ",
                f"{_span(c.evidence)} ",
                f'"{_clip(c.evidence.text)}"',
            )
        )
