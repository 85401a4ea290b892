"""SystemdNotifier against real AF_UNIX datagram sockets (a path and a Linux abstract name)."""

from __future__ import annotations

import logging
import os
import socket
import uuid

import pytest

from kiosk.watchdog import SystemdNotifier


@pytest.fixture
def path_socket(tmp_path):
    path = tmp_path / "notify.sock"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(path))
    sock.settimeout(2)
    yield str(path), sock
    sock.close()


@pytest.fixture
def abstract_socket():
    name = f"kiosk-test-{uuid.uuid4().hex}"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(b"\0" + name.encode())
    sock.settimeout(2)
    yield "@" + name, sock
    sock.close()


def test_messages_on_a_path_socket(path_socket):
    address, sock = path_socket
    notifier = SystemdNotifier(environ={"NOTIFY_SOCKET": address})
    assert notifier.enabled
    assert notifier.ready("主页已显示")
    assert sock.recv(4096).decode() == "READY=1\nSTATUS=主页已显示"
    assert notifier.watchdog_ping()
    assert sock.recv(4096) == b"WATCHDOG=1"
    assert notifier.status("queue 3\nsecond line")
    assert sock.recv(4096).decode() == "STATUS=queue 3 second line"  # one line: no injected assignment
    assert notifier.stopping()
    assert sock.recv(4096) == b"STOPPING=1"
    notifier.close()


def test_messages_on_an_abstract_socket(abstract_socket):
    address, sock = abstract_socket
    notifier = SystemdNotifier(environ={"NOTIFY_SOCKET": address})
    assert notifier.ready()
    assert sock.recv(4096) == b"READY=1"
    assert notifier.watchdog_ping()
    assert sock.recv(4096) == b"WATCHDOG=1"
    notifier.close()


def test_without_notify_socket_nothing_is_sent():
    notifier = SystemdNotifier(environ={})
    assert not notifier.enabled
    assert notifier.ready() is False
    assert notifier.watchdog_ping() is False
    assert notifier.watchdog_interval_s() is None


def test_vanished_socket_is_reported_once_and_recovery_noticed(tmp_path, caplog):
    path = tmp_path / "gone.sock"
    notifier = SystemdNotifier(environ={"NOTIFY_SOCKET": str(path)})
    with caplog.at_level(logging.INFO, logger="kiosk.watchdog"):
        assert notifier.watchdog_ping() is False
        assert notifier.watchdog_ping() is False
        failures = [r for r in caplog.records if "failed" in r.getMessage()]
        assert len(failures) == 1 and str(path) in failures[0].getMessage()
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        sock.bind(str(path))
        try:
            assert notifier.watchdog_ping() is True
            assert sock.recv(64) == b"WATCHDOG=1"
        finally:
            sock.close()
        assert any("works again" in r.getMessage() for r in caplog.records)
    notifier.close()


@pytest.mark.parametrize("environ, expected", [
    ({"WATCHDOG_USEC": "30000000"}, 30.0),
    ({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": str(os.getpid())}, 30.0),
    # Under cage/xinit systemd's main pid is the compositor: our parent.
    ({"WATCHDOG_USEC": "2000000", "WATCHDOG_PID": str(os.getppid())}, 2.0),
    ({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "1"}, None),
    ({"WATCHDOG_USEC": "0"}, None),
    ({"WATCHDOG_USEC": "soon"}, None),
    ({}, None),
])
def test_watchdog_interval_from_environment(environ, expected):
    if environ.get("WATCHDOG_PID") == "1" and os.getppid() == 1:
        pytest.skip("the test runner's parent is pid 1")
    assert SystemdNotifier(environ={"NOTIFY_SOCKET": "@x", **environ}).watchdog_interval_s() == expected
