"""Ledger methods for user administration, API tokens and place reviews (mixed into
:class:`warledger.store.Ledger`; the SQL is in ``users``, ``tokens`` and ``place_reviews``)."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from warledger.errors import StoreError
from warledger.store import place_reviews, tokens, users
from warledger.store.db import write_transaction
from warledger.store.place_reviews import PlaceReview, ReviewedPlace
from warledger.store.tokens import TokenRow


class AccountQueries:
    """Users (role, disable, password), personal API tokens and analysts' place reviews."""

    _engine: Engine

    if TYPE_CHECKING:

        def _guard(self, what: str) -> AbstractContextManager[None]: ...  # provided by Ledger

    # -- user administration ----------------------------------------------------------------
    def set_user_role(self, name: str, role: str, *, actor: str) -> users.UserRow:
        """Change a user's role (audited); refuses to demote the last enabled admin."""
        if role not in users.ROLES:
            raise StoreError(f"unknown role {role!r}; use one of {', '.join(users.ROLES)}")
        with self._guard("change a role"), write_transaction(self._engine) as conn:
            return users.set_role(conn, name, role, actor=actor)

    def set_user_disabled(self, name: str, disabled: bool, *, actor: str) -> users.UserRow:
        """Disable (no sign-in, no API token) or enable a user (audited)."""
        with self._guard("disable a user"), write_transaction(self._engine) as conn:
            return users.set_disabled(conn, name, disabled, actor=actor)

    def set_user_password(self, name: str, password_hash: str, *, actor: str) -> None:
        """Replace a user's password hash (audited, the hash is not)."""
        with self._guard("reset a password"), write_transaction(self._engine) as conn:
            users.set_password(conn, name, password_hash, actor=actor)

    # -- API tokens -------------------------------------------------------------------------
    def create_token(self, user: str, label: str = "", *, actor: str) -> tuple[TokenRow, str]:
        """A new personal API token for ``user``: (its row, the token — shown once, stored hashed)."""
        with self._guard("create a token"), write_transaction(self._engine) as conn:
            return tokens.create_token(conn, user, label.strip()[:100], actor=actor)

    def tokens(self, user: str | None = None) -> list[TokenRow]:
        with self._guard("read tokens"), self._engine.connect() as conn:
            return tokens.list_tokens(conn, user)

    def revoke_token(self, token_id: int, *, actor: str, user: str | None = None) -> TokenRow:
        """Revoke a token (audited); with ``user`` only one of that user's own tokens."""
        with self._guard("revoke a token"), write_transaction(self._engine) as conn:
            return tokens.revoke_token(conn, token_id, actor=actor, user=user)

    def token_user(self, token: str) -> tuple[str, str] | None:
        """(name, role) of the enabled user owning this active token, else None."""
        with self._guard("check a token"), self._engine.connect() as conn:
            return tokens.token_user(conn, token)

    # -- place reviews ----------------------------------------------------------------------
    def add_place_review(
        self,
        *,
        doc_id: str,
        start: int,
        end: int,
        text: str,
        category: str,
        place: ReviewedPlace,
        analyst: str,
        note: str | None = None,
        incident_id: str | None = None,
    ) -> PlaceReview:
        """Record an analyst's choice of place for a figure (audited with the analyst as actor)."""
        if place.precision not in (1, 2, 3):
            raise StoreError("a reviewed place needs a precision of 1, 2 or 3")
        with self._guard("record a place review"), write_transaction(self._engine) as conn:
            return place_reviews.add_place_review(
                conn,
                doc_id=doc_id,
                start=start,
                end=end,
                text=text,
                category=category,
                place=place,
                note=note,
                analyst=analyst,
                incident_id=incident_id,
            )

    def place_reviews(self, doc_ids: Sequence[str] | None = None) -> dict[tuple[str, int, int], PlaceReview]:
        """The newest place review of every reviewed figure (of ``doc_ids``, or all), oldest first."""
        with self._guard("read place reviews"), self._engine.connect() as conn:
            return place_reviews.latest_place_reviews(conn, doc_ids)

    def place_reviews_digest(self) -> str:
        with self._guard("read place reviews"), self._engine.connect() as conn:
            return place_reviews.place_reviews_digest(conn)
