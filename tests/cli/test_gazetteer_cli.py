"""``warledger gazetteer import|info|lookup``."""

from __future__ import annotations

import os
import shlex
import sqlite3
import zipfile
from pathlib import Path

import pytest

from warledger.cli import main
from warledger.geo import load_geoparser, reset_geoparsers

ROWS = [
    # geonameid name ascii alternates lat lon class code cc cc2 a1 a2 a3 a4 pop elev dem tz date
    (
        "99000001",
        "Zzyxopol",
        "Zzyxopol",
        "Zzyksopol,Зизополь",
        "48.5",
        "35.1",
        "P",
        "PPL",
        "UA",
        "",
        "04",
        "",
        "",
        "",
        "1200",
        "",
        "100",
        "Europe/Kyiv",
        "2024-01-01",
    ),
    (
        "99000002",
        "Qorvinka",
        "Qorvinka",
        "Korvinka",
        "48.6",
        "35.2",
        "P",
        "PPL",
        "UA",
        "",
        "04",
        "",
        "",
        "",
        "0",
        "",
        "100",
        "Europe/Kyiv",
        "2024-01-01",
    ),
    (
        "99000003",
        "Some Hill",
        "Some Hill",
        "",
        "48.7",
        "35.3",
        "T",
        "HLL",
        "UA",
        "",
        "04",
        "",
        "",
        "",
        "0",
        "",
        "100",
        "Europe/Kyiv",
        "2024-01-01",
    ),
]


def _write(path: Path) -> Path:
    path.write_text("".join("\t".join(r) + "\n" for r in ROWS), encoding="utf-8")
    return path


@pytest.fixture
def cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("WARLEDGER_GAZETTEER", str(tmp_path / "user-gazetteer.sqlite"))
    reset_geoparsers()
    yield tmp_path
    reset_geoparsers()


def _example(args: list[str], capsys: pytest.CaptureFixture[str]) -> list[str]:
    assert main([*args, "--help"]) == 0
    lines = [ln.strip() for ln in capsys.readouterr().out.splitlines() if "Example:" in ln]
    assert lines, f"{args} --help has no Example: line"
    ex = shlex.split(lines[0].split("Example:", 1)[1])
    assert ex[:3] == ["warledger", *args]
    return ex[1:]


@pytest.mark.parametrize("command", ["import", "info", "lookup"])
def test_help_examples_run(command: str, cwd: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(cwd / "places.txt")
    args = _example(["gazetteer", command], capsys)
    code = main(args)
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "Traceback" not in captured.err


def test_import_small_file_then_places_are_found(cwd: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = _write(cwd / "places.txt")
    target = cwd / "user-gazetteer.sqlite"
    assert main(["gazetteer", "import", str(src)]) == 0
    assert "2 places" in capsys.readouterr().out  # the hill is not a populated place or admin unit
    with sqlite3.connect(target) as db:
        assert db.execute("SELECT count(*) FROM place").fetchone()[0] == 2
    # importing again replaces, never duplicates
    assert main(["gazetteer", "import", str(src)]) == 0
    with sqlite3.connect(target) as db:
        assert db.execute("SELECT count(*) FROM place").fetchone()[0] == 2
    gp = load_geoparser()
    got = {p.text: p for p in gp.find_places("Shelling hit Zzyksopol and the village of Qorvinka, Ukraine.")}
    assert got["Zzyksopol"].geonameid == 99000001 and got["Zzyksopol"].admin1 == "Dnipropetrovsk"
    assert got["Qorvinka"].geonameid == 99000002


def test_import_zip(cwd: Path, capsys: pytest.CaptureFixture[str]) -> None:
    txt = _write(cwd / "XX.txt")
    with zipfile.ZipFile(cwd / "XX.zip", "w") as zf:
        zf.write(txt, "XX.txt")
        zf.writestr("readme.txt", "not data")
    assert main(["gazetteer", "import", "XX.zip", "--to", "z.sqlite"]) == 0
    assert "2 places" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        ("", "empty file"),
        ("hello world\n", "not a GeoNames row"),
        (b"\xff\xfe\x00bad", "not UTF-8"),
    ],
)
def test_bad_inputs_are_one_line_errors(
    cwd: Path, capsys: pytest.CaptureFixture[str], content, message
) -> None:
    path = cwd / "dump.txt"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    assert main(["gazetteer", "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_unreachable_url_is_an_error(cwd: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["gazetteer", "import", "http://127.0.0.1:9/none.zip"]) == 1
    assert "cannot download" in capsys.readouterr().err


def test_import_shared_ukraine_dump(cwd: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shared = Path(os.environ.get("WARLEDGER_SHARED", Path(__file__).resolve().parents[2] / ".." / "shared"))
    ua = shared / "data" / "geonames" / "UA.txt"
    if not ua.exists():
        pytest.skip(f"needs the shared data folder: {ua} is absent (set WARLEDGER_SHARED)")
    assert main(["gazetteer", "import", str(ua), "--to", "ua.sqlite"]) == 0
    out = capsys.readouterr().out
    assert "places" in out
    with sqlite3.connect(cwd / "ua.sqlite") as db:
        assert db.execute("SELECT count(*) FROM place").fetchone()[0] > 30_000


def test_lookup_lists_variants(cwd: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["gazetteer", "lookup", "Kharkov", "--limit", "3"]) == 0
    assert "Kharkiv" in capsys.readouterr().out
    assert main(["gazetteer", "lookup", "Qqqxxzzy"]) == 0
    assert "no place named" in capsys.readouterr().out
