"""A lighter request path for the hot signed uploads (PUT submissions, ratings, feedback,
audit batches), keeping their FastAPI declarations — and so the OpenAPI document — as is.

Profiling the platform under `kioskctl bench sync` showed FastAPI's generic dependency
solving and response serialisation costing more CPU than the endpoint's own work. These
endpoints all take the same few parameters, so `LeanRoute.get_route_handler` (FastAPI's
documented hook for custom route classes) resolves them directly: the raw body, the signing
headers, the path parameters and the JSON body validated by FastAPI's own validators (same
error texts), the session factory, a Response for the status code. The endpoint function is
the one implementation either way; it runs in the thread pool as before.

Order of refusals as FastAPI gives them: malformed JSON (422), then the signing headers (401),
then the path and body validation (422 with every problem).
"""

from __future__ import annotations

import asyncio
import email.message
import functools
import inspect
import json
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.dependencies.utils import request_body_to_args, request_params_to_args
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from pydantic_core import PydanticUndefined

from central.auth import parse_signed_call
from central.deps import path_with_query

# Parameter names the lean handler fills itself; any other must be the path or body model.
_PROVIDED = {"signed", "body", "sessions", "response"}
# Where the endpoint runs (app.state.uploads_inline, set by create_app):
# - PostgreSQL: the event loop's default executor (a plain thread pool, shut down with the
#   loop) rather than starlette's run_in_threadpool, whose anyio limiter, cancel scopes and
#   run-vars were ~4 % of the CPU per upload (py-spy). Database round trips must not block
#   the loop there.
# - SQLite: on the event loop itself. SQLite takes one writer at a time anyway, and the hop
#   to a worker thread and back, with the interpreter lock passed to and fro, cost a quarter
#   of the platform's CPU per upload (bench sync, 4,000 items, load 3.6-4.8: 1.34-1.44 ->
#   0.98-1.02 ms/item). The price: while another process holds the database's write lock,
#   this worker's loop waits with it (the multi-worker SQLite set-up is for tests).


@functools.lru_cache(maxsize=64)  # a kiosk sends the same few content types every time
def _is_json(content_type: str | None) -> bool:
    if not content_type:
        return False
    message = email.message.Message()
    message["content-type"] = content_type
    subtype = message.get_content_subtype()
    return message.get_content_maintype() == "application" and (
        subtype == "json" or subtype.endswith("+json"))


class LeanRoute(APIRoute):
    """An APIRoute whose request handling skips FastAPI's generic machinery (see module doc).
    Only for endpoints whose parameters are path parameters, one JSON body model, and any of
    signed / body / sessions / response; anything else is refused when the route is built."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        endpoint = self.endpoint
        path_fields = list(self.dependant.path_params)
        body_fields = list(self.dependant.body_params)
        embed = self._embed_body_fields
        names = set(inspect.signature(endpoint).parameters)
        handled = _PROVIDED | {f.name for f in path_fields} | {f.name for f in body_fields}
        if unknown := names - handled:
            raise TypeError(f"{endpoint.__name__}: LeanRoute cannot provide {sorted(unknown)}")
        wants = names & _PROVIDED
        status_code = self.status_code or 200

        async def handler(request: Request) -> Response:
            raw = await request.body()
            received: Any = PydanticUndefined  # no body: 'Field required', as FastAPI says
            if raw and _is_json(request.headers.get("content-type")):
                try:
                    received = json.loads(raw)
                except json.JSONDecodeError as exc:
                    raise RequestValidationError([{
                        "type": "json_invalid", "loc": ("body", exc.pos),
                        "msg": "JSON decode error", "input": {},
                        "ctx": {"error": exc.msg}}]) from exc
            elif raw:
                received = raw  # not JSON: the body model refuses it, as FastAPI would
            call = parse_signed_call(request.method, path_with_query(request),
                                     request.headers, raw)
            values, errors = request_params_to_args(path_fields, request.path_params)
            if body_fields:
                body_values, body_errors = await request_body_to_args(
                    body_fields, received, embed)
                values.update(body_values)
                errors += body_errors
            if errors:
                raise RequestValidationError(errors)
            response = Response(status_code=status_code)
            provided = {"signed": call, "body": raw, "sessions": request.app.state.sessions,
                        "response": response}
            values.update({name: provided[name] for name in wants})
            if request.app.state.uploads_inline:
                reply = endpoint(**values)
            else:
                reply = await asyncio.get_running_loop().run_in_executor(
                    None, functools.partial(endpoint, **values))
            return JSONResponse(reply.model_dump(mode="json"),
                                status_code=response.status_code or status_code)

        return handler
