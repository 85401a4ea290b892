"""Walkthrough of the main journey: apply for a bundle with the simulated ID card, fill the
one form, provide the materials, sign, choose delivery, submit, take the printed receipt, rate.
Runs only with the demo rig (simulated reader and printer); without it the tile is visited."""

from __future__ import annotations

import shutil

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from kiosk.application import Draft
from kiosk.showcase import wait_for


def invented_value(field_def, id_number: str) -> object:
    kind = field_def.type
    if kind in ("choice",):
        return field_def.options[0] if field_def.options else ""
    if kind == "multichoice":
        return list(field_def.options[:1])
    if kind == "date":
        return "2026-11-01"
    if kind == "phone":
        return "13812345678"
    if kind == "id_number":
        return id_number
    if kind == "number":
        low = field_def.validation.min if field_def.validation and field_def.validation.min is not None else 1
        return str(int(low))
    if kind == "address":
        return "湖南省郴州市北湖区人民西路18号"
    if field_def.validation and field_def.validation.regex:
        return ""   # leave pattern-bound free text to its prefill or skip when optional
    return "张小明" if "name" in field_def.key else "示例"


def sign(pad) -> None:
    from kiosk.walkthrough import reveal
    reveal(pad)
    QTest.mousePress(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(60, 120))
    for x in range(60, 400, 20):
        QTest.mouseMove(pad, QPoint(x, 120 + (x % 60) - 30))
    QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(400, 110))


def apply_journey(walk) -> None:
    kiosk = walk.kiosk
    rig = getattr(kiosk, "rig", None)
    flow = kiosk.flow
    ctx = kiosk.ctx
    walk.expect("home")
    walk.tap(flow.current().tiles["catalog"])
    walk.shot("catalog")
    if rig is None or ctx.services.catalog is None:
        walk.tap(flow.current().exit_button)
        return
    catalog = ctx.services.catalog
    code = next(iter(catalog.bundles))
    # what the guide screen's 我要办理 does
    ctx.session.entry = code
    ctx.session.data["draft"] = Draft.start(catalog.merged(code), None)
    flow.go("identify")
    walk.shot("identify")
    # a card lifted less than 3 s ago is not read again (the reader's re-read guard)
    rig.reader.remove()
    wait_for(lambda: False, getattr(rig, "reread_guard_s", 3.2))
    rig.reader.place(rig.resident())
    screen = flow.current()
    if not wait_for(lambda: screen.confirm_button.isVisible()):
        raise AssertionError(f"the simulated card was not accepted within 8 s; the screen says "
                             f"{screen.state.text()!r}")
    walk.shot("identify-card-read")
    walk.tap(screen.confirm_button)
    walk.expect("form")
    form = flow.current()
    id_number = ctx.session.person.id_number
    page = 1
    while flow.current_name == "form":
        for field_def, widget in form.inputs.values():
            if not widget.get():
                value = invented_value(field_def, id_number)
                if value or field_def.required:
                    widget.set(value)
        walk.shot(f"form-page{page}")
        before = form.page
        walk.tap(form.next_button)
        if flow.current_name == "form" and form.page == before:
            raise AssertionError(f"form page {page} refused: "
                                 + "; ".join(e.text() for e in form.errors.values() if e.isVisible()))
        page += 1
    walk.expect("materials")
    materials = flow.current()
    for _status, buttons in materials.rows.values():
        if "reuse" in buttons:
            walk.tap(buttons["reuse"])
        elif "later" in buttons:
            walk.tap(buttons["later"])
        elif "capture" in flow.registry:
            walk.tap(buttons["capture"])
            capture_journey = getattr(flow.current(), "walk_capture", None)
            if capture_journey is None:
                raise AssertionError("capture screen has no walk_capture()")
            capture_journey(walk)
            walk.expect("materials")
    walk.shot("materials")
    walk.tap(materials.next_button)
    walk.expect("review")
    review = flow.current()
    review.consent.setChecked(True)
    sign(review.signature)
    walk.shot("review")
    walk.tap(review.confirm_button)
    walk.expect("delivery")
    delivery = flow.current()
    walk.tap(delivery.mail)
    if not delivery.phone.get():
        delivery.phone.set("13812345678")
    if not delivery.address.get():
        delivery.address.set("湖南省郴州市北湖区人民西路18号")
    walk.shot("delivery")
    walk.tap(delivery.submit_button)
    walk.expect("submit")
    submit = flow.current()
    printed_before = len(rig.printer.jobs)
    wait_for(lambda: submit.receipt_no is not None, 5)
    wait_for(lambda: len(rig.printer.jobs) > printed_before, 8)
    walk.shot("submitted")
    if len(rig.printer.jobs) > printed_before:
        job = rig.printer.jobs[-1]
        if job.png_path:
            walk.count += 1
            target = walk.out / f"{walk.count:02d}-receipt-printed-{walk.mode}-{walk.orientation}.png"
            shutil.copyfile(job.png_path, target)
            walk.saved.append(target)
    else:
        raise AssertionError("no receipt reached the virtual printer")
    walk.tap(submit.next_button)
    walk.expect("rating")
    rating = flow.current()
    walk.tap(rating.level_buttons[4])
    walk.shot("rating")
    walk.tap(rating.submit_button)
    walk.expect("thanks")
    walk.shot("thanks")
    rig.reader.remove()
    walk.tap(flow.current().home_button)
    walk.expect("home")


JOURNEYS = {"catalog": apply_journey}
