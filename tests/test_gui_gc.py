"""Cyclic garbage is collected on the GUI thread only, never on a device or server thread (a Qt
object destroyed there races the GUI thread delivering an event to it)."""

from __future__ import annotations

import gc
import threading

from kiosk.gui_gc import GuiThreadCollector, collect_due

CYCLES = 2000


class _Cycle:
    finalised_on: list[int] = []

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        _Cycle.finalised_on.append(threading.get_ident())


def _garbage_made_on_a_worker() -> None:
    def work() -> None:
        for _ in range(CYCLES):            # enough to make a collection due (threshold 700)
            _Cycle()

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()


def test_a_worker_never_collects_while_the_collector_runs(qtbot):
    was_enabled = gc.isenabled()
    gc.collect()
    _Cycle.finalised_on = []
    gc.enable()                        # what a process without the collector does
    collector = GuiThreadCollector(interval_ms=10)
    try:
        collector.start()
        assert not gc.isenabled()
        _garbage_made_on_a_worker()
        assert _Cycle.finalised_on == []           # the worker did not collect
        qtbot.waitUntil(lambda: len(_Cycle.finalised_on) == CYCLES, timeout=5000)
        assert set(_Cycle.finalised_on) == {threading.get_ident()}
    finally:
        collector.stop()
        assert gc.isenabled()                      # given back as it was before start()
        if not was_enabled:
            gc.disable()


def test_collect_due_follows_the_thresholds():
    gc.collect()
    assert collect_due() is None                   # nothing allocated since: nothing due
    keep = [[] for _ in range(gc.get_threshold()[0] + 50)]
    assert collect_due() == 0
    assert len(keep) > 0


def test_the_kiosk_runs_the_collector_and_stops_it(make_kiosk):
    kiosk = make_kiosk()
    assert not gc.isenabled() and kiosk.collector._timer.isActive()
    kiosk.shutdown()
    assert not kiosk.collector._timer.isActive()


def test_freezing_collects_garbage_first_and_exempts_what_lives(qtbot):
    gc.collect()
    _Cycle.finalised_on = []
    for _ in range(10):
        _Cycle()                       # garbage: must be collected, not frozen
    alive = [_Cycle() for _ in range(3)]
    collector = GuiThreadCollector()
    try:
        assert collector.freeze_long_lived() >= 0
        assert len(_Cycle.finalised_on) == 10
        assert gc.get_freeze_count() > 0
        assert not any(o is alive[0] for o in gc.get_objects())   # out of the collector's sight
    finally:
        gc.unfreeze()                  # the test process is not a terminal


def test_only_a_long_running_kiosk_schedules_the_freeze(qapp, kiosk_config):
    from kiosk.app import Kiosk

    for long_running in (False, True):
        kiosk = Kiosk(kiosk_config, long_running=long_running)
        try:
            assert kiosk.collector._freeze_timer.isActive() is long_running
        finally:
            kiosk.shutdown()
            kiosk.window.deleteLater()
    assert not kiosk.collector._freeze_timer.isActive()
