"""Decoding and normalising bytes: encodings, mojibake, binary and empty input; never a crash."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ingest_helpers import FORMATS

from warledger.errors import InputError
from warledger.ingest.decode import decode_bytes, normalize_text
from warledger.ingest.language import detect_language


def test_utf8() -> None:
    got = decode_bytes((FORMATS / "utf8.txt").read_bytes())
    assert got.encoding == "utf-8"
    assert got.notes == []
    assert got.text.startswith("Drone strike hits fuel depot near Kremenchuk")


def test_cp1252_is_detected_and_noted() -> None:
    got = decode_bytes((FORMATS / "cp1252.txt").read_bytes())
    assert got.encoding == "cp1252"
    assert "café district" in got.text
    assert "Saturday — if" in got.text
    assert got.notes == ["decoded as cp1252 (detected)"]


def test_mojibake_is_repaired_and_noted() -> None:
    raw = (FORMATS / "mojibake.txt").read_bytes()
    assert "â€™".encode() in raw  # the fixture really is double-encoded
    got = decode_bytes(raw)
    assert "Mayor’s office" in got.text
    assert "Monday — nobody" in got.text
    assert "The café opposite" in got.text
    assert "mojibake repaired" in got.notes


def test_utf16_with_bom() -> None:
    got = decode_bytes("Shelling in Kharkiv.\r\nTwo injured.".encode("utf-16"))
    assert got.text == "Shelling in Kharkiv.\nTwo injured."


def test_cp1251_cyrillic() -> None:
    got = decode_bytes("Обстріл Харкова триває, загинули двоє людей.".encode("cp1251"))
    assert "Харкова" in got.text


def test_quotes_and_dashes_are_kept() -> None:
    text, notes = normalize_text("“Weapons,” he said — twice.\r\n")
    assert text == "“Weapons,” he said — twice."
    assert notes == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"  \n\t \n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (bytes(range(1, 32)) * 20, "binary"),
    ],
)
def test_bad_bytes_are_one_line_input_errors(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as info:
        decode_bytes(data, label="x.txt")
    assert str(info.value).startswith("x.txt: ")
    assert message in str(info.value)
    assert "\n" not in str(info.value)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_decoding_never_raises_on_arbitrary_bytes(data: bytes) -> None:
    try:
        got = decode_bytes(data, label="fuzz")
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    assert got.text == got.text.strip()
    assert "\r" not in got.text and "\x00" not in got.text


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=1000))
def test_normalising_and_language_never_raise_on_arbitrary_text(text: str) -> None:
    clean, _ = normalize_text(text)
    assert "\r" not in clean
    guess = detect_language(clean)
    assert guess.language


def test_language_english_and_not() -> None:
    english = (FORMATS / "utf8.txt").read_text()
    assert detect_language(english).is_english
    ukrainian = detect_language((FORMATS / "ukrainian.txt").read_text())
    assert not ukrainian.is_english
    assert ukrainian.language == "uk"


def test_short_texts_default_to_english_unless_clearly_not() -> None:
    assert detect_language("Five killed.").is_english
    assert detect_language("Kyiv, April 7").is_english
    assert detect_language("Rockets struck Lviv on Monday.").is_english
    assert not detect_language("Обстріл Харкова триває.").is_english
    assert not detect_language("Der Beschuss tötete fünf Zivilisten in Charkiw.").is_english


def test_language_is_deterministic() -> None:
    text = (
        "Les bombardements ont tué cinq civils à Kharkiv lundi, selon la mairie. Les secours ont "
        "travaillé toute la nuit pour dégager les décombres, et les écoles resteront fermées mardi."
    )
    assert {detect_language(text).language for _ in range(5)} == {"fr"}


def test_declared_charset_is_tried_first() -> None:
    data = "Обстріл Харкова триває, загинули двоє людей.".encode("koi8-u")
    assert "Харкова" in decode_bytes(data, declared="koi8-u").text
    assert decode_bytes(b"Plain words.", declared="no-such-charset").notes == [
        "unknown declared charset 'no-such-charset' ignored"
    ]
    assert decode_bytes(b"Plain words.", declared="rot13").text == "Plain words."
