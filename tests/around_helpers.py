"""Helpers of the around-the-application tests."""

from __future__ import annotations


def services(**kw):
    from kiosk.context import Services
    from kiosk.services.applications import ApplicationStore
    if kw.get("store") is not None:
        kw["store"] = ApplicationStore(kw["store"])
    return Services(**kw)


def job_text(job) -> str:
    return "".join(job.lines).replace(" ", "")
