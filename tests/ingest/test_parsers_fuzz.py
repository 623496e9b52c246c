"""Property tests: the format parsers and the shingler never raise on arbitrary input except InputError."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warledger.errors import InputError
from warledger.ingest.dedupe import compare, signature
from warledger.ingest.formats import (
    date_from_lines,
    feed_entries,
    html_item,
    json_items,
    jsonl_items,
    parse_date_value,
    sniff_kind,
    text_item,
)

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
html_like = st.one_of(
    st.text(max_size=400),
    st.lists(
        st.sampled_from(["<p>", "</p>", "<html>", "<title>", "</title>", "Kyiv", "2022", " ", "<meta"])
    ).map("".join),
)


@FAST
@given(html_like)
def test_html_item_never_raises(text: str) -> None:
    item = html_item(text, origin="x.html")
    assert isinstance(item.text, str)


@FAST
@given(st.text(max_size=400))
def test_text_and_json_parsers_never_raise(text: str) -> None:
    text_item(text, origin="x.txt")
    date_from_lines(text)
    parse_date_value(text)
    for parse in (json_items, jsonl_items):
        for item in parse(text, origin="x.json"):
            assert isinstance(item, InputError) or item.text


@FAST
@given(st.binary(max_size=600))
def test_feed_and_sniff_never_raise(data: bytes) -> None:
    sniff_kind("x", "", data)
    with contextlib.suppress(InputError):
        feed_entries(data, origin="x.rss")


@FAST
@given(st.text(max_size=600), st.text(max_size=600))
def test_signatures_never_raise(a: str, b: str) -> None:
    sig = signature(a)
    assert compare(sig, sig) is not None
    compare(sig, signature(b))
