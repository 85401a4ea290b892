"""`kioskctl bench idcard`: driver overhead over the wire time, and CPU while idle-polling.

Both figures come from the simulator over a real pty at the chosen baud rate. The baseline is
measured in the same run: the very same command bytes written and the same reply bytes read
with plain os.read() calls and nothing else (no framing, no checks, no parsing).
"""

from __future__ import annotations

import os
import select
import statistics
import threading
import time
import tty

import serial

from drivers.idcard import cards
from drivers.idcard.codec import build_command
from drivers.idcard.commands import BITS_PER_BYTE, FIND, READ_BASE, SELECT, SamLink
from drivers.idcard.identities import invented_identities
from drivers.idcard.reader import IdCardReader
from drivers.idcard.simulator import IdCardSimulator

CYCLE = (FIND, SELECT, READ_BASE)


def _raw_cycle(fd: int, reply_sizes: list[int]) -> float:
    started = time.perf_counter()
    for spec, size in zip(CYCLE, reply_sizes):
        os.write(fd, build_command(spec.cmd, spec.para))
        got = 0
        while got < size:
            # pyserial's VMIN=0 applies to the shared tty, so wait for data before reading.
            select.select([fd], [], [])
            got += len(os.read(fd, size - got))
    return time.perf_counter() - started


def _driver_cycle(link: SamLink) -> float:
    started = time.perf_counter()
    assert link.find().sw3 == 0x9F
    assert link.select().sw3 == 0x90
    reply = link.read_base()
    card = cards.card_from_read_data(reply.data)
    assert card.id_number
    return time.perf_counter() - started


def measure_cycle(baudrate: int = 115200, cycles: int = 20) -> dict:
    identity = invented_identities(1, seed=5)[0]
    reply_sizes = [15, 19, len(identity.read_data(False)) + 11]
    wire_bytes = sum(reply_sizes) + 3 * 10
    with IdCardSimulator(baudrate) as sim:
        raw_times, driver_times = [], []
        fd = os.open(sim.device_path, os.O_RDWR | os.O_NOCTTY)
        tty.setraw(fd)
        port = serial.Serial(sim.device_path, baudrate, timeout=0.05)
        link = SamLink(port, baudrate)
        try:
            for _ in range(cycles):  # interleaved, so both see the same machine load
                sim.place(identity)
                raw_times.append(_raw_cycle(fd, reply_sizes))
                sim.place(identity)
                driver_times.append(_driver_cycle(link))
        finally:
            port.close()
            os.close(fd)
    wire = wire_bytes * BITS_PER_BYTE / baudrate
    raw, driver = statistics.median(raw_times), statistics.median(driver_times)
    return {
        "baudrate": baudrate,
        "cycles": cycles,
        "bytes_on_wire": wire_bytes,
        "wire_time_computed_ms": round(wire * 1000, 2),
        "raw_exchange_median_ms": round(raw * 1000, 2),
        "driver_cycle_median_ms": round(driver * 1000, 2),
        "driver_cycle_max_ms": round(max(driver_times) * 1000, 2),
        "overhead_vs_raw_percent": round((driver - raw) / raw * 100, 2),
        "overhead_vs_computed_wire_percent": round((driver - wire) / wire * 100, 2),
        "budget_percent": 10,
    }


def measure_idle_cpu(baudrate: int = 115200, seconds: float = 5.0, poll_interval_ms: int = 400) -> dict:
    with IdCardSimulator(baudrate) as sim:
        reader = IdCardReader(sim.device_path, baudrate, poll_interval_ms)
        stop = threading.Event()
        result: dict = {}
        polls = []

        def target() -> None:
            cpu0, wall0 = time.thread_time(), time.monotonic()
            reader.run(stop, polls.append)
            result["cpu"] = time.thread_time() - cpu0
            result["wall"] = time.monotonic() - wall0

        process_cpu0 = time.process_time()
        thread = threading.Thread(target=target)
        thread.start()
        time.sleep(seconds)
        stop.set()
        thread.join()
        process_cpu = time.process_time() - process_cpu0
        finds = sim.received["find"]
    return {
        "seconds": round(result["wall"], 2),
        "poll_interval_ms": poll_interval_ms,
        "find_commands": finds,
        "reader_thread_cpu_percent_of_one_core": round(result["cpu"] / result["wall"] * 100, 3),
        "whole_process_cpu_percent_incl_simulator": round(process_cpu / result["wall"] * 100, 3),
        "budget_percent": 2,
    }
