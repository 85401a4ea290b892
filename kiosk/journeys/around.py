"""Walkthrough journeys around the application: progress query, rating an earlier receipt,
feedback and queue tickets, driven by tapping the real widgets (whatever services the walk has;
with none, the screens say what is missing)."""

from __future__ import annotations


def _open(walk, tile: str):
    home = walk.kiosk.flow.current()
    walk.expect("home")
    walk.tap(home.tiles[tile])
    walk.expect(tile)
    return walk.kiosk.flow.current()


def _leave(walk) -> None:
    walk.tap(walk.kiosk.flow.current().exit_button)
    walk.expect("home")


def _type_receipt(walk, entry, digits: str) -> None:
    for digit in digits:
        walk.tap(entry.keypad.keys[digit])
    walk.tap(entry.keypad.keys["ok"])


def _latest_receipt_digits(walk) -> str:
    """The date and sequence digits of the newest application on this terminal (what a resident
    types from the receipt), or today's first number when nothing was applied for yet."""
    import time

    store = walk.kiosk.ctx.services.store
    numbers = [i["ref_no"] for i in store.list_items() if i["kind"] == "submission"] if store else []
    if numbers:
        _site, _device, day, sequence, _check = numbers[-1].split("-")
        return day + sequence
    return time.strftime("%y%m%d") + "00001"


def query(walk) -> None:
    screen = _open(walk, "query")
    walk.shot("query")
    _type_receipt(walk, screen.entry, _latest_receipt_digits(walk))
    screen.calls.wait()
    walk.shot("query-answer")
    _leave(walk)


def rate(walk) -> None:
    screen = _open(walk, "rate")
    walk.shot("rate")
    _type_receipt(walk, screen.entry, _latest_receipt_digits(walk))
    walk.expect("rating")
    walk.shot("rate-rating")
    _leave(walk)


def feedback(walk) -> None:
    screen = _open(walk, "feedback")
    walk.tap(screen.category_buttons["could_not_get_done"])
    screen.text.setPlainText("材料都带齐了，但系统提示无法受理。")
    walk.shot("feedback")
    walk.tap(screen.submit_button)
    walk.shot("feedback-sent")
    _leave(walk)


def ticket(walk) -> None:
    screen = _open(walk, "ticket")
    walk.shot("ticket")
    first = next(iter(screen.category_buttons.values()))
    walk.tap(first)
    screen.calls.wait()
    walk.shot("ticket-taken")
    _leave(walk)


JOURNEYS = {"query": query, "rate": rate, "feedback": feedback, "ticket": ticket}
