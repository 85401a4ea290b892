"""FastAPI factory of the reference platform: `create_app(db_url, faults=None, catalog_dir=None)`."""

from __future__ import annotations

import logging
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from central import api_devices, api_platform, api_records, status_page
from central.catalog import DEFAULT_CATALOG_DIR
from central.db import open_database
from central.errors import ApiError
from central.faults import FaultMiddleware, FaultSpec

log = logging.getLogger(__name__)

API_VERSION = "1.0.0"


def create_app(db_url: str, faults: FaultSpec | str | None = None,
               catalog_dir: str | Path | None = None,
               status_step_s: float | None = None) -> FastAPI:
    """The platform app; the database schema is created if missing. `faults` is a FaultSpec
    or its "key=value,..." text; `status_step_s` turns on the demo status progression
    (central/progress.py)."""
    app = FastAPI(title="Kiosk reference central platform", version=API_VERSION,
                  description="The HTTP/JSON contract between the 24-hour self-service kiosks "
                              "and the central platform (reference implementation).")
    app.state.sessions = open_database(db_url)
    # record uploads run on the event loop with SQLite, in threads otherwise (lean_route.py)
    app.state.uploads_inline = app.state.sessions.kw["bind"].dialect.name == "sqlite"
    app.state.status_step_s = status_step_s
    app.state.catalog_dir = Path(catalog_dir) if catalog_dir else DEFAULT_CATALOG_DIR
    _install_error_handlers(app)
    app.include_router(api_devices.router)
    app.include_router(api_records.router)
    app.include_router(api_records.records_router)
    app.include_router(api_platform.router)
    app.include_router(status_page.router)
    spec = faults if isinstance(faults, FaultSpec) else FaultSpec.parse(faults)
    if spec.active:
        log.warning("fault injection active: %s", spec)
        app.add_middleware(FaultMiddleware, spec=spec)
    return app


def _install_error_handlers(app: FastAPI) -> None:
    """Every error is JSON {"error", "detail", ...} as the contract says."""

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(exc.body(), status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg')}"
                    for e in exc.errors()]
        return JSONResponse({"error": "invalid", "detail": "; ".join(problems)}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return JSONResponse({"error": code, "detail": str(exc.detail)},
                            status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return JSONResponse({"error": "internal", "detail": type(exc).__name__},
                            status_code=500)
