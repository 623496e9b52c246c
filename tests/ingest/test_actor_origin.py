"""Who an ingest is attributed to, and which origin its documents record: the library's ``actor`` /
``origins`` parameters, the CLI's ``cli:USER`` and (in tests/web) the browser's analyst."""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

from ingest_helpers import FORMATS, STORIES
from typer.testing import CliRunner

from warledger.cli.app import app
from warledger.cli.ingest import cli_actor
from warledger.ingest import ingest
from warledger.models import DocumentResult
from warledger.pipeline import TextInput
from warledger.store import Ledger, open_ledger

PER_DOCUMENT = {"archive", "archive-sighting", "ingest", "cluster", "extract", "ingest-run"}


class EmptyExtractor:
    def extract_batch(self, items: Iterable[TextInput]) -> Iterator[DocumentResult]:
        for item in items:
            yield DocumentResult(id=item.id, published=item.published, title=item.title, url=item.url)


def actors(ledger: Ledger) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for e in ledger.audit_entries():
        if e.action in PER_DOCUMENT:
            out.setdefault(e.action, set()).add(e.actor)
    return out


def test_default_actor_is_system_and_origin_the_path(ledger: Ledger) -> None:
    path = str(FORMATS / "utf8.txt")
    report = ingest(ledger, [path], extractor=EmptyExtractor())
    assert [d.origin for d in report.documents] == [path]
    found = actors(ledger)
    assert {"archive", "ingest", "cluster", "extract", "ingest-run"} <= set(found)
    assert set().union(*found.values()) == {"system"}


def test_actor_and_origin_label(ledger: Ledger, tmp_path: Path) -> None:
    tmp = tmp_path / "tmp-upload-xyz"
    tmp.mkdir()
    upload = tmp / "report_1_.txt"
    shutil.copy(FORMATS / "utf8.txt", upload)
    report = ingest(
        ledger,
        [str(upload)],
        extractor=EmptyExtractor(),
        actor="ann",
        origins={str(upload): "upload:report (1).txt"},
    )
    assert not report.errors
    (doc,) = report.documents
    assert doc.origin == "upload:report (1).txt"
    stored = ledger.get_document(doc.doc_id)
    assert stored is not None and stored.origin == "upload:report (1).txt"
    assert ledger.sightings(stored.sha256)[0][0] == "upload:report (1).txt"
    found = actors(ledger)
    assert {"archive", "ingest", "cluster", "extract", "ingest-run"} <= set(found)
    assert set().union(*found.values()) == {"ann"}
    assert all(str(tmp) not in e.payload and str(tmp) not in e.subject for e in ledger.audit_entries())
    assert ledger.verify().ok


def test_folder_label_and_errors_use_the_label(ledger: Ledger, tmp_path: Path) -> None:
    folder = tmp_path / "secret-tmp"
    shutil.copytree(STORIES, folder)
    (folder / "empty.txt").write_text("   ", encoding="utf-8")
    report = ingest(ledger, [str(folder)], extract=False, actor="ann", origins={str(folder): "upload:batch"})
    assert report.documents and all(d.origin.startswith("upload:batch/") for d in report.documents)
    assert any(e.startswith("upload:batch/empty.txt: empty") for e in report.errors)
    assert not any(str(folder) in e for e in report.errors)


def test_cli_names_the_os_user(tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    result = CliRunner().invoke(app, ["ingest", str(FORMATS / "utf8.txt"), "--db", str(db), "--no-extract"])
    assert result.exit_code == 0, result.output
    with open_ledger(str(db)) as ledger:
        found = actors(ledger)
    assert set().union(*found.values()) == {cli_actor()}
    assert cli_actor().startswith("cli")
