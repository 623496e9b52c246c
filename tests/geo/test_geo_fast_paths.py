"""The geoparser's fast paths give exactly what their plain formulations give.

Each speed-up in ``geo/`` replaced a plain formulation by a faster one that must not change a
single result; these properties keep the plain ones as references (whole-output identity is
checked by ``python -m warledger.bench.geo_equal``).
"""

from __future__ import annotations

import re
import sqlite3
from bisect import bisect_right
from itertools import repeat
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from warledger.geo.lexicon import US_STATES
from warledger.geo.normalize import _ARTICLE_RE, _DOUBLE, _FIRST_GROUP
from warledger.geo.persons import _RUN
from warledger.geo.states import _ANYWHERE_RE
from warledger.geo.store import SHIPPED, Candidate, _rows
from warledger.geo.tokens import TOKEN_RE, Tokens

# texts built from the pieces the patterns care about: capitals, dots, apostrophes, hyphens, spaces,
# underscores, digits, line breaks, accented letters and the abbreviations themselves
_PIECES = [*"aAbBsSNWx .,'’-_9\t\nÉé", "U.S.", "Mr. ", "D.C.", "NSW", "W. Va.", "al-", "’s ", "?! ", ".\n\n"]
texts = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


@settings(max_examples=300)
@given(st.text(alphabet="al eldmnssakhtz ah\tÉé_9", max_size=24))
@example("al raqqah")
@example("odessa  ash shamal")
def test_key_steps_match_their_plain_forms(key: str) -> None:
    # doubled letters collapse without per-match template expansion
    assert _DOUBLE.sub(_FIRST_GROUP, key) == re.sub(r"(\w)\1+", r"\1", key)
    # the article pattern needs a space after the article: no single word matches it
    assert " ".join(_ARTICLE_RE.sub("", w) for w in key.split()) == " ".join(key.split())


def _greedy(pattern: str) -> str:
    """The pattern with its possessive quantifiers made plain greedy ones."""
    return pattern.replace("*+", "*").replace("++", "+").replace("}+", "}")


_TOKEN_PLAIN = re.compile(_greedy(TOKEN_RE.pattern))


@settings(max_examples=300)
@given(texts)
@example("Mr. Smith went to Washington, D.C. on Monday.\n\nHe left.")
@example("")
@example("al-Raqqa's T72_x—Éé 9 ")
def test_tokens_match_the_plain_pattern_and_sentence_numbers(text: str) -> None:
    toks = Tokens(text)
    plain = [(m.group(), *m.span()) for m in _TOKEN_PLAIN.finditer(text)]
    assert [(t.text, t.start, t.end) for t in toks] == plain
    sents = [bisect_right(toks.breaks, t.start) for t in toks]
    assert [t.sent for t in toks] == sents
    assert [t.sent_start for t in toks] == [x == 0 or sents[x] != sents[x - 1] for x in range(len(sents))]


_RUN_PLAIN = re.compile(_greedy(_RUN.pattern))
_ANYWHERE = [k for k in US_STATES if k.count(".") > 1 or (k.isupper() and len(k) >= 3)]
_ALTERNATIVES = "|".join(re.escape(k) for k in sorted(_ANYWHERE, key=len, reverse=True))
_ANYWHERE_PLAIN = re.compile(r"(?=[A-Z])(?<![\w.])(" + _ALTERNATIVES + r")(?!\w)")


@settings(max_examples=300)
@given(texts)
@example("By Kara Anna-Maria O’Neil and W. Va. Smith-Jones")
def test_person_runs_and_abbreviations_match_the_plain_patterns(text: str) -> None:
    assert [m.span() for m in _RUN.finditer(text)] == [m.span() for m in _RUN_PLAIN.finditer(text)]
    got = [(m.span(), m.group(1)) for m in _ANYWHERE_RE.finditer(text)]
    assert got == [(m.span(), m.group(1)) for m in _ANYWHERE_PLAIN.finditer(text)]


_LOOKUP_PLAIN = (
    "SELECT p.id, p.name, p.cc, p.a1, p.a2, p.lat * 1e-5, p.lon * 1e-5, p.fcode, p.pop, a.kind, "
    "substr(p.fcode, 1, 3) = 'PCL' OR p.fcode = 'CONT', p.fcode IN ('ADM1', 'ADM1H'), "
    "p.fcode IN ('ADM2', 'ADM2H'), substr(p.fcode, 1, 3) = 'ADM', substr(p.fcode, 1, 3) = 'PPL' "
    "FROM alias a JOIN place p ON p.id = a.id WHERE a.key = ?"
)


def test_lookup_rows_have_the_flags_sqlite_computes() -> None:
    db = sqlite3.connect(f"file:{SHIPPED}?mode=ro", uri=True)
    keys = ["kyiv", "ukraine", "donetsk", "georgia", "niger", "europe", "~kh*rk*v", "andriivka", "washington"]
    for start in ("a", "ka", "mo", "sa", "~"):  # runs of keys across the index
        keys += [k for (k,) in db.execute("SELECT key FROM alias WHERE key >= ? LIMIT 60", (start,))]
    # a row without a feature code (an imported file may hold one): SQLite gives NULL flags
    mem = sqlite3.connect(":memory:")
    mem.executescript(
        "CREATE TABLE place(id INTEGER PRIMARY KEY, name TEXT, cc TEXT, a1 TEXT, a2 TEXT, lat REAL, lon REAL,"
        " fcode TEXT, pop INTEGER); CREATE TABLE alias(key TEXT, id INTEGER, kind INTEGER);"
        "INSERT INTO place VALUES (1, 'X', 'UA', '01', '', 1, 2, NULL, 0),"
        " (2, 'Y', 'UA', '', '', 1, 2, '', 5);"
        "INSERT INTO alias VALUES ('x', 1, 0), ('x', 2, 1);"
    )
    for conn, ks in ((db, keys), (mem, ["x"])):
        for k in ks:
            plain = list(map(tuple.__new__, repeat(Candidate), conn.execute(_LOOKUP_PLAIN, (k,))))
            fast = _rows(conn, k)
            assert fast == plain
            assert [tuple(map(type, c)) for c in fast] == [tuple(map(type, c)) for c in plain]


def test_country_table_gives_what_the_per_code_query_gave(tmp_path: Path) -> None:
    """``Gazetteer.country`` reads every country in one scan; per code it must give the row the
    former ``WHERE cc = ? AND fcode LIKE 'PCL%' LIMIT 1`` query gave (the last file that has one)."""
    from warledger.geo.store import Gazetteer, candidate

    plain_sql = (
        "SELECT id, name, cc, a1, a2, lat * 1e-5, lon * 1e-5, fcode, pop, 0 FROM place "
        "WHERE cc = ? AND fcode LIKE 'PCL%' LIMIT 1"
    )

    def plain(dbs: list[sqlite3.Connection], cc: str | None) -> Candidate | None:
        for db in reversed(dbs):
            row = db.execute(plain_sql, (cc,)).fetchone()
            if row:
                return candidate(*row)
        return None

    db = sqlite3.connect(f"file:{SHIPPED}?mode=ro", uri=True)
    codes = [cc for (cc,) in db.execute("SELECT DISTINCT cc FROM place")] + ["XX", "", None]
    gaz = Gazetteer([SHIPPED])
    for cc in codes:
        assert gaz.country(cc) == plain([db], cc)  # type: ignore[arg-type]
    # a second file: its own country rows override the shipped ones; two rows of one code: the first
    user = tmp_path / "user.sqlite"
    conn = sqlite3.connect(user)
    conn.executescript(
        "".join(r[0] + ";" for r in db.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL"))
        + "INSERT INTO place VALUES (1, 'Ukraina', 'UA', '', '', 4900000, 3200000, 'PCLI', 1),"
        " (2, 'Ukraine bis', 'UA', '', '', 0, 0, 'PCLD', 2), (3, 'Nullland', NULL, '', '', 0, 0, 'PCLI', 3),"
        " (4, 'Lower', 'QQ', '', '', 0, 0, 'pcli', 4);"
    )
    conn.commit()
    both = Gazetteer([SHIPPED, user])
    user_db = sqlite3.connect(user)
    for cc in [*codes, "QQ"]:
        assert both.country(cc) == plain([db, user_db], cc)  # type: ignore[arg-type]
