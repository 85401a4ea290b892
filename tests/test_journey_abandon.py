"""An application abandoned half-way (card read, form filled, a page photographed, then 退出 or
the idle timeout) leaves nothing on disk: no queued item, no attachment file, no session folder."""

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from kiosk.app import Kiosk
from kiosk.application import Draft
from kiosk.demo import DemoRig
from kiosk.services.voice import RecordingVoice
from kiosk.showcase import wait_for


@pytest.fixture
def rig(tmp_path, qapp):
    demo = DemoRig(tmp_path / "rig", platform=False, voice=RecordingVoice())
    demo.start()
    yield demo
    demo.stop()


def _files(folder):
    return sorted(p.relative_to(folder) for p in folder.rglob("*") if p.is_file())


@pytest.mark.parametrize("how", ["exit", "timeout"])
def test_abandoned_application_leaves_nothing_on_disk(rig, how):
    kiosk = Kiosk(rig.config, services=rig.services, health=rig.health)
    kiosk.start()
    data_dir = rig.config.paths.data_path()
    store = rig.services.store.store
    try:
        before_files = _files(data_dir / "attachments") if (data_dir / "attachments").exists() else []
        before_items = [i for i in store.list_items() if i["kind"] != "audit_batch"]
        catalog = rig.services.catalog
        code = next(iter(catalog.bundles))
        kiosk.ctx.session.entry = code
        kiosk.flow.go("identify")
        kiosk.ctx.session.data["draft"] = Draft.start(catalog.merged(code), None)
        rig.reader.place(rig.resident())
        screen = kiosk.flow.current()
        assert wait_for(lambda: screen.confirm_button.isVisible(), 10)
        screen.confirm()
        assert kiosk.flow.current_name == "form"
        draft = kiosk.ctx.session.data["draft"]
        material = next(r.name for r in draft.merged.materials if not r.reusable)
        capture = kiosk.flow.go("capture", material=material)
        if not wait_for(lambda: bool(draft.materials[material].pages), 10):
            capture._shoot()           # the person touches 立即拍照 when auto-capture has not fired
        assert wait_for(lambda: bool(draft.materials[material].pages), 10), "no page was captured"
        session_dir = kiosk.ctx.session.temp_dir()
        if how == "exit":
            capture.on_exit()
        else:
            kiosk.window.countdown.start(1)
            assert wait_for(lambda: kiosk.flow.current_name == "home", 5)
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        assert kiosk.flow.current_name == "home" and not kiosk.flow.in_session
        assert not session_dir.exists()
        # only the audit trail's batch (no personal data) may have been queued
        assert [i for i in store.list_items() if i["kind"] != "audit_batch"] == before_items
        after_files = _files(data_dir / "attachments") if (data_dir / "attachments").exists() else []
        assert after_files == before_files
        assert kiosk.ctx.session.data == {}
    finally:
        kiosk.shutdown()
        kiosk.ctx.authorised_exit = True
        kiosk.window.close()
        kiosk.window.deleteLater()
