"""Ingest: files, folders, URLs and feeds → archived originals → documents → story clusters.

Public API::

    from warledger.ingest import ingest, IngestReport, read_inputs
    report = ingest(ledger, ["reports/", "https://example.org/feed.xml"], extract=False)
    # attributed, with an origin label instead of a (temporary) path:
    report = ingest(ledger, ["/tmp/x/a.txt"], actor="ann", origins={"/tmp/x/a.txt": "upload:a.txt"})

Formats: ``.txt`` (and ``.md``), ``.html``/``.htm``, ``.jsonl`` and ``.json`` (objects — or an
array of objects — with ``text`` and optional ``id``, ``url``, ``title``, ``published``), RSS/Atom
feeds (``.rss``/``.atom``/``.xml`` or a feed URL; each entry's linked page is fetched when
reachable, else its summary is used), and folders (recursive, sorted, hidden entries skipped).

Document ids (16 hex digits, stable, so re-ingesting is a no-op):

* a whole file or fetched page: the first 16 hex digits of the sha256 of its archived bytes —
  the same bytes from any path or URL are one document;
* an item inside a container (a JSON/JSONL record, a feed entry used without its page): the first
  16 hex of the sha256 of the item's canonical content (for records: its ``id``, ``text``,
  ``title``, ``url``, ``published``; for entries: guid, link, title, summary, date), prefixed by its
  kind.  The container's hash is deliberately *not* part of it: a JSONL file that grows, or a feed
  polled again, yields the same ids for the items already seen.  ``Document.sha256`` is still the
  container's hash and ``origin`` says where inside it (``path:line``, ``path:N`` for the N-th
  element of a JSON array, ``url#entry-N``).
* A record's own ``id`` is kept in ``Document.notes`` ("record id: …") and is part of the hashed
  content, so two records with the same text but different ids stay distinct, and records from
  different files that reuse an id ("1", "2", …) never collide.  Ids of different kinds cannot
  collide with each other: whole files are never hashed with the kind prefix (which contains a NUL
  byte, and files with NUL bytes are refused as binary).
"""

from __future__ import annotations

from warledger.ingest.readers import expand_inputs, read_inputs, read_source
from warledger.ingest.service import DocumentOutcome, IngestReport, ingest

__all__ = ["DocumentOutcome", "IngestReport", "expand_inputs", "ingest", "read_inputs", "read_source"]
