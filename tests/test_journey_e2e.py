"""The whole apply journey through the real app offscreen, with the ID-card simulator on a pty,
the simulated document camera, the virtual printer on TCP, a real SQLite store and the reference
platform (its own process, loopback HTTP) with this terminal enrolled: afterwards the platform
holds the submission with every attachment byte-identical and the rating, the virtual printer
holds the receipt (ID number masked), and nothing of the person is left on screen."""

import hashlib
import json

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from kiosk.app import Kiosk
from kiosk.demo import DemoRig
from kiosk.journeys.apply import apply_journey, wait_for
from kiosk.services.voice import RecordingVoice
from kiosk.walkthrough import Walk


@pytest.fixture
def rig(tmp_path, qapp):
    demo = DemoRig(tmp_path / "rig", voice=RecordingVoice())
    demo.start()
    yield demo
    demo.stop()


def _platform_rows(db_url):
    from central.db import database
    from central.models import Attachment, Rating, Submission
    with database(db_url) as sessions, sessions() as session:
        submissions = [json.loads(s.body_json) for s in session.scalars(select(Submission))]
        ratings = [json.loads(r.body_json) for r in session.scalars(select(Rating))]
        blobs = {a.sha256: bytes(a.data) for a in session.scalars(select(Attachment))}
    return submissions, ratings, blobs


def test_bundle_application_reaches_the_platform_once(rig, tmp_path):
    kiosk = Kiosk(rig.config, services=rig.services, health=rig.health)
    kiosk.rig = rig
    kiosk.start()
    try:
        walk = Walk(kiosk, tmp_path / "shots", "portrait")
        walk.out.mkdir()
        apply_journey(walk)
        assert kiosk.flow.current_name == "home" and not kiosk.flow.in_session
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        name = rig.resident().fields["name"].strip()
        left = [(type(w).__name__, w.objectName()) for w in QApplication.allWidgets()
                if callable(getattr(w, "text", None)) and isinstance(w.text(), str) and name in w.text()]
        assert not left, left
        store = rig.services.store.store
        local = {item["kind"]: item for item in store.list_items()}
        assert {"submission", "rating"} <= set(local)
        # the sync engine sends by itself (woken by the enqueue); wait for the platform's answer
        assert wait_for(lambda: store.counts().get("accepted", 0) >= 2, 30), store.counts()
        # the resident comes back: the platform answers the progress query, and the receipt of an
        # application made here can be printed again
        receipt_no = local["submission"]["ref_no"]
        query = kiosk.flow.go("query")
        _site, _device, day, sequence, _check = receipt_no.split("-")
        for digit in day + sequence:
            walk.tap(query.entry.keypad.keys[digit])
        walk.tap(query.entry.keypad.keys["ok"])
        query.calls.wait()
        assert wait_for(lambda: receipt_no in query.reprint_buttons, 10)
        printed = len(rig.printer.jobs)
        walk.tap(query.reprint_buttons[receipt_no])
        assert wait_for(lambda: len(rig.printer.jobs) > printed, 10)
        kiosk.flow.home("exit")
        kept = store.application(receipt_no)
        kept_body = kept.get("body", kept)
        kiosk_bytes = {a["sha256"]: store.read_attachment(a["sha256"]) for a in kept_body["attachments"]}
    finally:
        kiosk.shutdown()
        kiosk.ctx.authorised_exit = True
        kiosk.window.close()
        kiosk.window.deleteLater()
    submissions, ratings, blobs = _platform_rows(rig.platform.db_url)
    assert len(submissions) == 1 and len(ratings) == 1
    body = submissions[0]
    assert ratings[0]["receipt_no"] == body["receipt_no"]
    assert any(m["status"] == "received" and m["attachments"] for m in body["materials"])
    assert any(a["name"] == "签名.png" for a in body["attachments"])
    assert kiosk_bytes and set(kiosk_bytes) == {a["sha256"] for a in body["attachments"]}
    for attachment in body["attachments"]:
        data = blobs[attachment["sha256"]]
        assert data == kiosk_bytes[attachment["sha256"]]        # byte-identical end to end
        assert hashlib.sha256(data).hexdigest() == attachment["sha256"] and len(data) == attachment["size"]
    job = rig.printer.jobs[-1]
    text = "\n".join(job.lines)
    assert "受理回执" in text
    assert body["receipt_no"].replace("-", "") in text.replace("-", "")
    assert body["applicant"]["id_number"] not in text       # masked on paper
    assert list((tmp_path / "shots").glob("*receipt-printed*"))
