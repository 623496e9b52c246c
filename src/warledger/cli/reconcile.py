"""Incidents across reports: ``warledger reconcile``, ``reconciled``, ``why``, ``merge``, ``split``."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table

from warledger.cli.app import DbOption, app
from warledger.errors import InputError
from warledger.reconcile.types import Estimate, ReconciledRecord, ReconcileReport

AnalystOption = typer.Option(..., "--analyst", help="Who decides (recorded as the actor in the audit log).")
ReasonOption = typer.Option(None, "--reason", help="Why (recorded in the audit log).")


def _console() -> Console:
    return Console(highlight=False, soft_wrap=True)


def _summary(report: ReconcileReport) -> str:
    return (
        f"{report.incidents} incident(s) from {report.members} extracted incident(s) "
        f"({report.merged_members} merged), {report.aggregates} aggregate toll(s) "
        f"({report.inconsistent_aggregates} inconsistent), {report.disputed} disputed, "
        f"{report.overrides_applied} analyst override(s) applied"
    )


def _num(v: int | None) -> str:
    return "–" if v is None else str(v)


def _place(rec: ReconciledRecord) -> str:
    p = rec.place
    if p is None:
        return "–"
    parts = [p.name or p.text, p.admin1, p.country]
    return ", ".join(x for x in parts if x)


def _when(rec: ReconciledRecord) -> str:
    o = rec.occurred
    if o.start is None:
        return f"(reported {rec.reported.start})" if rec.reported.start else "–"
    return str(o.start) if o.start == o.end else f"{o.start}–{o.end}"


def _killed(rec: ReconciledRecord) -> str:
    e = rec.estimate("killed")
    if e is None or e.best is None:
        return ""
    return f"{_num(e.low)}/{e.best}/{_num(e.high)}"


def reconciled_table(records: list[ReconciledRecord], title: str | None = None) -> Table:
    """The reconciled incidents and aggregate tolls as a rich table."""
    table = Table(title=title or f"{len(records)} reconciled record(s)")
    for col in ("id", "type", "place", "occurred", "killed l/b/h", "docs", "sources", "flags"):
        table.add_column(col, overflow="fold")
    for r in records:
        flags = []
        if r.disputed:
            flags.append("disputed")
        if r.kind == "aggregate":
            flags.append(r.consistency or "aggregate")
        if r.aggregates:
            flags.append(f"in {len(r.aggregates)} aggregate(s)")
        table.add_row(
            r.id,
            r.sub_event_type,
            _place(r),
            _when(r),
            _killed(r) if r.kind == "incident" else str(r.casualties[0].best if r.casualties else ""),
            str(len(r.documents)),
            str(r.source_groups),
            "; ".join(flags),
        )
    return table


@app.command("reconcile")
def reconcile_cmd(db: str | None = DbOption) -> None:
    """Reconcile incidents across reports: merge the reports of one event into one incident, derive
    low/best/high tolls with their rules, mark disputes, link aggregate tolls.  Ids are stable
    across runs; analysts' merges and splits are replayed.

    Example: warledger reconcile --db demo.db
    """
    from warledger.reconcile import reconcile
    from warledger.store import open_ledger

    with open_ledger(db, create=False) as ledger:
        report = reconcile(ledger)
    print(_summary(report))
    for message in report.messages:
        print(f"note: {message}")


@app.command("reconciled")
def reconciled_cmd(
    db: str | None = DbOption,
    place: str | None = typer.Option(None, "--place", help="Place name, admin1 or admin2 contains this."),
    type_: str | None = typer.Option(None, "--type", help="Event or sub-event type contains this."),
    as_json: bool = typer.Option(False, "--json", help="Print the records as JSON."),
) -> None:
    """List the reconciled incidents and aggregate tolls (reconciling first when the ledger changed).

    Example: warledger reconciled --db demo.db
    """
    from warledger.reconcile import RecordFilter, ensure_reconciled, load_records
    from warledger.store import open_ledger

    with open_ledger(db, create=False) as ledger:
        ensure_reconciled(ledger)
        records = load_records(ledger, RecordFilter(place=place, type=type_))
    if as_json:
        print("[" + ",\n".join(r.model_dump_json() for r in records) + "]")
        return
    _console().print(reconciled_table(records))


def _estimate_lines(e: Estimate) -> list[str]:
    lines = [
        f"  {e.category}: low {_num(e.low)} · best {_num(e.best)} · high {_num(e.high)} "
        f"· ACLED {_num(e.acled)}  ({e.independent_sources} independent source(s))"
    ]
    for name in ("best", "low", "high", "acled", "revisions"):
        if name in e.rules:
            lines.append(f"      {name}: {e.rules[name]}")
    for c in e.figures:
        value = c.low if c.low is not None else c.high
        status = []
        if c.copy_of:
            status.append(f"copy of {c.copy_of} (same story: not corroboration)")
        if c.superseded_by:
            status.append(f"superseded by {c.superseded_by}")
        if c.revision:
            status.append("worded as a revision")
        extra = f"  [{'; '.join(status)}]" if status else ""
        lines.append(
            f"      - {c.ref}: {value} ({c.qualifier}) {c.victims or ''} — {c.speaker or 'the outlet'}, "
            f'reported {c.reported or "?"}: "{c.evidence.text}"{extra}'
        )
    return lines


def explain(rec: ReconciledRecord, overrides: list[str]) -> str:
    """The human-readable explanation ``warledger why`` prints."""
    out = [f"{rec.id}  {rec.event_type} / {rec.sub_event_type}" + ("  [DISPUTED]" if rec.disputed else "")]
    p = rec.place
    if p is not None:
        coords = f"; {p.lat:.4f}, {p.lon:.4f}" if p.lat is not None and p.lon is not None else ""
        out.append(f"  place: {_place(rec)} (precision {p.precision}{coords})")
    if rec.actor1 or rec.actor2:
        out.append(f"  actors: {rec.actor1 or '?'}" + (f" vs {rec.actor2}" if rec.actor2 else ""))
    disc = rec.discovered
    out.append(
        f"  occurred: {_when(rec)} ({rec.occurred.precision or 'from report dates'}) · discovered: "
        + (f"{disc.start}–{disc.end}" if disc else "–")
        + f" · reported: {rec.reported.start or '?'} – {rec.reported.end or '?'}"
    )
    out.append(
        f"  sources: {len(rec.documents)} document(s) in {rec.source_groups} independent story cluster(s)"
    )
    if rec.kind == "incident":
        out.append("Members and why they are here:")
        for ev in rec.merges:
            if ev.reason == "founder":
                line = f"  {ev.member}  founded the incident"
            else:
                how = "joined" if ev.reason == "similar" else "merged by an analyst"
                line = f"  {ev.member}  {how}: matched {ev.matched}, score {ev.score:.2f}"
            out.append(line)
            for f in ev.fields:
                out.append(
                    f"      {f.field}: {'agrees' if f.agreed else 'differs'} ({f.score:+.2f}) — {f.detail}"
                )
            if ev.same_story_as:
                out.append(f"      same story cluster as {ev.same_story_as}: a copy, counted as one source")
    if rec.casualties:
        out.append("Casualties (every figure is a claim; rules below):")
        for e in rec.casualties:
            out.extend(_estimate_lines(e))
    if rec.disputes:
        out.append("Disputes:")
        for d in rec.disputes:
            out.append(f"  {d.kind}: {d.summary}")
            out.extend(f"      - {s}" for s in d.sides)
    if rec.kind == "aggregate":
        out.append(f"Aggregate toll: {rec.consistency}")
        out.extend(f"  - {link.incident_id}: best {link.best}" for link in rec.linked)
    if rec.aggregates:
        out.append("Covered by aggregate tolls (linked, not added): " + ", ".join(rec.aggregates))
    if overrides:
        out.append("Analyst overrides (audit log):")
        out.extend(f"  {line}" for line in overrides)
    return "\n".join(out)


@app.command()
def why(
    ref: str = typer.Argument(
        ..., metavar="INCIDENT", help="Incident id (or prefix), DOC#N, or a document id."
    ),
    db: str | None = DbOption,
    as_json: bool = typer.Option(False, "--json", help="Print the record as JSON."),
) -> None:
    """Explain a reconciled incident: which reports were merged and why (fields and scores), every
    figure with its speaker and report date, the low/best/high rules, disputes and overrides.

    Example: warledger why 25361755ecb5103f --db demo.db
    """
    from warledger.reconcile import ensure_reconciled, resolve
    from warledger.store import open_ledger

    with open_ledger(db, create=False) as ledger:
        ensure_reconciled(ledger)
        rec = resolve(ledger, ref, kind=None)
        members = set(rec.members)
        lines = [
            f"{o.at}  {o.kind} by {o.analyst}: {', '.join(o.members_a)} | {', '.join(o.members_b)}"
            + (f" — {o.reason}" if o.reason else "")
            for o in ledger.overrides()
            if members & (set(o.members_a) | set(o.members_b))
        ]
    if as_json:
        print(rec.model_dump_json(indent=2))
        return
    _console().print(explain(rec, lines), markup=False)


@app.command()
def merge(
    a: str = typer.Argument(..., metavar="A", help="Incident id, DOC#N or document id."),
    b: str = typer.Argument(..., metavar="B", help="Incident id, DOC#N or document id."),
    analyst: str = AnalystOption,
    reason: str | None = ReasonOption,
    db: str | None = DbOption,
) -> None:
    """Merge two incidents (an analyst's decision: audited, and replayed by every reconcile).

    Example: warledger merge 25361755ecb5103f 325e90bb89e78274 --analyst "A. Analyst" --db demo.db
    """
    from warledger.reconcile import merge as do_merge
    from warledger.store import open_ledger

    if not analyst.strip():
        raise InputError("--analyst must name who decides")
    with open_ledger(db, create=False) as ledger:
        merged = do_merge(ledger, a, b, analyst=analyst.strip(), reason=reason)
    print("already one incident; nothing to merge" if merged is None else f"merged into {merged}")


@app.command()
def split(
    incident: str = typer.Argument(..., metavar="INCIDENT", help="Incident id, DOC#N or document id."),
    member: str = typer.Argument(..., metavar="MEMBER", help="Member DOC#N, or a document id: its members."),
    analyst: str = AnalystOption,
    reason: str | None = ReasonOption,
    db: str | None = DbOption,
) -> None:
    """Split members out of an incident into their own (an analyst's decision: audited, replayed).

    Example: warledger split 25361755ecb5103f 325e90bb89e78274 --analyst "A. Analyst" --db demo.db
    """
    from warledger.reconcile import split as do_split
    from warledger.store import open_ledger

    if not analyst.strip():
        raise InputError("--analyst must name who decides")
    with open_ledger(db, create=False) as ledger:
        kept, new = do_split(ledger, incident, member, analyst=analyst.strip(), reason=reason)
    print(f"split: {kept} keeps the other members; {new} holds {member}")
