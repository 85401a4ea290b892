"""Delivery (免费寄递): pick up at the window, or free mail to an address (prefilled from the
card, editable; phone required)."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.application import PHONE
from screens.apply.common import draft, sample_draft
from screens.apply.fields import AddressInput, LineInput
from screens.apply.keyboard_dock import KeyboardDock
from screens.base import Screen, button, inner_scroll, label


class DeliveryScreen(Screen):
    name = "delivery"

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.draft = draft(ctx)
        delivery = self.draft.delivery if self.draft else {"method": "pickup"}
        # the fields, and beside them (landscape) or below them (portrait) the keyboard that opens
        # when the street or the phone is tapped; the fields scroll in a list of their own (in
        # the screen's scrolling body the keyboard would scroll away with them)
        split = self.split_outside_scroll()
        scroll = inner_scroll()
        split.addWidget(scroll, 1)
        content = QWidget()
        fields = QVBoxLayout(content)
        fields.setSpacing(self.body.spacing())
        self.keyboard = KeyboardDock(ctx, scroll)
        self.keyboard.add_to(split)
        fields.addWidget(label(self.tr("How would you like to receive the result?"), "key"))
        choices = QHBoxLayout()
        self.group = QButtonGroup(self)
        self.pickup = button(self.tr("Pick up at the window"))
        self.mail = button(self.tr("Free delivery by post"))
        for choice in (self.pickup, self.mail):
            choice.setCheckable(True)
            self.group.addButton(choice)
            choices.addWidget(choice)
        fields.addLayout(choices)
        self.address_title = label(self.tr("Delivery address"), "key")
        self.address = AddressInput()
        self.address.set(delivery.get("address", ""))
        fields.addWidget(self.address_title)
        fields.addWidget(self.address)
        fields.addWidget(label(self.tr("Mobile phone (for the courier and for progress messages)"), "key"))
        self.phone = LineInput("phone")
        self.phone.set(delivery.get("phone") or (self.draft.form.get("phone", "") if self.draft else ""))
        fields.addWidget(self.phone)
        fields.addStretch(1)
        scroll.setWidget(content)
        for field in (self.address, self.phone):
            self.keyboard.attach(field)
        self.message = label("", "error")
        self.message.hide()
        self.fixed.addWidget(self.message)  # beside the button that failed, never scrolled away
        self.submit_button = button(self.tr("Submit application"), "primary")
        self.submit_button.clicked.connect(self.submit)
        self.add_action(self.submit_button)
        self.mail.toggled.connect(self._show_address)
        (self.mail if delivery.get("method") == "mail" else self.pickup).setChecked(True)
        self._show_address(self.mail.isChecked())

    def title(self) -> str:
        return self.tr("Receiving the result")

    def _show_address(self, mail: bool) -> None:
        self.address_title.setVisible(mail)
        self.address.setVisible(mail)
        if not mail:  # it may have been typing the street
            self.keyboard.put_away()

    def submit(self) -> None:
        mail = self.mail.isChecked()
        phone = self.phone.get()
        if not PHONE.match(phone):
            self.message.setText(self.tr("Please enter an 11-digit mobile number."))
            self.message.show()
            return
        if mail and not self.address.get():
            self.message.setText(self.tr("Please enter the street and house number."))
            self.message.show()
            return
        self.draft.delivery = {"method": "mail" if mail else "pickup", "address": self.address.get() if mail else "",
                               "phone": phone}
        self.ctx.flow.go("submit")

    def wipe(self) -> None:
        self.address.clear()
        self.phone.clear()
        self.keyboard.reset()

    @classmethod
    def sample(cls, ctx) -> dict:
        made = sample_draft(ctx)
        made.delivery = {"method": "mail", "address": "湖南省郴州市北湖区人民西路18号", "phone": "13812345678"}
        return {}


SCREENS = (DeliveryScreen,)
