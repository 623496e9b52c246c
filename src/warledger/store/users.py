"""Web users (viewer / analyst / admin) and the web app's signing secret.

Only SQL lives here; password hashing is the caller's job (``warledger.web.security``): this
module stores the hash it is given.  Adding a user, changing a role or a password, disabling and
enabling are audited with the acting admin (or ``cli``) as actor.  A disabled user keeps its
rows (and the audit trail) but cannot sign in, and its API tokens stop working.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from warledger.errors import StoreError
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
    disabled_at: str | None = None

    @property
    def disabled(self) -> bool:
        return self.disabled_at is not None


def _row(r: Any) -> UserRow:
    return UserRow(
        str(r.name),
        str(r.role),
        str(r.password_hash),
        str(r.created_at),
        None if r.disabled_at is None else str(r.disabled_at),
    )


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


def _existing(conn: Connection, name: str) -> UserRow:
    row = get_user(conn, name)
    if row is None:
        raise StoreError(f"no user {name!r}")
    return row


def _enabled_admins(conn: Connection) -> int:
    stmt = select(func.count()).where(web_users.c.role == "admin", web_users.c.disabled_at.is_(None))
    return int(conn.execute(stmt).scalar_one())


def set_role(conn: Connection, name: str, role: str, *, actor: str) -> UserRow:
    """Change a user's role (audited); the last enabled admin cannot be demoted."""
    row = _existing(conn, name)
    if row.role == "admin" and role != "admin" and not row.disabled and _enabled_admins(conn) <= 1:
        raise StoreError(f"{name} is the last enabled admin; make someone else admin first")
    conn.execute(update(web_users).where(web_users.c.name == name).values(role=role))
    audit.append(conn, "user-role", f"user:{name}", {"role": role, "was": row.role}, actor=actor)
    return _existing(conn, name)


def set_disabled(conn: Connection, name: str, disabled: bool, *, actor: str) -> UserRow:
    """Disable or enable a user (audited); the last enabled admin cannot be disabled."""
    row = _existing(conn, name)
    if disabled == row.disabled:
        return row
    if disabled and row.role == "admin" and _enabled_admins(conn) <= 1:
        raise StoreError(f"{name} is the last enabled admin; make someone else admin first")
    conn.execute(
        update(web_users)
        .where(web_users.c.name == name)
        .values(disabled_at=audit.now_iso() if disabled else None)
    )
    audit.append(conn, "user-disable" if disabled else "user-enable", f"user:{name}", {}, actor=actor)
    return _existing(conn, name)


def set_password(conn: Connection, name: str, password_hash: str, *, actor: str) -> None:
    """Replace a user's password hash (audited; the hash is never logged)."""
    _existing(conn, name)
    conn.execute(update(web_users).where(web_users.c.name == name).values(password_hash=password_hash))
    audit.append(conn, "user-password", f"user:{name}", {}, actor=actor)


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
