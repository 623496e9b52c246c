"""Browser tests: Debian's chromium driven by Playwright against a live server on loopback.

Skipped (with the reason) when chromium or Playwright is absent; CI installs them with
``apt-get install -y chromium`` and the ``dev`` extra.  Screenshots are always taken (to a temporary
folder); ``WARLEDGER_SCREENSHOTS=1`` writes them to docs/screenshots/ to refresh the README's.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from webutil import PASSWORDS, copy_ledger

from warledger.store import open_ledger

REPO = Path(__file__).resolve().parents[2]
SHOTS = (
    REPO / "docs" / "screenshots"
    if os.environ.get("WARLEDGER_SCREENSHOTS")
    else Path(os.environ.get("TMPDIR", "/tmp")) / "warledger-screenshots"
)
CHROMIUM = os.environ.get("WARLEDGER_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]

if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
    pytest.skip(
        f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install -y chromium)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need playwright (the dev extra)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(built_ledger: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    from warledger.web import create_app

    folder = copy_ledger(built_ledger, tmp_path_factory.mktemp("browser") / "ledger")
    ledger = open_ledger(str(folder / "warledger.db"), archive_dir=folder / "archive")
    port = _free_port()
    config = uvicorn.Config(create_app(ledger), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)
    ledger.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(
            executable_path=CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"),
            args=ARGS,
            headless=True,
        )
        yield b
        b.close()


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1100, "height": 760})
    pg = context.new_page()
    pg.dialogs: list[str] = []  # type: ignore[misc]
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
    external: list[str] = []
    pg.on("request", lambda r: external.append(r.url) if not r.url.startswith(server) else None)
    pg.goto(f"{server}/login")
    pg.fill("input[name=username]", "ann")
    pg.fill("input[name=password]", PASSWORDS["ann"])
    pg.click("button[type=submit]")
    pg.wait_for_url(f"{server}/")
    yield pg
    assert external == [], f"the page fetched from outside the server: {external}"
    context.close()


def _ready(pg: Any) -> tuple[int, int]:
    pg.wait_for_selector("#map[data-ready='1']", state="attached", timeout=15000)
    pg.wait_for_selector("#timeline[data-ready='1']", state="attached", timeout=15000)
    pg.wait_for_selector("#map[data-basemap='1']", state="attached", timeout=15000)
    return int(pg.get_attribute("#map", "data-markers")), int(pg.get_attribute("#timeline", "data-days"))


def _shot(pg: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / name))


def test_map_timeline_and_date_filter(page: Any, server: str) -> None:
    markers, days = _ready(page)
    api = page.request.get(f"{server}/api/v1/map").json()
    assert markers == len(api["points"]) and markers > 1
    assert page.locator(".leaflet-interactive, .marker-cluster").count() > 0
    assert page.locator("#timeline canvas").count() >= 1
    _shot(page, "map-timeline.png")
    # zoomed in, the Natural Earth province lines are drawn (map.js ADMIN1_ZOOM = 4)
    for _ in range(4):
        if page.get_attribute("#map", "data-admin1") == "1":
            break
        page.click(".leaflet-control-zoom-in")
        page.wait_for_timeout(600)  # a click during the zoom animation is ignored
    page.wait_for_selector("#map[data-admin1='1']", state="attached", timeout=15000)
    assert page.locator(".leaflet-admin1-pane path").count() >= 1
    _shot(page, "map-admin1.png")

    page.fill("#f-since", "2022-04-06")
    page.fill("#f-until", "2022-04-07")
    page.click("#f-apply")
    page.wait_for_url("**since=2022-04-06**")
    filtered_markers, filtered_days = _ready(page)
    expected = page.request.get(f"{server}/api/v1/map?since=2022-04-06&until=2022-04-07").json()["points"]
    assert filtered_markers == len(expected) and filtered_markers < markers
    assert filtered_days < days
    rows = page.locator("#incidents tbody tr").count()
    total = page.request.get(f"{server}/api/v1/incidents?since=2022-04-06&until=2022-04-07").json()["total"]
    assert rows == total
    _shot(page, "map-filtered.png")


def test_brushing_the_timeline_filters_the_map(page: Any, server: str) -> None:
    _ready(page)
    box = page.locator("#timeline .u-over").bounding_box()
    assert box is not None
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 2, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.3, y, steps=5)
    page.mouse.up()
    page.wait_for_url("**until=**")
    assert "since=" in page.url
    markers, _days = _ready(page)
    since = page.input_value("#f-since")
    until = page.input_value("#f-until")
    expected = page.request.get(f"{server}/api/v1/map?since={since}&until={until}").json()["points"]
    assert markers == len(expected)


def test_review_queue_page(page: Any, server: str) -> None:
    page.goto(f"{server}/review")
    before = page.locator("tr.queue-item").count()
    assert before > 0
    page.locator("tr.queue-item button.confirm").first.click()
    page.wait_for_url(f"{server}/review")
    assert page.locator("tr.queue-item").count() in (before - 1, 100)
    # keyboard: j selects the second row, x rejects it
    second = page.locator("tr.queue-item").nth(1).inner_text()
    page.keyboard.press("j")
    assert "selected" in (page.locator("tr.queue-item").nth(1).get_attribute("class") or "")
    _shot(page, "review-queue.png")
    page.keyboard.press("x")
    page.wait_for_load_state("load")
    page.wait_for_selector("tr.queue-item.selected")
    assert second not in page.inner_text("table.queue")
    rejected = [
        e for e in page.request.get(f"{server}/api/v1/figures?limit=1000").json()["items"] if e["review"]
    ]
    assert {e["review"] for e in rejected} == {"confirmed", "rejected"}


def test_open_incident_confirm_a_figure_and_see_the_audit_entry(page: Any, server: str) -> None:
    _ready(page)
    items = page.request.get(f"{server}/api/v1/incidents?limit=1000").json()["items"]
    target = next(i for i in items if i["killed_best"])
    page.click(f"#incidents a[href='/incidents/{target['id']}']")
    page.wait_for_selector("h2:has-text('Casualty ledger')")
    row = page.locator("tr.figure").first
    row.locator("button.confirm").click()
    page.wait_for_url(f"**/incidents/{target['id']}#history")
    audit_row = page.locator("tr.audit-review-confirmed").last
    assert "ann" in audit_row.inner_text()
    assert page.locator("tr.figure.review-confirmed").count() >= 1
    _shot(page, "incident-history.png")
    page.evaluate("document.querySelector('tr.figure.review-confirmed').scrollIntoView({block: 'center'})")
    _shot(page, "incident-ledger.png")
    page.goto(f"{server}/audit?verify=1")
    assert "The chain verifies" in page.inner_text("#verify")


def test_hostile_document_executes_nothing(page: Any, server: str) -> None:
    docs = page.request.get(f"{server}/api/v1/documents?limit=1000").json()["items"]
    doc = next(d for d in docs if d["origin"].endswith("hostile-kramatorsk.txt"))
    page.goto(f"{server}/documents/{doc['doc_id']}")
    page.wait_for_selector("#doctext")
    text = page.inner_text("#doctext")
    assert "<script>window.__xss = 1; alert(1)</script>" in text
    assert 'onerror="window.__xss = 2' in text and "javascript:window.__xss = 3" in text
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("#doctext script, #doctext img, #doctext svg, #doctext iframe").count() == 0
    assert page.locator("a[href^='javascript:']").count() == 0
    assert page.dialogs == []  # type: ignore[attr-defined]
    assert page.locator("#doctext .k-figure").count() >= 1  # the figure is still highlighted
    page.locator("#doctext .k-figure").first.click()
    assert "#x-fig-" in page.url
    page.evaluate("document.querySelector('#doctext .k-figure').scrollIntoView()")
    _shot(page, "document-hostile-escaped.png")


def test_ingest_an_upload_from_the_browser(page: Any, server: str, tmp_path: Path) -> None:
    report = tmp_path / "lyman-strike.txt"
    report.write_text(
        "Missile strike kills four in Lyman\n\nPublished: 2022-10-12\n\n"
        "LYMAN, Ukraine — A Russian missile strike killed four civilians in Lyman on Tuesday, "
        "the regional governor, Pavlo Kyrylenko, said.\n",
        encoding="utf-8",
    )
    page.click("nav a[href='/ingest']")
    page.set_input_files("#ingest-form input[type=file]", str(report))
    page.click("#ingest-form button[type=submit]")
    page.wait_for_selector("#job[data-state='done']", timeout=90000)  # the page refreshes until done
    assert "1 new" in page.inner_text("#report")
    _shot(page, "ingest-report.png")
    page.click("#job table a")
    page.wait_for_selector("#doctext")
    assert "Lyman" in page.inner_text("#doctext")
    found = page.request.get(f"{server}/api/v1/incidents?q=lyman").json()
    assert found["total"] >= 1
