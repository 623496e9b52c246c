"""Bytes → clean text: encoding detection (charset-normalizer), mojibake repair (ftfy), normalising.

``decode_bytes`` never raises anything but :class:`~warledger.errors.InputError` (binary, empty or
undecodable input); ``normalize_text`` never raises.  What was done is returned as short notes that
end up in ``Document.notes``.
"""

from __future__ import annotations

import codecs
import contextlib
import unicodedata
from dataclasses import dataclass, field

import ftfy
from charset_normalizer import from_bytes

from warledger.errors import InputError

# ftfy repairs mojibake; quotes, full-width characters and ligatures are left as written so that
# evidence quotes stay faithful to the source.
_FTFY = ftfy.TextFixerConfig(
    unescape_html=False,
    uncurl_quotes=False,
    fix_character_width=False,
    fix_latin_ligatures=False,
    explain=True,
)
_ENCODING_STEPS = {"encode", "decode", "transcode"}
_REPAIR_FIXERS = {"decode_inconsistent_utf8", "restore_byte_a0", "replace_lossy_sequences", "fix_c1_controls"}
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAX_CONTROL_SHARE = 0.05
_LATIN_SINGLE_BYTE = {
    "cp1250",
    "cp1252",
    "cp1257",
    "cp1258",
    "latin_1",
    "iso8859_2",
    "iso8859_3",
    "iso8859_4",
    "iso8859_9",
    "iso8859_10",
    "iso8859_13",
    "iso8859_14",
    "iso8859_15",
    "iso8859_16",
    "mac_roman",
    "mac_latin2",
    "cp850",
    "cp858",
    "cp437",
}


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str
    notes: list[str] = field(default_factory=list)


def looks_binary(data: bytes) -> bool:
    """NUL bytes without a UTF-16/32 byte-order mark mean a binary file."""
    if b"\x00" not in data:
        return False
    return not any(data.startswith(bom) for bom, enc in _BOMS if enc != "utf-8-sig")


def _bom_encoding(data: bytes) -> str | None:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc
    return None


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(
        1 for ch in text if ch not in "\t\n\r\f\v" and unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn")
    )
    return bad / len(text)


def normalize_text(text: str) -> tuple[str, list[str]]:
    """Repair mojibake, drop control characters, unify line breaks; returns (text, notes)."""
    notes: list[str] = []
    fixed, explanation = ftfy.fix_and_explain(text, config=_FTFY)
    if explanation and any(
        step[0] in _ENCODING_STEPS or (step[0] == "apply" and step[1] in _REPAIR_FIXERS)
        for step in explanation
    ):
        notes.append("mojibake repaired")
    # ftfy keeps most control characters; remove the ones that are not whitespace.
    fixed = "".join(
        ch
        for ch in fixed
        if ch in "\t\n" or unicodedata.category(ch) not in ("Cc", "Cs", "Cf") or ch in "\u200d\u200c"
    )
    fixed = fixed.replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() for line in fixed.split("\n")]
    return "\n".join(lines).strip(), notes


def decode_bytes(data: bytes, *, label: str = "input", declared: str | None = None) -> DecodedText:
    """Decode a file's bytes to normalised text, or raise InputError naming ``label``.

    ``declared`` is a charset stated by the server (HTTP Content-Type); it is tried first.
    """
    if not data.strip():
        raise InputError(f"{label}: empty")
    if looks_binary(data):
        raise InputError(f"{label}: binary file (contains NUL bytes), not text")
    notes: list[str] = []
    encoding = _bom_encoding(data)
    text: str | None = None
    if encoding is None and declared:
        try:
            codecs.lookup(declared)
            encoding = declared.lower()
        except LookupError:
            notes.append(f"unknown declared charset {declared[:40]!r} ignored")
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except (UnicodeError, LookupError):
            text = None
    if text is None:
        try:
            text = data.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            best = from_bytes(data).best()
            if best is None or best.encoding is None:
                raise InputError(f"{label}: cannot decode (binary or unknown encoding)") from None
            encoding = best.encoding
            text = str(best)
            if encoding in _LATIN_SINGLE_BYTE and encoding != "cp1252":
                # Short Western texts are ambiguous between Latin code pages; news in English is
                # overwhelmingly Windows-1252, so prefer it whenever it decodes cleanly.
                with contextlib.suppress(UnicodeDecodeError):
                    text, encoding = data.decode("cp1252"), "cp1252"
            notes.append(f"decoded as {encoding} (detected)")
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise InputError(f"{label}: binary file (control characters), not text")
    clean, fix_notes = normalize_text(text)
    if not clean:
        raise InputError(f"{label}: empty (no text)")
    return DecodedText(text=clean, encoding=encoding or "utf-8", notes=notes + fix_notes)
