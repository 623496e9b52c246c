"""Errors that reach the user as one clear line (the CLI prints ``error: <message>`` and exits 1)."""

from __future__ import annotations


class WarledgerError(Exception):
    """Base class: a problem with the user's input or environment, not a bug."""

    exit_code = 1


class InputError(WarledgerError):
    """A path, URL, file or record that cannot be read or accepted."""


class StoreError(WarledgerError):
    """The ledger database or archive cannot be opened, migrated or written."""


class VerificationError(WarledgerError):
    """The audit chain or the evidence archive does not verify."""
