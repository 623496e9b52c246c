"""Ingest from the browser (pages ``/ingest`` and API ``/api/v1/ingest``): analysts only, CSRF
checked; the job runs in the background (:mod:`warledger.web.ingest_jobs`) and its page or JSON
shows the progress and then the report."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Header, HTTPException, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from warledger.web.ingest_jobs import IngestJob, IngestRunner, Upload, check_urls
from warledger.web.pages import Reader, analyst_post
from warledger.web.security import Viewer, csrf_ok

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/v1", tags=["ingest"])


def runner(request: Request) -> IngestRunner:
    return request.app.state.ingest


def _analyst_reader(viewer: Viewer) -> Viewer:
    if not viewer.can("analyst"):
        raise HTTPException(403, "only a signed-in analyst can ingest")
    return viewer


async def _uploads(files: list[UploadFile] | None) -> list[Upload]:
    out: list[Upload] = []
    for f in files or []:
        out.append(Upload(f.filename or "upload.txt", await f.read()))
    return out


@pages.get("/ingest")
def ingest_page(request: Request, viewer: Reader) -> Response:
    from warledger.web.app import render

    _analyst_reader(viewer)
    return render(request, "ingest.html", {"viewer": viewer, "job": None, "jobs": runner(request).recent()})


@pages.post("/ingest")
async def ingest_post(
    request: Request,
    files: Annotated[list[UploadFile] | None, File()] = None,
    urls: Annotated[str, Form()] = "",
    csrf_token: Annotated[str | None, Form()] = None,
) -> Response:
    analyst = analyst_post(request, csrf_token)
    job = runner(request).start(str(analyst.name), await _uploads(files), check_urls(urls))
    return RedirectResponse(f"/ingest/{job.id}", status_code=303)


@pages.get("/ingest/{job_id}")
def ingest_job_page(request: Request, job_id: str, viewer: Reader) -> Response:
    from warledger.web.app import render

    _analyst_reader(viewer)
    job = _job(request, job_id)
    return render(request, "ingest.html", {"viewer": viewer, "job": job, "jobs": runner(request).recent()})


def _job(request: Request, job_id: str) -> IngestJob:
    job = runner(request).get(job_id)
    if job is None:
        raise HTTPException(404, f"no ingest job {job_id}")
    return job


def _api_analyst(request: Request, token: str | None) -> Viewer:
    from warledger.web.pages import current

    viewer = current(request)
    if not csrf_ok(request, token):
        raise HTTPException(403, "missing or stale X-CSRF-Token (GET /api/v1/me gives it)")
    return _analyst_reader(viewer)


@api.post("/ingest", summary="Upload files and/or URLs to ingest (analyst; X-CSRF-Token header)")
async def api_ingest(
    request: Request,
    files: Annotated[
        list[UploadFile] | None, File(description="Reports: .txt .html .json .jsonl .rss …")
    ] = None,
    urls: Annotated[str, Form(description="URLs or feed URLs, one per line")] = "",
    x_csrf_token: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    analyst = _api_analyst(request, x_csrf_token)
    job = runner(request).start(str(analyst.name), await _uploads(files), check_urls(urls))
    return job.as_dict()


@api.get("/ingest/{job_id}", summary="An ingest job's state and, when done, its report (analyst)")
def api_ingest_job(request: Request, job_id: str) -> dict[str, Any]:
    from warledger.web.api import api_reader

    _analyst_reader(api_reader(request))
    return _job(request, job_id).as_dict()
