"""Passwords (argon2), signed session cookies, CSRF tokens, API bearer tokens, roles and the
login rate limit."""

from __future__ import annotations

import hmac
import ipaddress
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from fastapi import Request

from warledger.errors import InputError
from warledger.store.users import ROLES

_HASHER = PasswordHasher()
# A real hash to verify against when the user does not exist, so that timing does not tell.
_DUMMY_HASH = _HASHER.hash(secrets.token_urlsafe(16))
ROLE_RANK = {role: i for i, role in enumerate(ROLES)}  # viewer < analyst < admin
MIN_PASSWORD = 8
NAME_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-@")


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise InputError(f"the password must have at least {MIN_PASSWORD} characters")
    return _HASHER.hash(password)


def check_password(stored_hash: str | None, password: str) -> bool:
    try:
        return _HASHER.verify(stored_hash or _DUMMY_HASH, password) and stored_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def check_user_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > 64 or not set(name) <= NAME_CHARS:
        raise InputError("a user name is 1–64 letters, digits or . _ - @")
    return name


def check_role(role: str) -> str:
    if role not in ROLE_RANK:
        raise InputError(f"unknown role {role!r}; use one of {', '.join(ROLES)}")
    return role


def is_loopback(host: str) -> bool:
    if host in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class Viewer:
    """Who is asking: a signed-in user, or anonymous (allowed to read only while no users exist)."""

    name: str | None
    role: str | None

    @property
    def signed_in(self) -> bool:
        return self.name is not None

    def can(self, role: str) -> bool:
        return self.role is not None and ROLE_RANK[self.role] >= ROLE_RANK[role]


def csrf_token(request: Request) -> str:
    """The session's CSRF token (created on first use); every form carries it."""
    token = request.session.get("csrf")
    if not isinstance(token, str) or len(token) < 20:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


def bearer_token(request: Request) -> str | None:
    """The token of an ``Authorization: Bearer …`` header on a REST API call (else None)."""
    if not request.url.path.startswith("/api/"):
        return None
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def csrf_ok(request: Request, submitted: str | None) -> bool:
    """The session's CSRF token was submitted.  A bearer-authenticated API call needs none: a
    browser never adds that header by itself, and a bad token is refused (401) by ``current``
    before anything is written, never falling back to the session cookie."""
    if bearer_token(request) is not None:
        return True
    token = request.session.get("csrf")
    return bool(isinstance(token, str) and submitted and hmac.compare_digest(token, submitted))


class LoginLimiter:
    """At most ``limit`` failed sign-ins per client address and per user name in ``window`` seconds."""

    def __init__(self, limit: int = 5, window: float = 300.0) -> None:
        self.limit, self.window = limit, window
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        q = self._failures.setdefault(key, deque())
        while q and now - q[0] > self.window:
            q.popleft()
        return q

    def retry_after(self, client: str, name: str) -> int:
        """Seconds to wait before another attempt is allowed (0: allowed now)."""
        now = time.monotonic()
        with self._lock:
            waits = [
                int(self.window - (now - q[0])) + 1
                for q in (self._recent(f"ip:{client}", now), self._recent(f"user:{name.lower()}", now))
                if len(q) >= self.limit
            ]
        return max(waits, default=0)

    def failed(self, client: str, name: str) -> None:
        now = time.monotonic()
        with self._lock:
            self._recent(f"ip:{client}", now).append(now)
            self._recent(f"user:{name.lower()}", now).append(now)

    def succeeded(self, name: str) -> None:
        with self._lock:
            self._failures.pop(f"user:{name.lower()}", None)
