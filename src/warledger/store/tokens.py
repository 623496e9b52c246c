"""Personal API tokens: ``Authorization: Bearer <token>`` on the REST API acts as their user.

A token is ``wl_`` + 32 random bytes (URL-safe base64).  Only its SHA-256 is stored (a fast hash
is enough for a high-entropy secret: there is nothing to guess), so a token is shown once, when it
is made, and never again.  Creating and revoking are audited; a token of a disabled user, or a
revoked one, authenticates nobody.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, insert, select, update

from warledger.errors import StoreError
from warledger.store import audit
from warledger.store.schema import api_tokens, web_users

PREFIX = "wl_"
HINT_CHARS = 8


@dataclass(frozen=True)
class TokenRow:
    id: int
    user: str
    label: str
    hint: str  # the token's first characters
    created_at: str
    revoked_at: str | None
    revoked_by: str | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _row(r: Any) -> TokenRow:
    return TokenRow(
        int(r.id),
        str(r.user_name),
        str(r.label),
        str(r.hint),
        str(r.created_at),
        None if r.revoked_at is None else str(r.revoked_at),
        None if r.revoked_by is None else str(r.revoked_by),
    )


def create_token(conn: Connection, user: str, label: str, *, actor: str) -> tuple[TokenRow, str]:
    """A new token for ``user``: its row and the token itself (the only time it is available)."""
    if conn.execute(select(web_users.c.name).where(web_users.c.name == user)).first() is None:
        raise StoreError(f"no user {user!r}")
    token = PREFIX + secrets.token_urlsafe(32)
    at = audit.now_iso()
    res = conn.execute(
        insert(api_tokens).values(
            user_name=user,
            label=label,
            token_hash=token_hash(token),
            hint=token[: len(PREFIX) + HINT_CHARS],
            created_at=at,
        )
    )
    new_id = int(res.inserted_primary_key[0])
    audit.append(conn, "token-create", f"user:{user}", {"token": new_id, "label": label}, actor=actor)
    row = conn.execute(select(api_tokens).where(api_tokens.c.id == new_id)).one()
    return _row(row), token


def list_tokens(conn: Connection, user: str | None = None) -> list[TokenRow]:
    stmt = select(api_tokens).order_by(api_tokens.c.id)
    if user is not None:
        stmt = stmt.where(api_tokens.c.user_name == user)
    return [_row(r) for r in conn.execute(stmt)]


def revoke_token(conn: Connection, token_id: int, *, actor: str, user: str | None = None) -> TokenRow:
    """Revoke a token (audited).  With ``user``, only that user's own token may be revoked."""
    r = conn.execute(select(api_tokens).where(api_tokens.c.id == token_id)).first()
    if r is None or (user is not None and r.user_name != user):
        raise StoreError(f"no token {token_id}" + (f" of {user}" if user else ""))
    row = _row(r)
    if not row.active:
        return row
    conn.execute(
        update(api_tokens)
        .where(api_tokens.c.id == token_id)
        .values(revoked_at=audit.now_iso(), revoked_by=actor)
    )
    audit.append(
        conn, "token-revoke", f"user:{row.user}", {"token": token_id, "label": row.label}, actor=actor
    )
    return _row(conn.execute(select(api_tokens).where(api_tokens.c.id == token_id)).one())


def token_user(conn: Connection, token: str) -> tuple[str, str] | None:
    """(user name, role) of an active token of an enabled user; None otherwise."""
    if not token.startswith(PREFIX) or len(token) > 200:
        return None
    stmt = (
        select(web_users.c.name, web_users.c.role)
        .join(api_tokens, api_tokens.c.user_name == web_users.c.name)
        .where(
            api_tokens.c.token_hash == token_hash(token),
            api_tokens.c.revoked_at.is_(None),
            web_users.c.disabled_at.is_(None),
        )
    )
    r = conn.execute(stmt).first()
    return None if r is None else (str(r.name), str(r.role))
