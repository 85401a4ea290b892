"""The whole apply journey through the real app offscreen, with the ID-card simulator on a pty,
generated camera scenes, the virtual printer on TCP and a real SQLite store: afterwards the
store holds the submission (attachments byte-identical to what was captured, signature
included) and the rating, and the virtual printer holds the receipt."""

import hashlib
import json

import pytest

from kiosk.app import Kiosk
from kiosk.demo import DemoRig
from kiosk.journeys.apply import apply_journey
from kiosk.walkthrough import Walk


@pytest.fixture
def rig(tmp_path, qapp):
    demo = DemoRig(tmp_path / "rig")
    demo.start()
    yield demo
    demo.stop()


def test_bundle_application_end_to_end(rig, tmp_path, qapp):
    kiosk = Kiosk(rig.config, services=rig.services, health=rig.health)
    kiosk.rig = rig
    kiosk.start()
    try:
        walk = Walk(kiosk, tmp_path / "shots", "portrait")
        walk.out.mkdir()
        apply_journey(walk)
        assert kiosk.flow.current_name == "home" and not kiosk.flow.in_session
    finally:
        kiosk.shutdown()
        kiosk.ctx.authorised_exit = True
        kiosk.window.close()
        kiosk.window.deleteLater()
    store = rig.services.store.store
    items = store.list_items()
    kinds = sorted(item["kind"] for item in items)
    assert kinds.count("submission") == 1 and kinds.count("rating") == 1
    submission = next(i for i in items if i["kind"] == "submission")
    receipt_no = submission["ref_no"] if "ref_no" in submission else submission.get("receipt_no")
    app = store.application(receipt_no)
    assert app is not None
    body = app.get("body", app)
    dumped = json.dumps(body, ensure_ascii=False)
    assert "签名.png" in dumped                       # the signature went along as an attachment
    assert any(m["status"] == "received" for m in body["materials"])
    for attachment in body["attachments"]:
        data = store.read_attachment(attachment["sha256"])
        assert len(data) == attachment["size"]
        assert hashlib.sha256(data).hexdigest() == attachment["sha256"]
    job = rig.printer.jobs[-1]
    text = "\n".join(job.lines)
    assert "受理回执" in text
    assert receipt_no.replace("-", "") in text.replace("-", "")
    assert body["applicant"]["id_number"] not in text       # masked on paper
    assert list((tmp_path / "shots").glob("*receipt-printed*"))
