"""Readers: every format, folders, URLs and feeds from a local server, and every bad input."""

from __future__ import annotations

import hashlib
import os
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from ingest_helpers import FORMATS, Site, unused_url

from warledger.errors import InputError
from warledger.ingest import read_inputs
from warledger.models import Document
from warledger.settings import Settings


class Recorder:
    """An archiver that remembers what it was handed, in order."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, str]] = []

    def __call__(self, data: bytes, *, origin: str, media_type: str, retrieved_at: datetime) -> str:
        sha = hashlib.sha256(data).hexdigest()
        self.calls.append((origin, media_type, sha))
        return sha


def read(*inputs: str | Path, settings: Settings | None = None) -> tuple[list[Document], list[str], Recorder]:
    rec = Recorder()
    docs: list[Document] = []
    errors: list[str] = []
    for item in read_inputs([str(i) for i in inputs], settings=settings or Settings(), archive=rec):
        if isinstance(item, InputError):
            errors.append(str(item))
        else:
            docs.append(item)
    return docs, errors, rec


def test_txt_utf8_title_and_date_line() -> None:
    path = FORMATS / "utf8.txt"
    (doc,), errors, rec = read(path)
    assert errors == []
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    assert rec.calls == [(str(path), "text/plain", sha)]
    assert doc.id == sha[:16] and doc.sha256 == sha
    assert doc.title == "Drone strike hits fuel depot near Kremenchuk"
    assert doc.published == date(2022, 5, 14)
    assert doc.is_english and doc.language == "en"
    assert doc.media_type == "text/plain"


def test_txt_cp1252_and_mojibake_notes() -> None:
    docs, errors, _ = read(FORMATS / "cp1252.txt", FORMATS / "mojibake.txt")
    assert errors == []
    cp, moj = docs
    assert "decoded as cp1252 (detected)" in cp.notes
    assert cp.published == date(2022, 4, 8)
    assert "mojibake repaired" in moj.notes
    assert moj.title == "Mayor’s office reports damage in Mykolaiv"


def test_html_main_text_title_and_metadata_date() -> None:
    (doc,), errors, _ = read(FORMATS / "page.html")
    assert errors == []
    assert doc.title == "Rockets hit Lviv rail yard"
    assert doc.published == date(2022, 4, 18)
    assert "killing seven people and wounding eleven" in doc.text
    assert "Sport" not in doc.text  # navigation is not main text
    assert doc.media_type == "text/html"


def test_html_copyright_year_is_not_a_publication_date() -> None:
    (doc,), errors, _ = read(FORMATS / "nodate.html")
    assert errors == []
    assert doc.published is None
    assert doc.title == "Power restored in Sumy"


def test_jsonl_broken_line_reported_with_file_and_line_and_rest_read() -> None:
    path = FORMATS / "records.jsonl"
    docs, errors, rec = read(path)
    assert len(rec.calls) == 1  # the container is archived once
    assert [d.origin for d in docs] == [f"{path}:1", f"{path}:3", f"{path}:5"]
    assert errors[0].startswith(f"{path}:2: broken JSON line")
    assert errors[1] == f"{path}:6: not a JSON object"
    assert errors[2].startswith(f"{path}:7: no 'text'")
    assert all("\n" not in e for e in errors)
    first, third, _ = docs
    assert first.title == "Hospital damaged in Okhtyrka" and first.url == "https://example.org/r1"
    assert first.published == date(2022, 3, 10)
    assert third.published == date(2022, 4, 5)
    assert "record id: r-1" in first.notes and "record id: 3" in third.notes
    sha = rec.calls[0][2]
    assert {d.sha256 for d in docs} == {sha}
    assert len({d.id for d in docs}) == 3 and all(len(d.id) == 16 for d in docs)


def test_record_ids_are_stable_and_collision_safe(tmp_path: Path) -> None:
    a = tmp_path / "a.jsonl"
    b = tmp_path / "b.jsonl"
    same = "Shelling hit Kharkiv."
    a.write_text(f'{{"id": "1", "text": "{same}"}}\n{{"id": "2", "text": "{same}"}}\n')
    b.write_text('{"id": "1", "text": "A bridge collapsed in Irpin."}\n')
    docs_a, _, _ = read(a)
    docs_b, _, _ = read(b)
    assert len({d.id for d in docs_a + docs_b}) == 3  # same text, other id; same id, other text
    # the file grows: the records already seen keep their ids
    a.write_text(a.read_text() + '{"id": "3", "text": "Trains resumed to Sumy."}\n')
    docs_a2, _, _ = read(a)
    assert [d.id for d in docs_a2[:2]] == [d.id for d in docs_a]


def test_json_array_and_single_object(tmp_path: Path) -> None:
    path = FORMATS / "array.json"
    docs, errors, _ = read(path)
    assert errors == []
    assert [d.origin for d in docs] == [f"{path}:1", f"{path}:2"]
    assert docs[0].published == date(2022, 5, 2)
    assert docs[1].title == "Search in Dnipro rubble"
    single = tmp_path / "one.json"
    single.write_text('{"text": "Air defence shot down two drones.", "published": "2022-10-17T06:00:00Z"}')
    (doc,), errors, _ = read(single)
    assert errors == [] and doc.origin == str(single) and doc.published == date(2022, 10, 17)


def test_non_english_is_flagged_not_refused() -> None:
    (doc,), errors, _ = read(FORMATS / "ukrainian.txt")
    assert errors == []
    assert doc.is_english is False and doc.language == "uk"
    assert any("non-English (uk)" in n for n in doc.notes)


def test_folder_is_recursive_sorted_and_skips_hidden() -> None:
    docs, errors, _ = read(FORMATS / "nested")
    assert errors == []
    assert [Path(d.origin).name for d in docs] == ["a.txt", "b.txt"]


def test_folder_reports_unsupported_files(tmp_path: Path) -> None:
    (tmp_path / "pic.png").write_bytes(b"\x89PNG\r\n")
    (tmp_path / "note.txt").write_text("Trains to Kharkiv were cancelled.")
    docs, errors, _ = read(tmp_path)
    assert len(docs) == 1
    assert errors == [f"{tmp_path / 'pic.png'}: skipped (unsupported file type .png)"]


def test_rss_feed_file_fetches_linked_pages_and_falls_back_to_summary(site: Site) -> None:
    feed = site.root / "feed.rss"
    docs, errors, rec = read(feed)
    assert errors == []
    lviv, ferry = docs
    page_sha = hashlib.sha256((site.root / "story-lviv.html").read_bytes()).hexdigest()
    assert [c[0] for c in rec.calls] == [str(feed), site.url("story-lviv.html")]
    assert lviv.origin == f"{feed}#entry-1"
    assert lviv.sha256 == page_sha and lviv.id == page_sha[:16]
    assert lviv.url == site.url("story-lviv.html")
    assert "killing seven people" in lviv.text
    assert lviv.published == date(2022, 4, 18)
    feed_sha = rec.calls[0][2]
    assert ferry.origin == f"{feed}#entry-2" and ferry.sha256 == feed_sha
    assert ferry.text.startswith("A ferry across the Dnipro resumed service")
    assert "<p>" not in ferry.text
    assert ferry.published == date(2022, 4, 19)
    assert any("linked page not used" in n and "404" in n for n in ferry.notes)
    assert ferry.media_type == "application/rss+xml"


def test_atom_feed_url(site: Site) -> None:
    docs, errors, rec = read(site.url("feed.atom"), settings=replace(Settings(), timeout=3))
    assert errors == []
    sumy, grain = docs
    assert sumy.origin == site.url("feed.atom") + "#entry-1"
    assert sumy.published == date(2022, 4, 20)  # the entry's date, not the page's copyright year
    assert "Water pumping stations" in sumy.text
    assert grain.text.startswith("Inspectors visited a grain terminal")
    assert grain.published == date(2022, 4, 21)
    assert rec.calls[0][1] == "application/atom+xml"


def test_plain_url(site: Site) -> None:
    (doc,), errors, _ = read(site.url("plain.txt"))
    assert errors == []
    assert doc.origin == site.url("plain.txt") and doc.url == site.url("plain.txt")
    assert doc.title == "Drone strike hits fuel depot near Kremenchuk"


def test_same_bytes_same_id_from_file_and_url(site: Site) -> None:
    (from_url,), _, _ = read(site.url("story-lviv.html"))
    (from_file,), _, _ = read(FORMATS / "page.html")
    assert from_url.id == from_file.id


# -- bad input: one line each, reading goes on -------------------------------------------------


def one_error(*inputs: str | Path, settings: Settings | None = None) -> str:
    docs, errors, _ = read(*inputs, settings=settings)
    assert docs == []
    assert len(errors) == 1, errors
    assert "\n" not in errors[0] and "Traceback" not in errors[0]
    return errors[0]


def test_missing_path(tmp_path: Path) -> None:
    assert one_error(tmp_path / "nope.txt") == f"{tmp_path / 'nope.txt'}: no such file or directory"


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "e.txt").write_text("\n  \n")
    assert one_error(tmp_path / "e.txt") == f"{tmp_path / 'e.txt'}: empty"


def test_binary_file(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_bytes(b"PK\x03\x04\x00\x00binary\x00data")
    assert "binary file" in one_error(tmp_path / "b.txt")


def test_oversize_file(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text("Shelling. " * 200)
    message = one_error(tmp_path / "big.txt", settings=replace(Settings(), max_bytes=1000))
    assert "too large (2000 bytes > limit 1000" in message


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("Shelling.")
    path.chmod(0)
    assert "cannot read (permission denied)" in one_error(path)


def test_unreadable_file_via_monkeypatch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("Shelling.")

    def deny(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", deny)
    assert one_error(path) == f"{path}: cannot read (permission denied)"


def test_unreachable_url() -> None:
    url = unused_url()
    message = one_error(url, settings=replace(Settings(), timeout=2))
    assert message.startswith(f"{url}: unreachable (")


def test_http_error(site: Site) -> None:
    url = site.url("gone.html")
    assert one_error(url) == f"{url}: unreachable (HTTP 404 File not found)"


def test_oversize_download(site: Site) -> None:
    (site.root / "big.txt").write_text("Shelling. " * 500)
    message = one_error(site.url("big.txt"), settings=replace(Settings(), max_bytes=1000))
    assert "too large" in message


def test_invalid_json_and_feed(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text('{"text": "x",')
    assert one_error(tmp_path / "bad.json").startswith(f"{tmp_path / 'bad.json'}: invalid JSON")
    (tmp_path / "bad.rss").write_text("this is not a feed at all")
    assert one_error(tmp_path / "bad.rss") == f"{tmp_path / 'bad.rss'}: not a valid RSS/Atom feed"


def test_errors_do_not_stop_other_inputs(tmp_path: Path) -> None:
    docs, errors, _ = read(tmp_path / "missing.txt", FORMATS / "utf8.txt")
    assert len(docs) == 1 and len(errors) == 1
