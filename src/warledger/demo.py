"""The demo: ingest the bundled example reports into a fresh ledger and read it back."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from warledger.errors import InputError
from warledger.settings import Settings

if TYPE_CHECKING:
    from warledger.reconcile import ReconciledRecord
    from warledger.store import FigureRow, IncidentRow

MARKER = ".warledger-demo"


def examples_dir() -> Path:
    """The repository's ``examples/reports`` folder (present in a clone or an editable install)."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent / "examples" / "reports"
        if candidate.is_dir():
            return candidate
    raise InputError("examples/reports not found: run the demo from a clone, or pass --examples DIR")


@dataclass
class DemoResult:
    db: Path
    archive: Path
    new_documents: int
    already_known: int
    extracted: int
    clusters_joined: int
    errors: list[str] = field(default_factory=list)
    figures: list[FigureRow] = field(default_factory=list)
    incidents: list[IncidentRow] = field(default_factory=list)
    reconciled: list[ReconciledRecord] = field(default_factory=list)


def run_demo(
    folder: Path, examples: Path | None = None, *, fresh: bool = True, progress: bool = False
) -> DemoResult:
    """Ingest ``examples`` into ``folder/warledger.db`` (wiped first when ``fresh`` and it is a
    demo folder made by this function), reconcile, and return figures, incidents and reconciled
    incidents."""
    from warledger.ingest import ingest
    from warledger.reconcile import load_records, reconcile
    from warledger.store import open_ledger

    examples = examples or examples_dir()
    if not examples.is_dir():
        raise InputError(f"{examples}: not a folder")
    if folder.exists() and fresh:
        if not (folder / MARKER).exists():
            raise InputError(f"{folder} exists and is not a demo folder; choose another --dir")
        shutil.rmtree(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MARKER).write_text("made by `warledger demo`; safe to delete\n")
    db, archive = folder / "warledger.db", folder / "archive"
    with open_ledger(str(db), archive_dir=archive) as ledger:
        report = ingest(ledger, [str(examples)], settings=Settings(), progress=progress)
        figures = ledger.figures()
        incidents = ledger.incidents()
        reconcile(ledger)
        reconciled = load_records(ledger)
    return DemoResult(
        db=db,
        archive=archive,
        new_documents=report.new_documents,
        already_known=report.already_known,
        extracted=report.extracted,
        clusters_joined=report.clusters_joined,
        errors=list(report.errors),
        figures=figures,
        incidents=incidents,
        reconciled=reconciled,
    )
