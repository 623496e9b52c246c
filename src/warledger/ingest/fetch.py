"""Fetching a URL with the standard library: a timeout, a size cap and one-line errors."""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime

from warledger import __version__
from warledger.errors import InputError

USER_AGENT = f"warledger/{__version__} (+https://github.com/warledger)"
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Fetched:
    url: str  # the final URL after redirects
    data: bytes
    media_type: str  # from Content-Type, without parameters ("" when absent)
    charset: str | None
    retrieved_at: datetime


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def fetch_url(url: str, *, timeout: float, max_bytes: int) -> Fetched:
    """GET ``url``; raise InputError with one line on any failure (never a traceback)."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise InputError(
                    f"{url}: too large ({int(length)} bytes > limit {max_bytes}; set WARLEDGER_MAX_BYTES)"
                )
            chunks: list[bytes] = []
            size = 0
            while True:
                chunk = response.read(_CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                if size > max_bytes:
                    raise InputError(
                        f"{url}: too large (over the {max_bytes}-byte limit; set WARLEDGER_MAX_BYTES)"
                    )
                chunks.append(chunk)
            content_type = response.headers.get_content_type() if response.headers.get("Content-Type") else ""
            charset = response.headers.get_content_charset()
            final = response.geturl() or url
    except InputError:
        raise
    except urllib.error.HTTPError as exc:
        raise InputError(f"{url}: unreachable (HTTP {exc.code} {exc.reason})") from None
    except urllib.error.URLError as exc:
        raise InputError(f"{url}: unreachable ({_reason(exc.reason)})") from None
    except TimeoutError:
        raise InputError(f"{url}: unreachable (timed out after {timeout:g} s)") from None
    except (OSError, ValueError) as exc:
        raise InputError(f"{url}: unreachable ({_reason(exc)})") from None
    return Fetched(
        url=final,
        data=b"".join(chunks),
        media_type=content_type,
        charset=charset,
        retrieved_at=datetime.now(UTC),
    )


def _reason(reason: object) -> str:
    text = str(reason) or type(reason).__name__ if isinstance(reason, BaseException) else str(reason)
    return " ".join(text.split())[:200]
