"""Helpers shared by the web tests: users and passwords, the hostile report, signing in."""

from __future__ import annotations

import re
import shutil
import warnings
from pathlib import Path

with warnings.catch_warnings():  # starlette's notice that it prefers httpx2; httpx is what we pin
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

PASSWORDS = {"vera": "viewer-pass-1", "ann": "analyst-pass-1", "adam": "admin-pass-1"}
ROLES = {"vera": "viewer", "ann": "analyst", "adam": "admin"}
HOSTILE = (
    "Shelling kills three civilians in Kramatorsk <script>window.__xss = 1; alert(1)</script>\n\n"
    "Published: 2022-04-09\n\n"
    "KRAMATORSK, Ukraine — Russian shelling killed three civilians in Kramatorsk on Friday, the regional "
    'governor, Pavlo Kyrylenko, said. <img src=x onerror="window.__xss = 2; alert(2)"> Witnesses said '
    '<a href="javascript:window.__xss = 3">click here</a> the strikes hit a bus stop. '
    '<svg onload="window.__xss = 4"></svg> <iframe src="javascript:alert(5)"></iframe>\n'
)


def copy_ledger(src: Path, dest: Path) -> Path:
    shutil.copytree(src, dest)
    return dest


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no CSRF token in the page"
    return found.group(1)


def sign_in(c: TestClient, name: str, password: str | None = None) -> None:
    page = c.get("/login")
    r = c.post(
        "/login",
        data={"username": name, "password": password or PASSWORDS[name], "csrf_token": csrf_of(page.text)},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
