"""The ingest service against a real ledger: idempotence, clusters across runs, extraction, interruption."""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from ingest_helpers import FORMATS, STORIES

from warledger.ingest import ingest
from warledger.models import DocumentResult
from warledger.pipeline import TextInput
from warledger.store import Ledger, open_ledger


class FakeExtractor:
    """Test double: one empty result per document; can fail on chosen texts or stop after N results."""

    def __init__(self, *, fail_on: str | None = None, interrupt_after: int | None = None) -> None:
        self.seen: list[str] = []
        self.fail_on = fail_on
        self.interrupt_after = interrupt_after

    def extract_batch(self, items: Iterable[TextInput]) -> Iterator[DocumentResult]:
        for item in items:
            if self.interrupt_after is not None and len(self.seen) >= self.interrupt_after:
                raise KeyboardInterrupt
            if self.fail_on and self.fail_on in item.text:
                raise ValueError("engine crashed")
            self.seen.append(item.id)
            yield DocumentResult(id=item.id, published=item.published, title=item.title, url=item.url)


def archive_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def test_stories_cluster_and_reingest_is_a_no_op(ledger: Ledger, tmp_path: Path) -> None:
    report = ingest(ledger, [str(STORIES)], extract=False)
    assert report.errors == []
    assert (report.new_documents, report.already_known, report.clusters_joined) == (7, 0, 3)
    by_name = {Path(o.origin).stem: o for o in report.documents}
    cluster = by_name["original"].cluster_id
    assert cluster == by_name["original"].doc_id
    members = ledger.cluster_members(cluster)
    assert sorted(members) == sorted(
        by_name[n].doc_id for n in ("original", "syndicated", "rewrite", "translated")
    )
    for name in ("unrelated_kyiv", "unrelated_port", "unrelated_shelling"):
        assert ledger.cluster_of(by_name[name].doc_id) == by_name[name].doc_id
    assert by_name["translated"].joined_cluster and 0.3 < (by_name["translated"].similarity or 0) < 1
    assert all(ledger.get_document(o.doc_id) is not None for o in report.documents)  # both kept
    files = archive_files(tmp_path / "archive")
    assert len(files) == 7

    again = ingest(ledger, [str(STORIES)], extract=False)
    assert (again.new_documents, again.already_known, again.clusters_joined) == (0, 7, 0)
    assert again.errors == [] and again.ok
    assert archive_files(tmp_path / "archive") == files
    assert ledger.cluster_members(cluster) == members
    assert ledger.verify().ok


def test_clusters_work_across_separate_runs(tmp_path: Path) -> None:
    db, archive = tmp_path / "l.db", tmp_path / "archive"
    with open_ledger(db, archive_dir=archive) as led:
        first = ingest(
            led, [str(STORIES / "original.txt"), str(STORIES / "unrelated_kyiv.txt")], extract=False
        )
    with open_ledger(db, archive_dir=archive) as led:
        second = ingest(led, [str(STORIES / "translated.txt")], extract=False)
        (outcome,) = second.documents
        assert outcome.joined_cluster
        assert outcome.cluster_id == first.documents[0].doc_id
        assert led.cluster_members(outcome.cluster_id) == [first.documents[0].doc_id, outcome.doc_id]


def test_extraction_of_english_documents_only(ledger: Ledger) -> None:
    fake = FakeExtractor()
    report = ingest(ledger, [str(FORMATS / "utf8.txt"), str(FORMATS / "ukrainian.txt")], extractor=fake)
    assert report.errors == []
    assert (report.new_documents, report.non_english, report.extracted) == (2, 1, 1)
    english, ukrainian = report.documents
    assert fake.seen == [english.doc_id]
    assert english.extracted and not ukrainian.extracted
    assert ledger.get_extraction(english.doc_id) is not None
    assert ledger.get_extraction(ukrainian.doc_id) is None
    assert any("non-English (uk)" in w for w in report.warnings)
    assert ledger.pending_extraction() == []


def test_extractor_is_not_loaded_when_nothing_to_extract(
    ledger: Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    import warledger.pipeline

    def boom(*_: object, **__: object) -> None:
        raise AssertionError("the extractor must not be loaded")

    monkeypatch.setattr(warledger.pipeline, "Extractor", boom)
    report = ingest(ledger, [str(FORMATS / "ukrainian.txt")])
    assert report.errors == [] and report.extracted == 0


def test_extractor_unavailable_leaves_documents_pending(
    ledger: Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    import warledger.pipeline

    def broken(*_: object, **__: object) -> None:
        raise ImportError("no spaCy model")

    monkeypatch.setattr(warledger.pipeline, "Extractor", broken)
    report = ingest(ledger, [str(FORMATS / "utf8.txt")])
    assert report.new_documents == 1 and report.ok
    assert (
        len(report.errors) == 1 and "extraction unavailable (ImportError: no spaCy model)" in report.errors[0]
    )
    assert ledger.pending_extraction() == [report.documents[0].doc_id]


def test_one_failing_document_does_not_stop_the_others(ledger: Ledger) -> None:
    fake = FakeExtractor(fail_on="Bila Tserkva")
    report = ingest(ledger, [str(STORIES)], extractor=fake)
    failing = {
        o.doc_id for o in report.documents if "Bila Tserkva" in (ledger.get_document(o.doc_id) or "").text
    }
    assert len(failing) == 3  # original, syndicated, rewrite mention it
    assert report.extracted == 4
    assert sorted(e.split(":")[0] for e in report.errors) == sorted(failing)
    assert all("extraction failed (ValueError: engine crashed)" in e for e in report.errors)


def test_interrupted_extraction_completes_on_rerun(ledger: Ledger) -> None:
    with pytest.raises(KeyboardInterrupt):
        ingest(ledger, [str(STORIES)], extractor=FakeExtractor(interrupt_after=2))
    assert len(ledger.pending_extraction()) == 5  # all 7 stored, the 2 extracted are kept
    report = ingest(ledger, [str(STORIES)], extractor=FakeExtractor())
    assert (report.new_documents, report.already_known, report.extracted) == (0, 7, 5)
    assert ledger.pending_extraction() == []


def test_interrupted_reading_completes_on_rerun(ledger: Ledger, monkeypatch: pytest.MonkeyPatch) -> None:
    real_add = ledger.add_document
    calls = {"n": 0}

    def flaky_add(doc, **kw):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 4:
            raise KeyboardInterrupt
        return real_add(doc, **kw)

    monkeypatch.setattr(ledger, "add_document", flaky_add)
    with pytest.raises(KeyboardInterrupt):
        ingest(ledger, [str(STORIES)], extract=False)
    monkeypatch.setattr(ledger, "add_document", real_add)
    report = ingest(ledger, [str(STORIES)], extract=False)
    assert (report.new_documents, report.already_known) == (4, 3)
    members = {
        o.doc_id
        for o in report.documents
        if Path(o.origin).stem in {"original", "rewrite", "syndicated", "translated"}
    }
    cluster = {ledger.cluster_of(d) for d in members}
    assert len(cluster) == 1 and None not in cluster
    assert ledger.verify().ok


def test_missing_path_only_is_not_ok(ledger: Ledger, tmp_path: Path) -> None:
    report = ingest(ledger, [str(tmp_path / "missing")], extract=False)
    assert not report.ok and report.errors == [f"{tmp_path / 'missing'}: no such file or directory"]
    mixed = ingest(ledger, [str(tmp_path / "missing"), str(FORMATS / "utf8.txt")], extract=False)
    assert mixed.ok and mixed.new_documents == 1 and len(mixed.errors) == 1


def test_feed_ingest_archives_feed_and_pages(ledger: Ledger, site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    report = ingest(ledger, [site.url("feed.rss")], extract=False)
    assert report.errors == [] and report.new_documents == 2
    assert len(archive_files(tmp_path / "archive")) == 2  # the feed and the one page that exists
    again = ingest(ledger, [site.url("feed.rss")], extract=False)
    assert again.already_known == 2 and again.new_documents == 0


def test_progress_bar_does_not_break(ledger: Ledger) -> None:
    report = ingest(ledger, [str(FORMATS / "nested")], extractor=FakeExtractor(), progress=True)
    assert report.new_documents == 2 and report.extracted == 2


def test_real_extractor_when_available(ledger: Ledger, tmp_path: Path) -> None:
    try:
        from warledger.pipeline import Extractor

        extractor = Extractor()
    except Exception as exc:  # the NLP/geo engines are optional here
        pytest.skip(f"the real Extractor is not available: {type(exc).__name__}: {exc}")
    doc = tmp_path / "r.txt"
    shutil.copy(FORMATS / "utf8.txt", doc)
    report = ingest(ledger, [str(doc)], extractor=extractor)
    assert report.errors == [] and report.extracted == 1
    result = ledger.get_extraction(report.documents[0].doc_id)
    assert result is not None and result.id == report.documents[0].doc_id


def test_a_parser_crash_costs_only_its_input(ledger: Ledger, monkeypatch: pytest.MonkeyPatch) -> None:
    import warledger.ingest.service as service

    real = service.read_source

    def crashing(source, **kwargs):  # type: ignore[no-untyped-def]
        if source.value.endswith("utf8.txt"):
            raise RuntimeError("parser bug\nwith two lines")
        return real(source, **kwargs)

    monkeypatch.setattr(service, "read_source", crashing)
    report = ingest(ledger, [str(FORMATS / "utf8.txt"), str(FORMATS / "cp1252.txt")], extract=False)
    assert report.new_documents == 1
    assert report.errors == [f"{FORMATS / 'utf8.txt'}: cannot read (RuntimeError: parser bug with two lines)"]


KILLER = """
import os, signal, sys
from warledger.ingest import ingest
from warledger.models import DocumentResult
from warledger.store import open_ledger

class Killer:
    done = 0
    def extract_batch(self, items):
        for item in items:
            if Killer.done == 2:
                os.kill(os.getpid(), signal.SIGKILL)
            Killer.done += 1
            yield DocumentResult(id=item.id)

with open_ledger(sys.argv[1], archive_dir=sys.argv[2]) as led:
    ingest(led, [sys.argv[3]], extractor=Killer())
"""


def test_killed_process_loses_nothing_committed(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys

    db, archive = tmp_path / "k.db", tmp_path / "archive"
    proc = subprocess.run(
        [sys.executable, "-c", KILLER, str(db), str(archive), str(STORIES)], capture_output=True, timeout=120
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()[-500:]
    with open_ledger(db, archive_dir=archive) as led:
        assert len(led.documents()) == 7
        assert len(led.pending_extraction()) == 5
        assert led.verify().ok
        report = ingest(led, [str(STORIES)], extractor=FakeExtractor())
        assert (report.new_documents, report.already_known, report.extracted) == (0, 7, 5)
        assert led.pending_extraction() == [] and led.verify().ok
