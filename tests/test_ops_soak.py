"""A tiny soak: three complete journeys (plus the warm-up) through the real app with every
simulator and the platform process; no thread or file-descriptor growth, everything accepted."""

import pytest

from kiosk.soak import run_soak


@pytest.mark.slow
def test_three_sessions_leave_no_threads_or_fds_and_all_is_accepted(tmp_path, qapp):
    report = run_soak(3, tmp_path)
    assert report.failures == []
    # the sender's pool is bounded (3 workers, one connection each, opened on first use)
    assert report.end.unbounded_threads <= report.start.unbounded_threads
    pool = sum(n.startswith("sync-send_") for n in report.end.thread_names)
    assert pool <= 3
    # each sender worker keeps one keep-alive connection; the pool is bounded at 3
    assert report.end.fds <= report.start.fds + 3
    assert report.all_accepted, report.queue
    assert report.queue["accepted"] >= 8            # 4 submissions + 4 ratings (warm-up included)
    assert report.sessions_per_min > 0
    figures = report.as_dict()  # what the bench prints, per sample: RSS, fds and thread names
    assert set(figures["fds_by_session"]) == set(figures["rss_by_session"]) == {0, 1, 2, 3}
    assert figures["fds_by_session"][3] == report.end.fds
    assert "MainThread" in figures["threads_by_session"][0]
