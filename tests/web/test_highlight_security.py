"""Pure helpers: highlight segmentation (property-tested), CSP, passwords, the login limiter."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from warledger.web.app import _csp
from warledger.web.highlight import segments
from warledger.web.security import LoginLimiter, check_password, hash_password

spans = st.lists(
    st.tuples(
        st.integers(-5, 60),
        st.integers(-5, 60),
        st.sampled_from(["figure", "place", "claim"]),
        st.text(max_size=3),
    ),
    max_size=8,
)


@given(st.text(max_size=50), spans)
def test_segments_cover_the_text_exactly(text: str, raw: list[tuple[int, int, str, str]]) -> None:
    out = segments(text, raw)
    assert "".join(s.text for s in out) == text
    assert all(s.text for s in out)
    pos = 0
    for seg in out:
        lo, hi = pos, pos + len(seg.text)
        covering = {k for s, e, k, _ in raw if max(0, s) <= lo and hi <= min(len(text), e) and e > s}
        assert set(seg.kinds) == covering
        pos = hi


def test_segments_pick_the_narrowest_anchor() -> None:
    out = segments("abcdef", [(0, 6, "claim", "claim-0"), (2, 4, "figure", "fig-1")])
    assert [(s.text, s.kinds, s.anchor) for s in out] == [
        ("ab", ("claim",), "claim-0"),
        ("cd", ("claim", "figure"), "fig-1"),
        ("ef", ("claim",), "claim-0"),
    ]


def test_csp_is_strict_and_allows_only_the_configured_tiles() -> None:
    plain = _csp(None)
    assert "script-src 'self';" in plain and "img-src 'self' data:;" in plain and "unsafe-eval" not in plain
    tiled = _csp("https://{s}.tile.example.org/{z}/{x}/{y}.png")
    assert "img-src 'self' data: https://*.tile.example.org;" in tiled


def test_password_hashing() -> None:
    h = hash_password("a long password")
    assert h.startswith("$argon2id$")
    assert check_password(h, "a long password")
    assert not check_password(h, "a wrong password")
    assert not check_password(None, "anything")
    assert not check_password("not a hash", "anything")


def test_login_limiter_window() -> None:
    lim = LoginLimiter(limit=2, window=60)
    assert lim.retry_after("1.2.3.4", "ann") == 0
    lim.failed("1.2.3.4", "ann")
    lim.failed("1.2.3.4", "ann")
    assert 0 < lim.retry_after("1.2.3.4", "ann") <= 61
    assert lim.retry_after("5.6.7.8", "ann") > 0  # the user name is limited from any address
    assert lim.retry_after("1.2.3.4", "bob") > 0  # and the address for any user name
    assert lim.retry_after("5.6.7.8", "bob") == 0
