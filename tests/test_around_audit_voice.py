"""电子监察 audit trail (batched through the real store, no personal data) and voice guidance."""

from __future__ import annotations

import json

import pytest

from kiosk.audit import AuditTrail, attach_audit
from kiosk.services.voice import RecordingVoice, VoiceService, choose_engine, prompt_file
from kiosk.session import Staff
from tests.around_helpers import services

pytest_plugins = ["tests.around_fixtures"]


def _batches(store):
    return [i.body["events"] for i in store.claim_due(100) if i.kind == "audit_batch"]


def test_journey_is_audited_in_batches_without_personal_data(make_kiosk, store):
    kiosk = make_kiosk(services=services(store=store))
    trail = attach_audit(kiosk, batch_size=1000, max_age_s=3600)
    assert kiosk.ctx.services.audit is trail
    _batches(store)  # what the bootstrap's own trail saw (home), flushed when it was replaced
    kiosk.ctx.set_staff(Staff("BB009", "王帮办"))
    kiosk.flow.go("ticket").take("A", "综合受理")
    feedback = kiosk.flow.go("feedback")
    feedback.category_buttons["complaint_suggestion"].click()
    feedback.text.setPlainText("张三丰 110101199003074514 投诉")
    feedback.phone.setText("13812345678")
    feedback.submit()
    assert _batches(store) == []                     # buffered until the session ends
    kiosk.flow.home("completed")
    [events] = _batches(store)
    kinds = [e["event"] for e in events]
    assert kinds[0] == "screen_entered" and "ticket_issued" in kinds
    assert {"feedback_queued", "screen_left", "session_ended"} <= set(kinds)
    left = [e for e in events if e["event"] == "screen_left"]
    assert all(isinstance(e["ms"], int) and e["ms"] >= 0 for e in left)
    assert all(e["assisted_by"] == "BB009" for e in events if e["event"] != "session_ended")
    dumped = json.dumps(events, ensure_ascii=False)
    for secret in ("张三丰", "110101199003074514", "13812345678", "王帮办", "投诉"):
        assert secret not in dumped


def test_batches_flush_by_count_and_by_age(store):
    now = [1000.0]
    trail = AuditTrail(store, batch_size=3, max_age_s=30, clock=lambda: now[0])
    for name in ("home", "query", "rate"):
        trail.screen_changed(name)
    assert len(_batches(store)) == 1                 # 5 events: flushed at the third
    trail.note("x")
    now[0] += 31
    trail.note("y")                                  # the oldest buffered event is 31 s old
    assert [len(b) for b in _batches(store)] == [3]


def test_personal_fields_are_refused():
    trail = AuditTrail(None)
    with pytest.raises(ValueError, match="'id_number'"):
        trail.note("oops", id_number="110101199003074514")
    with pytest.raises(ValueError, match="scalar"):
        trail.note("oops", matter={"a": 1})


def test_store_failure_keeps_events_for_the_next_flush(caplog):
    class Broken:
        calls = 0

        def enqueue_audit(self, events):
            self.calls += 1
            if self.calls == 1:
                raise OSError("disk full")
            return "uuid"

    trail = AuditTrail(Broken(), batch_size=100)
    trail.note("a")
    assert trail.flush() is None and len(trail.buffer) == 1 and "disk full" in caplog.text
    assert trail.flush() == "uuid" and trail.buffer == []


def test_screens_speak_their_prompt_when_voice_is_on(make_kiosk):
    voice = RecordingVoice()
    kiosk = make_kiosk(services=services(voice=voice))
    kiosk.flow.go("ticket")
    assert voice.said == []                           # voice off by default in normal mode
    kiosk.ctx.set_elder(True)                         # on by default in elder mode
    kiosk.flow.home("test")
    kiosk.flow.go("ticket")
    assert voice.said[-1][0] == "ticket" and voice.said[-1][1]


def test_voice_prefers_a_recording_then_a_real_engine(tmp_path):
    (tmp_path / "ticket.wav").write_bytes(b"RIFF")
    assert prompt_file("ticket", tmp_path) == tmp_path / "ticket.wav"
    assert prompt_file("query", tmp_path) is None
    assert prompt_file("../etc/passwd", tmp_path) is None
    assert choose_engine(["mock", "speechd"]) == "speechd"
    assert choose_engine(["mock"]) is None


def test_voice_without_recording_or_engine_is_silent(qapp, tmp_path, monkeypatch):
    service = VoiceService(prompt_dir=tmp_path)
    monkeypatch.setattr(service, "_speech", lambda: None)
    service.say("query", "请扫描回执二维码")
    assert service.last_backend == "silent"
    service.stop()
