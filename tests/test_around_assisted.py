"""帮办代办: staff sign-in with own card + PIN from the admin screen, banner, records carry the
staff member, manual identity only in assisted mode, sign-out and idle timeout end it."""

from __future__ import annotations

import hashlib

import pytest

from kiosk.pin import hash_pin
from kiosk.session import Staff
from kiosk.staff import StaffDirectory
from tests.around_helpers import services

pytest_plugins = ["tests.around_fixtures"]

STAFF_ID_NUMBER = "430102198001015138"          # invented (the demo helper of config/kiosk.toml)
STAFF_HASH = hashlib.sha256(STAFF_ID_NUMBER.encode()).hexdigest()
RESIDENT = "110101199003074514"                 # invented


@pytest.fixture
def fast_staff(monkeypatch):
    """One staff entry with a cheap PIN hash (PBKDF2 at 120 000 rounds is slow on purpose)."""
    import screens.assisted as assisted
    from kiosk.config import StaffEntry
    entry = StaffEntry(staff_id="BB009", name="王帮办", id_hash=STAFF_HASH,
                       pin_hash=hash_pin("2468", iterations=1000))
    monkeypatch.setattr(assisted, "_directory", StaffDirectory([entry], max_attempts=3,
                                                               lockout_seconds=60))
    return entry


def _type(screen, digits):
    for digit in digits:
        screen._key(digit)
    screen._key("ok")


def test_directory_locks_after_wrong_pins_and_knows_no_strangers():
    from kiosk.config import StaffEntry
    now = [0.0]
    entry = StaffEntry(staff_id="BB1", name="甲", id_hash=STAFF_HASH, pin_hash=hash_pin("1", iterations=1000))
    directory = StaffDirectory([entry], max_attempts=2, lockout_seconds=10, clock=lambda: now[0])
    assert directory.sign_in("0" * 64, "1") == ("unknown", None)
    assert directory.sign_in(STAFF_HASH, "9")[0] == "wrong"
    assert directory.sign_in(STAFF_HASH, "9")[0] == "locked"
    assert directory.sign_in(STAFF_HASH, "1")[0] == "locked"
    now[0] = 11
    assert directory.sign_in(STAFF_HASH, "1") == ("ok", Staff("BB1", "甲"))


def test_config_default_staff_entry_is_valid():
    from kiosk.config import load_config
    [entry] = load_config(environ={}).staff
    assert entry.id_hash == STAFF_HASH and entry.pin_hash.startswith("pbkdf2_sha256$")


def test_sign_in_from_admin_banner_records_and_sign_out(make_kiosk, store, fast_staff):
    kiosk = make_kiosk(services=services(store=store))
    admin = kiosk.flow.go("admin")
    admin.assisted.click()
    screen = kiosk.flow.current()
    assert kiosk.flow.current_name == "staff_sign_in" and not screen.keypad.isVisible()
    screen.card_read("f" * 64)
    assert "staff list" in screen.prompt.text() or "名单" in screen.prompt.text()
    screen.card_read(STAFF_HASH)
    _type(screen, "1111")
    assert kiosk.ctx.staff is None and ("Wrong" in screen.prompt.text() or "错误" in screen.prompt.text())
    _type(screen, "2468")
    assert kiosk.ctx.staff == Staff("BB009", "王帮办")
    assert kiosk.window.banner.isVisibleTo(kiosk.window) and "王帮办" in kiosk.window.banner_label.text()
    screen.home_button.click()
    assert kiosk.flow.current_name == "home" and kiosk.ctx.staff is not None
    # a record made now carries the helper
    feedback = kiosk.flow.go("feedback")
    feedback.category_buttons["consultation"].click()
    feedback.text.setPlainText("帮老人咨询")
    feedback.submit()
    [item] = [i for i in store.claim_due(10) if i.kind == "feedback"]
    assert item.body["assisted_by"] == {"staff_id": "BB009", "name": "王帮办"}
    assert kiosk.ctx.session.assisted_by == Staff("BB009", "王帮办")
    kiosk.flow.go("staff_sign_in").sign_out()
    assert kiosk.ctx.staff is None and not kiosk.window.banner.isVisibleTo(kiosk.window)


def test_idle_timeout_ends_the_staff_sign_in(make_kiosk, fast_staff):
    kiosk = make_kiosk()
    screen = kiosk.flow.go("staff_sign_in")
    screen.card_read(STAFF_HASH)
    _type(screen, "2468")
    assert kiosk.ctx.staff is not None
    kiosk.flow.end_session("back")
    assert kiosk.ctx.staff is not None          # leaving a screen is not a timeout
    kiosk.flow.go("feedback")
    kiosk.window.countdown.expired.emit()       # what the idle countdown does when it runs out
    assert kiosk.ctx.staff is None and not kiosk.window.banner.isVisibleTo(kiosk.window)


def test_manual_identity_only_in_assisted_mode_and_checked(make_kiosk):
    kiosk = make_kiosk()
    screen = kiosk.flow.go("manual_identity")
    assert not screen.next_button.isEnabled()
    screen.submit()
    assert kiosk.ctx.session.person is None and screen.message.isVisible()
    kiosk.flow.home("test")
    kiosk.ctx.set_staff(Staff("BB009", "王帮办"))
    screen = kiosk.flow.go("manual_identity", next_screen="feedback")
    screen.name_edit.setText("张三丰")
    screen.id_edit.setText(RESIDENT[:-1] + "0")          # wrong check digit
    screen.submit()
    assert "why" in screen.message.text() or "原因" in screen.message.text()
    screen.reason_buttons["card_damaged"].click()
    screen.submit()
    assert kiosk.ctx.session.person is None and screen.message.isVisible()
    screen.id_edit.setText(RESIDENT.lower())
    screen.sex_buttons["男"].click()
    screen.submit()
    person = kiosk.ctx.session.person
    assert kiosk.flow.current_name == "feedback"
    assert (person.name, person.id_number, person.card_type, person.reason, person.sex_label) == \
        ("张三丰", RESIDENT, "manual", "card_damaged", "男")
