"""Timed scripts for the simulator: card placements, removals, faults, unplugging.

Text format, one step per line (`#` starts a comment), times in seconds from the start:

    0    place 0                 # identity by index, card type or label
    4.5  remove
    5    fault bad_checksum 1 on=read_base
    6    place foreign_2023
    9    unplug
    11   replug
    12   clear                   # clear all faults
"""

from __future__ import annotations

import shlex
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from drivers.idcard.identities import Identity
from drivers.idcard.simulator import FAULTS, IdCardSimulator

ACTIONS = ("place", "remove", "fault", "unplug", "replug", "clear")


@dataclass(frozen=True)
class Step:
    at_s: float
    action: str
    args: tuple[str, ...] = ()


def parse_script(text: str, where: str = "script") -> list[Step]:
    """Parse a script; ValueError names `where` and the line number."""
    steps = []
    for number, line in enumerate(text.splitlines(), start=1):
        words = shlex.split(line, comments=True)
        if not words:
            continue
        place = f"{where}:{number}"
        try:
            at_s = float(words[0])
        except ValueError:
            raise ValueError(f"{place}: {words[0]!r} is not a time in seconds") from None
        if len(words) < 2 or words[1] not in ACTIONS:
            raise ValueError(f"{place}: expected one of {', '.join(ACTIONS)} after the time")
        action, args = words[1], tuple(words[2:])
        if action == "place" and len(args) != 1:
            raise ValueError(f"{place}: 'place' needs one identity (index, card type or label)")
        if action == "fault" and (not args or args[0] not in FAULTS):
            raise ValueError(f"{place}: 'fault' needs one of {', '.join(FAULTS)}")
        steps.append(Step(at_s, action, args))
    return sorted(steps, key=lambda s: s.at_s)


def load_script(path: str | Path) -> list[Step]:
    path = Path(path)
    try:
        return parse_script(path.read_text(encoding="utf-8"), str(path))
    except FileNotFoundError:
        raise ValueError(f"{path}: file not found") from None


def demo_schedule(identities: list[Identity], on_s: float = 8.0, off_s: float = 4.0) -> list[Step]:
    """Each identity in turn: on the reader for `on_s`, then off for `off_s`."""
    steps, at = [], 1.0
    for index in range(len(identities)):
        steps += [Step(at, "place", (str(index),)), Step(at + on_s, "remove")]
        at += on_s + off_s
    return steps


def pick_identity(identities: list[Identity], key: str) -> Identity:
    if key.isdigit():
        index = int(key)
        if index >= len(identities):
            raise ValueError(f"identity index {index} out of range (0..{len(identities) - 1})")
        return identities[index]
    for identity in identities:
        if key in (identity.card_type, identity.label):
            return identity
    raise ValueError(f"no identity with card type or label {key!r}")


def apply(sim: IdCardSimulator, identities: list[Identity], step: Step) -> None:
    if step.action == "place":
        sim.place(pick_identity(identities, step.args[0]))
    elif step.action == "remove":
        sim.remove()
    elif step.action == "fault":
        count, on = 1, None
        for arg in step.args[1:]:
            if arg.startswith("on="):
                on = arg[3:]
            else:
                count = int(arg)
        sim.inject(step.args[0], count=count, on=on)
    elif step.action == "unplug":
        sim.unplug()
    elif step.action == "replug":
        sim.replug()
    elif step.action == "clear":
        sim.clear_faults()


def run_schedule(sim: IdCardSimulator, identities: list[Identity], steps: list[Step],
                 stop: threading.Event, *, repeat: bool = False, on_step=None) -> None:
    """Play `steps` against `sim` until done (or `stop`); `repeat` loops the schedule."""
    if not steps:
        stop.wait()
        return
    period = steps[-1].at_s + 1.0
    while not stop.is_set():
        started = time.monotonic()
        for step in steps:
            if stop.wait(max(0.0, started + step.at_s - time.monotonic())):
                return
            apply(sim, identities, step)
            if on_step is not None:
                on_step(step)
        if not repeat:
            return
        stop.wait(max(0.0, started + period - time.monotonic()))
