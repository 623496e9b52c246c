"""Load check of the web API on loopback: ``python -m warledger.web.loadcheck [--incidents N]``.

Builds a throw-away ledger holding N synthetic reconciled incidents (spread over places, dates,
types and tolls), serves it with uvicorn on 127.0.0.1, requests each endpoint a bounded number of
times and prints p50 / p95 latencies.  Bounded in count (``--requests``) and time (``--budget``).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

from warledger.models import Evidence, Place
from warledger.reconcile.service import to_stored
from warledger.reconcile.types import Estimate, Interval, ReconciledRecord
from warledger.store import Ledger, open_ledger

ENDPOINTS = (
    "/api/v1/incidents?limit=100",
    "/api/v1/incidents?limit=100&offset=9000",
    "/api/v1/incidents?limit=100&since=2022-06-01&until=2022-06-30",
    "/api/v1/incidents?limit=100&admin1=oblast%207&disputed=no",
    "/api/v1/map",
    "/api/v1/timeline",
)
TYPES = (
    ("Battles", "Armed clash"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Violence against civilians", "Attack"),
)


def synthetic(n: int) -> list[ReconciledRecord]:
    out = []
    start = date(2022, 2, 24)
    for i in range(n):
        event, sub = TYPES[i % len(TYPES)]
        day = start + timedelta(days=i % 700)
        best = (i * 7919) % 60
        out.append(
            ReconciledRecord(
                id=f"inc-load{i:06d}-0",
                event_type=event,
                sub_event_type=sub,
                place=Place(
                    text=f"Town {i % 500}",
                    name=f"Town {i % 500}",
                    admin1=f"Oblast {i % 24}",
                    country="UA",
                    lat=44.5 + (i % 97) * 0.08,
                    lon=22.5 + (i % 101) * 0.17,
                    precision=1 + i % 3,
                ),
                occurred=Interval(start=day, end=day, precision="day"),
                reported=Interval(start=day, end=day + timedelta(days=1)),
                members=[f"doc{i:06d}#0"],
                documents=[f"doc{i:06d}"],
                source_groups=1,
                casualties=[Estimate(category="killed", low=best, best=best, high=best + i % 5, acled=best)],
                evidence=[Evidence(start=0, end=10, text="load check")],
            )
        )
    return out


def build(folder: Path, n: int) -> Ledger:
    ledger = open_ledger(str(folder / "load.db"), archive_dir=folder / "archive")
    records = sorted(synthetic(n), key=lambda r: (r.kind != "incident", r.id))  # reconcile's order
    ledger.save_reconciled([to_stored(r) for r in records], digest="loadcheck", report={"incidents": n})
    return ledger


def measure(n: int, requests: int, budget: float) -> dict[str, tuple[float, float, int]]:
    import httpx
    import uvicorn

    from warledger.web import create_app

    results: dict[str, tuple[float, float, int]] = {}
    with tempfile.TemporaryDirectory(prefix="warledger-load-") as tmp:
        ledger = build(Path(tmp), n)
        app = create_app(ledger, auto_reconcile=False)
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        port = server.servers[0].sockets[0].getsockname()[1]
        deadline = time.monotonic() + budget
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
                for path in ENDPOINTS:
                    client.get(path).raise_for_status()  # warm-up
                    times: list[float] = []
                    for _ in range(requests):
                        if time.monotonic() > deadline:
                            break
                        t0 = time.perf_counter()
                        client.get(path).raise_for_status()
                        times.append(time.perf_counter() - t0)
                    if times:
                        times.sort()
                        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
                        results[path] = (statistics.median(times), p95, len(times))
        finally:
            server.should_exit = True
            thread.join(timeout=10)
            ledger.close()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m warledger.web.loadcheck", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--incidents", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=20, help="timed requests per endpoint")
    parser.add_argument("--budget", type=float, default=120.0, help="seconds for all timed requests")
    args = parser.parse_args(argv)
    results = measure(args.incidents, args.requests, args.budget)
    print(f"{args.incidents} incidents, loopback, one uvicorn worker")
    print(f"{'endpoint':70} {'p50 ms':>8} {'p95 ms':>8} {'n':>4}")
    for path, (p50, p95, count) in results.items():
        print(f"{path:70} {p50 * 1000:8.1f} {p95 * 1000:8.1f} {count:4d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
