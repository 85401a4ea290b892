"""帮办代办: a helper signs in with their own ID card plus PIN ("staff_sign_in"); while signed in
the banner shows them on every screen, every record carries them, and only then may a resident's
identity be entered by hand, with a reason ("manual_identity"). An idle timeout or "sign out"
returns the terminal to normal mode."""

from __future__ import annotations

import logging
from types import SimpleNamespace

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from kiosk.application import id_number_ok
from kiosk.staff import StaffDirectory, end_staff_on_timeout
from screens.around_common import audit_note, keyboard_panel, text_edit
from screens.base import Screen, button, kinetic, label
from screens.widgets.keypad import Keypad, edit_pin

log = logging.getLogger(__name__)
# the admin screen's entry button (its text is translated in this area)
ASSISTED_ENTRY = QT_TRANSLATE_NOOP("StaffSignInScreen", "Switch to assisted mode")
_directory: StaffDirectory | None = None

REASONS = [
    ("card_damaged", QT_TRANSLATE_NOOP("ManualIdentityScreen", "ID card damaged or unreadable")),
    ("card_absent", QT_TRANSLATE_NOOP("ManualIdentityScreen", "Card not at hand, identity checked by staff")),
    ("reader_fault", QT_TRANSLATE_NOOP("ManualIdentityScreen", "Card reader out of order")),
    ("proxy", QT_TRANSLATE_NOOP("ManualIdentityScreen", "Applying on behalf of the person")),
]


def staff_directory(ctx) -> StaffDirectory:
    """One directory per process, so a PIN lockout survives leaving the screen."""
    global _directory
    if _directory is None:
        _directory = StaffDirectory(ctx.config.staff, ctx.config.admin.max_attempts,
                                    ctx.config.admin.lockout_seconds)
    return _directory


class StaffSignInScreen(Screen):
    name = "staff_sign_in"
    show_back = False

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.id_hash: str | None = None
        self.digits = ""
        self.prompt = label("", "key")
        self.body.addWidget(self.prompt)
        self.display = label("", "key")
        self.body.addWidget(self.display)
        self.keypad = Keypad()
        self.keypad.pressed.connect(self._key)
        self.body.addWidget(self.keypad)
        self.signed_in = QWidget()
        actions = QVBoxLayout(self.signed_in)
        actions.setContentsMargins(0, 0, 0, 0)
        self.manual_button = button(self.tr("Enter a resident's identity by hand"), "primary")
        self.manual_button.clicked.connect(lambda: self.ctx.flow.go("manual_identity"))
        self.home_button = button(self.tr("Go to the home screen (assisted)"))
        self.home_button.clicked.connect(lambda: self.ctx.flow.home("staff_home"))
        self.sign_out_button = button(self.tr("Sign out"), "danger")
        self.sign_out_button.clicked.connect(self.sign_out)
        for widget in (self.manual_button, self.home_button, self.sign_out_button):
            actions.addWidget(widget)
        self.body.addWidget(self.signed_in)
        self.body.addStretch(1)
        idcard = ctx.services.idcard
        if idcard is not None:
            idcard.cardRead.connect(self._card)
        self._refresh()

    def title(self) -> str:
        return self.tr("Assisted service: staff sign-in")

    def _refresh(self) -> None:
        staff = self.ctx.staff
        self.signed_in.setVisible(staff is not None)
        self.keypad.setVisible(staff is None and self.id_hash is not None)
        self.display.setVisible(staff is None and self.id_hash is not None)
        if staff is not None:
            self.prompt.setText(self.tr("Signed in: %1 (%2)").replace("%1", staff.name).replace("%2", staff.staff_id))
        elif self.id_hash is None:
            self.prompt.setText(self.tr("Staff: place your own ID card on the reader.")
                                if self.ctx.services.idcard is not None else
                                self.tr("The ID card reader is not available: staff cannot sign in."))
        self.display.setText("●" * len(self.digits))

    def _card(self, card) -> None:
        if self.ctx.flow.current() is self and self.ctx.staff is None:
            self.card_read(card.id_hash())

    def card_read(self, id_hash: str) -> None:
        staff = staff_directory(self.ctx).known(id_hash)
        if staff is None:
            self.id_hash = None
            self._refresh()
            self.prompt.setText(self.tr("This card is not on the staff list of this terminal."))
            return
        self.id_hash = id_hash
        self.digits = ""
        self._refresh()
        self.prompt.setText(self.tr("%1, please enter your PIN.").replace("%1", staff.name))

    def _key(self, key: str) -> None:
        digits = edit_pin(self.digits, key)
        if digits is None:
            self._submit()
            return
        self.digits = digits
        self.display.setText("●" * len(self.digits))

    def _submit(self) -> None:
        outcome, staff = staff_directory(self.ctx).sign_in(self.id_hash or "", self.digits)
        self.digits = ""
        if outcome == "ok":
            self.id_hash = None
            end_staff_on_timeout(self.ctx)
            self.ctx.set_staff(staff)
            audit_note(self.ctx, "staff_signed_in", staff_id=staff.staff_id)
            self._refresh()
            return
        self._refresh()
        self.prompt.setText(self.tr("Too many wrong PINs: sign-in is locked for a while.")
                            if outcome == "locked" else self.tr("Wrong PIN, try again."))

    def sign_out(self) -> None:
        staff = self.ctx.staff
        if staff is not None:
            audit_note(self.ctx, "staff_signed_out", staff_id=staff.staff_id)
            log.info("staff %s signed out", staff.staff_id)
        self.ctx.set_staff(None)
        self.ctx.flow.home("staff_signed_out")

    def wipe(self) -> None:
        self.digits = ""
        self.id_hash = None

    @classmethod
    def sample(cls, ctx) -> dict:
        return {}


class ManualIdentityScreen(Screen):
    name = "manual_identity"

    def __init__(self, ctx, next_screen: str = "catalog", parent=None) -> None:
        super().__init__(ctx, parent)
        self.next_screen = next_screen
        self.reason: str | None = None
        self.sex = "男"
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        kinetic(scroll)
        self.body.addWidget(scroll, 1)   # in the screen before its content (one polish, not two)
        content = QWidget()
        column = QVBoxLayout(content)
        column.setSpacing(14)
        if ctx.staff is None:
            column.addWidget(label(self.tr("Manual identity entry is only allowed in assisted mode, "
                                           "with a staff member signed in."), "error"))
        column.addWidget(label(self.tr("Why is the card not read?"), "key"))
        reasons = QGridLayout()
        group = QButtonGroup(self)
        self.reason_buttons = {}
        for index, (code, text) in enumerate(REASONS):
            choice = button(QCoreApplication.translate("ManualIdentityScreen", text))
            choice.setCheckable(True)
            choice.clicked.connect(lambda _=False, c=code: setattr(self, "reason", c))
            group.addButton(choice)
            reasons.addWidget(choice, index // 2, index % 2)
            self.reason_buttons[code] = choice
        column.addLayout(reasons)
        self.name_edit = text_edit(self.tr("Name"))
        self.id_edit = text_edit(self.tr("ID number (18 characters)"))
        self.address_edit = text_edit(self.tr("Address"))
        self.keyboard = keyboard_panel(ctx)
        for title, edit, kind in ((self.tr("Name"), self.name_edit, "text"),
                                  (self.tr("ID number"), self.id_edit, "id_number"),
                                  (self.tr("Address"), self.address_edit, "text")):
            column.addWidget(label(title, "body"))
            row = QHBoxLayout()
            row.addWidget(edit, 1)
            if self.keyboard is not None:
                pick = button(self.tr("Type"))
                pick.clicked.connect(lambda _=False, e=edit, k=kind: self.keyboard.show_for(e, k))
                row.addWidget(pick)
            column.addLayout(row)
        sexes = QHBoxLayout()
        sex_group = QButtonGroup(self)
        self.sex_buttons = {}
        for value, text in (("男", self.tr("Male")), ("女", self.tr("Female"))):
            choice = button(text)
            choice.setCheckable(True)
            choice.setChecked(value == self.sex)
            choice.clicked.connect(lambda _=False, v=value: setattr(self, "sex", v))
            sex_group.addButton(choice)
            sexes.addWidget(choice)
            self.sex_buttons[value] = choice
        column.addLayout(sexes)
        if self.keyboard is not None:
            column.addWidget(self.keyboard)
            self.keyboard.show_for(self.name_edit, "text")
        column.addStretch(1)
        scroll.setWidget(content)
        self.message = label("", "error")
        self.message.hide()
        self.body.addWidget(self.message)
        self.next_button = button(self.tr("Continue"), "primary")
        self.next_button.clicked.connect(self.submit)
        self.next_button.setEnabled(ctx.staff is not None)
        self.body.addWidget(self.next_button)

    def title(self) -> str:
        return self.tr("Resident identity (entered by staff)")

    def submit(self) -> None:
        if self.ctx.staff is None:
            return self._say(self.tr("Manual identity entry is only allowed in assisted mode, "
                                     "with a staff member signed in."))
        name = self.name_edit.text().strip()
        id_number = self.id_edit.text().strip().upper()
        if self.reason is None:
            return self._say(self.tr("Please choose why the card is not read."))
        if not name:
            return self._say(self.tr("Please enter the name."))
        if not id_number_ok(id_number):
            return self._say(self.tr("This ID number is not valid: check all 18 characters."))
        self.ctx.session.person = SimpleNamespace(
            name=name, id_number=id_number, sex_label=self.sex,
            address=self.address_edit.text().strip(), card_type="manual", reason=self.reason,
            masked_id=lambda n=id_number: f"{n[:6]}********{n[-4:]}")
        audit_note(self.ctx, "manual_identity", outcome=self.reason, staff_id=self.ctx.staff.staff_id)
        log.info("manual identity entered by staff %s (reason %s)", self.ctx.staff.staff_id, self.reason)
        self.ctx.flow.go(self.next_screen)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def wipe(self) -> None:
        for edit in (self.name_edit, self.id_edit, self.address_edit):
            edit.clear()
        if self.keyboard is not None:
            self.keyboard.reset()

    @classmethod
    def sample(cls, ctx) -> dict:
        return {}


SCREENS = (StaffSignInScreen, ManualIdentityScreen)
