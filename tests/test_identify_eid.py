"""Identify with the mobile e-ID code, end to end: the reference platform on loopback issues a
code to an enrolled terminal, the camera's scene source shows that code's QR on a phone, the
identify screen reads it through the QR scan screen, the platform resolves it on a worker thread
and the form opens with the person's name filled in. Expired and unknown codes are said."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from central.db import make_engine
from central.models import IdentityCode, utcnow
from kiosk.catalog import Catalog
from kiosk.context import Services
from screens.identify import e_id_person
from tests.test_qr_scan import phone  # noqa: F401  (fixture: a camera showing a phone's QR code)

pytest_plugins = ["tests.around_fixtures"]
RESIDENT = {"name": "李秀英", "id_number": "431002198506120027", "card_type": "resident"}  # invented
BUNDLE = "YJS001"


def issue_code(engine, identity: dict = RESIDENT) -> str:
    reply = engine.client.request("POST", "/v1/identity-codes", json_body=identity)
    assert reply.status == 201, reply.describe()
    return reply.body["code"]


def expire(platform, code: str) -> None:
    db = make_engine(platform.db_url)
    try:
        from sqlalchemy.orm import Session
        with Session(db) as session:
            session.get(IdentityCode, code).expires_at = utcnow() - timedelta(seconds=1)
            session.commit()
    finally:
        db.dispose()


@pytest.fixture
def e_id_kiosk(make_kiosk, kiosk_config, phone, engine):  # noqa: F811
    services = Services(camera=phone.service, sync=engine,
                        catalog=Catalog.load_dir(kiosk_config.catalog_path()))
    kiosk = make_kiosk(services=services)
    kiosk.ctx.health.set_online(True)   # what the sync service's online signal does in the app
    yield kiosk
    phone.service.stop()


def _open_identify(kiosk):
    kiosk.flow.go("identify")
    kiosk.ctx.session.entry = BUNDLE    # as the guide screen's 我要办理 leaves it
    return kiosk.flow.current()


def _scan(qtbot, kiosk, phone, text: str):  # noqa: F811
    screen = kiosk.flow.current()
    assert screen.e_id_button.isVisible()
    assert screen.e_id_button.text() == "用手机电子身份码"
    phone.show(text)
    qtbot.mouseClick(screen.e_id_button, Qt.MouseButton.LeftButton)
    assert kiosk.flow.current_name == "qr_scan"
    qtbot.waitUntil(lambda: kiosk.flow.current_name != "qr_scan", timeout=10000)
    screen.calls.wait()                   # the look-up's worker thread
    qtbot.waitUntil(lambda: screen.token is None, timeout=10000)
    return screen


def test_e_id_code_opens_the_form_with_the_name_filled_in(qtbot, e_id_kiosk, phone, engine):  # noqa: F811
    kiosk = e_id_kiosk
    _open_identify(kiosk)
    _scan(qtbot, kiosk, phone, issue_code(engine))
    assert kiosk.flow.current_name == "form"
    person = kiosk.ctx.session.person
    assert (person.name, person.card_type, person.sex_label, person.birth_date) == \
        ("李秀英", "e_id", "女", "1985-06-12")
    assert person.masked_id() == "431002********0027"
    form = kiosk.flow.current()
    _field, widget = form.inputs["applicant_name"]
    assert widget.get() == "李秀英"          # what the form shows in the name field
    assert form.draft.form["applicant_id_number"] == "431002198506120027"


def test_expired_and_unknown_codes_are_said_and_the_resident_stays(qtbot, e_id_kiosk, phone, engine,  # noqa: F811
                                                                    platform):
    kiosk = e_id_kiosk
    screen = _open_identify(kiosk)
    code = issue_code(engine)
    expire(platform, code)
    _scan(qtbot, kiosk, phone, code)
    assert kiosk.flow.current_name == "identify" and kiosk.ctx.session.person is None
    assert "已过期" in screen.state.text()
    _scan(qtbot, kiosk, phone, "00000000" if code != "00000000" else "00000001")
    assert "无法识别此电子身份码" in screen.state.text()
    assert kiosk.flow.current_name == "identify" and kiosk.ctx.session.person is None


def test_platform_gone_during_look_up_is_said(qtbot, e_id_kiosk, phone, engine, platform):  # noqa: F811
    kiosk = e_id_kiosk
    screen = _open_identify(kiosk)
    code = issue_code(engine)
    platform.stop()
    _scan(qtbot, kiosk, phone, code)
    assert "暂时无法核验" in screen.state.text()
    assert kiosk.ctx.session.person is None


def test_e_id_button_only_while_online(make_kiosk, phone, engine):  # noqa: F811
    kiosk = make_kiosk(services=Services(camera=phone.service, sync=engine))
    screen = kiosk.flow.go("identify")
    assert not screen.e_id_button.isVisible()          # online not known yet
    kiosk.ctx.health.set_online(True)
    assert screen.e_id_button.isVisible()
    kiosk.ctx.health.set_online(False)
    assert not screen.e_id_button.isVisible()
    without_camera = make_kiosk(services=Services(sync=engine))  # nothing to read a code with
    without_camera.ctx.health.set_online(True)
    assert not without_camera.flow.go("identify").e_id_button.isVisible()


def test_person_from_an_e_id_without_a_valid_number_keeps_birth_and_sex_empty():
    person = e_id_person({"name": " 王五 ", "id_number": "h12345678", "card_type": "hk"})
    assert (person.name, person.id_number, person.birth_date, person.sex_label) == ("王五", "H12345678",
                                                                                    None, None)
    assert person.masked_id() == "*********" and len(person.id_hash()) == 64
