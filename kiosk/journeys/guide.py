"""Walkthrough of the service guides (办事指南): open the browser from its home tile, look at each
tab, search "sbk" by pinyin initials, open a bundle's guide, scroll it, print the one-time notice
when a printer service exists, and leave. Widgets are reached through the current screen's
attributes (journeys do not import screens/)."""

from __future__ import annotations

from PySide6.QtTest import QTest

from kiosk.showcase import wait_for


def guide_journey(walk) -> None:
    flow = walk.kiosk.flow
    walk.expect("home")
    walk.tap(flow.current().tiles["guide_browse"])
    walk.expect("guide_browse")
    browser = flow.current().browser
    if browser is None:
        raise AssertionError("the catalog could not be loaded: the browser shows an error")
    walk.shot("guide-browse-events")
    walk.tap(browser.category_buttons[0])
    walk.shot("guide-browse-event-entries")
    walk.tap(browser.up_button)
    walk.tap(browser.tab_buttons["departments"])
    walk.shot("guide-browse-departments")
    walk.tap(browser.tab_buttons["search"])
    QTest.keyClicks(browser.search_edit, "sbk")
    if not browser.rows:
        raise AssertionError("searching 'sbk' found nothing")
    walk.shot("guide-browse-search-sbk")
    walk.tap(browser.tab_buttons["bundles"])
    walk.shot("guide-browse-bundles")
    if not browser.rows:
        raise AssertionError("the catalog has no one-thing bundles")
    walk.tap(browser.rows[0])
    walk.expect("guide")
    guide = flow.current()
    walk.shot("guide")
    bar = guide.scroll.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    walk.shot("guide-scrolled")
    bar.setValue(bar.maximum())
    walk.shot("guide-end")
    if walk.kiosk.ctx.services.printer is not None:
        walk.tap(guide.print_button)
        if not wait_for(lambda: guide.job_id is None):
            raise AssertionError("the notice was neither printed nor reported as failed")
        walk.shot("guide-notice-printed")
    walk.tap(guide.exit_button)
    walk.expect("home")


JOURNEYS = {"guide_browse": guide_journey}
