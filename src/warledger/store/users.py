"""Web users (viewer / analyst / admin) and the web app's signing secret.

Only SQL lives here; password hashing is the caller's job (``warledger.web.security``): this
module stores the hash it is given.  Adding a user or changing a role is audited.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import Connection, func, insert, select, update

from warledger.store import audit
from warledger.store.schema import ledger_meta, web_users

ROLES: tuple[str, ...] = ("viewer", "analyst", "admin")
SECRET_KEY = "web_secret"


@dataclass(frozen=True)
class UserRow:
    name: str
    role: str
    password_hash: str
    created_at: str


def _row(r: object) -> UserRow:
    return UserRow(str(r.name), str(r.role), str(r.password_hash), str(r.created_at))  # type: ignore[attr-defined]


def upsert_user(conn: Connection, name: str, role: str, password_hash: str, *, actor: str) -> bool:
    """Create the user, or replace its role and password; True when it was new."""
    known = conn.execute(select(web_users.c.name).where(web_users.c.name == name)).first()
    if known is None:
        conn.execute(
            insert(web_users).values(
                name=name,
                role=role,
                password_hash=password_hash,
                created_at=audit.now_iso(),
                created_by=actor,
            )
        )
    else:
        conn.execute(
            update(web_users).where(web_users.c.name == name).values(role=role, password_hash=password_hash)
        )
    audit.append(
        conn, "user-add" if known is None else "user-update", f"user:{name}", {"role": role}, actor=actor
    )
    return known is None


def get_user(conn: Connection, name: str) -> UserRow | None:
    r = conn.execute(select(web_users).where(web_users.c.name == name)).first()
    return None if r is None else _row(r)


def list_users(conn: Connection) -> list[UserRow]:
    return [_row(r) for r in conn.execute(select(web_users).order_by(web_users.c.name))]


def count_users(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(web_users)).scalar_one())


def read_secret(conn: Connection) -> str | None:
    value = conn.execute(select(ledger_meta.c.value).where(ledger_meta.c.key == SECRET_KEY)).scalar()
    return None if value is None else str(value)


def ensure_secret(conn: Connection) -> str:
    """The signing secret for session cookies, created once per ledger (kept out of the audit log)."""
    value = read_secret(conn)
    if value is None:
        value = secrets.token_urlsafe(48)
        conn.execute(insert(ledger_meta).values(key=SECRET_KEY, value=value))
    return value
