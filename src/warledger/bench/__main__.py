"""``python -m warledger.bench NAME [ARGS...]`` — run one benchmark module's ``main(argv)``."""

from __future__ import annotations

import importlib
import pkgutil
import sys

import warledger.bench as pkg


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    names = sorted(m.name for m in pkgutil.iter_modules(pkg.__path__) if not m.name.startswith("_"))
    if not argv or argv[0] not in names:
        print(f"usage: python -m warledger.bench {{{','.join(names)}}} [ARGS...]", file=sys.stderr)
        return 2
    mod = importlib.import_module(f"warledger.bench.{argv[0]}")
    return int(mod.main(argv[1:]) or 0)


if __name__ == "__main__":
    sys.exit(main())
