"""Browser test: correcting a figure's place from the review queue with the keyboard only."""

from __future__ import annotations

from typing import Any

from test_browser import _shot, browser, page, server  # noqa: F401  (fixtures)


def test_correct_a_place_from_the_queue_with_the_keyboard(page: Any, server: str) -> None:  # noqa: F811
    page.goto(f"{server}/review")
    page.wait_for_selector("tr.queue-item.selected")
    incident = page.get_attribute("tr.queue-item.selected a.incident", "href")
    page.keyboard.press("p")
    assert page.evaluate("document.activeElement.classList.contains('place-name')")
    page.keyboard.type("Lviv")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{server}/review/place?**")
    page.wait_for_selector("input[name=geonameid]:checked")
    assert page.evaluate("document.activeElement.name") == "geonameid"  # the first entry has focus
    _shot(page, "review-place.png")
    page.keyboard.press("Enter")  # submits the choice
    page.wait_for_url(f"{server}/review")
    page.goto(f"{server}{incident}")
    text = page.inner_text("body")
    assert "Lviv" in text and "review-place" in text
