"""The reader device: owns the serial port, checks the SAM at start-up, polls for cards with a
presence state machine, and recovers from faults and unplugging.

Everything happens on the thread that calls `run()` (or `poll_once()`); results go out as
`ReaderEvent`s to one callback. No Qt here: kiosk/services/idcard.py turns events into signals.

Presence (reference §7.2): the protocol has no "removed" event. After a successful read the card
counts as present while find answers 9F *or* select answers 90 (firmware differs on which);
two consecutive polls with both failing mean it was removed. A cooldown after each read keeps
a card that flickers in and out of the field from being read in a loop.
"""

from __future__ import annotations

import logging
import termios
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

import serial

from drivers.idcard import cards, codes, wlt
from drivers.idcard.cards import CardFormatError, IdCard
from drivers.idcard.codec import FrameError
from drivers.idcard.commands import Cancelled, NoReply, SamLink, StatusError

log = logging.getLogger(__name__)

# Event kinds
READY = "ready"  # start-up check passed (reason = SAM ID)
CARD_READ = "card_read"
CARD_REMOVED = "card_removed"
PLACE_AGAIN = "place_again"
OUT_OF_SERVICE = "out_of_service"
DISCONNECTED = "disconnected"
STATUS = "status"  # reason = new state name

# States
CLOSED, STARTING, IDLE, PRESENT = "closed", "starting", "idle", "card_present"
OUT_OF_SERVICE_STATE, DISCONNECTED_STATE = "out_of_service", "disconnected"

# termios.error: tcflush on a hung-up pty/USB port raises it instead of OSError.
PORT_ERRORS = (serial.SerialException, OSError, termios.error)


@dataclass(frozen=True)
class ReaderEvent:
    kind: str
    reason: str = ""
    card: IdCard | None = None

    def __repr__(self) -> str:  # the card's repr is masked already
        return f"ReaderEvent({self.kind}, {self.reason!r}, {self.card!r})"


class OutOfService(Exception):
    """The SAM or the link failed after retries and a SAM reset."""


class IdCardReader:
    """A GA 467 reader on a serial port.

    Typical use: `reader.run(stop_event, on_event)` on a worker thread. For tests and tools,
    `open()` + `startup()` + `poll_once()` give the same behaviour one step at a time.
    """

    def __init__(
        self,
        port: str,
        baudrate: int = 115200,
        poll_interval_ms: int = 400,
        *,
        read_fingerprint: bool = False,
        read_appended_address: bool = True,
        photo_decoder: wlt.PhotoDecoder | None = None,
        cooldown_s: float = 3.0,
        startup_retries: int = 3,
        retry_gap_s: float = 0.5,
        read_retries: int = 2,
        no_reply_limit: int = 3,
        reconnect_interval_s: float = 1.0,
        recover_interval_s: float = 5.0,
        serial_read_slice_s: float = 0.05,
        timeout_scale: float = 1.0,
    ):
        self.port_name = port
        self.baudrate = baudrate
        self.poll_interval_s = poll_interval_ms / 1000
        self.read_fingerprint = read_fingerprint
        self.read_appended_address = read_appended_address
        self.photo_decoder = photo_decoder
        self.cooldown_s = cooldown_s
        self.startup_retries = startup_retries
        self.retry_gap_s = retry_gap_s
        self.read_retries = read_retries
        self.no_reply_limit = no_reply_limit
        self.reconnect_interval_s = reconnect_interval_s
        self.recover_interval_s = recover_interval_s
        self.serial_read_slice_s = serial_read_slice_s
        self.timeout_scale = timeout_scale
        self.sam_id: str | None = None
        self.state = CLOSED
        self._serial: serial.Serial | None = None
        self._link: SamLink | None = None
        self._cancel = threading.Event()
        self._misses = 0
        self._no_replies = 0
        self._last_read_at = float("-inf")
        self._place_again_sent = False
        self._events: list[ReaderEvent] = []

    # -- port ---------------------------------------------------------------------------
    def open(self) -> None:
        """Open the port (8N1, no flow control). Raises serial.SerialException if it cannot."""
        self._serial = serial.Serial(
            self.port_name, self.baudrate, bytesize=8, parity="N", stopbits=1,
            timeout=self.serial_read_slice_s, write_timeout=1.0, exclusive=True,
        )
        self._link = SamLink(self._serial, self.baudrate, cancel=self._cancel,
                             timeout_scale=self.timeout_scale)
        log.info("ID card reader port %s opened at %d baud", self.port_name, self.baudrate)

    def close(self) -> None:
        self._close_port()
        self._set_state(CLOSED)

    def _close_port(self) -> None:
        if self._serial is not None:
            try:
                self._serial.close()
            except PORT_ERRORS as exc:  # closing a vanished port can fail; nothing to recover
                log.debug("closing %s: %s", self.port_name, exc)
        self._serial = None
        self._link = None

    @property
    def link(self) -> SamLink:
        if self._link is None:
            raise RuntimeError("reader port is not open")
        return self._link

    # -- start-up -----------------------------------------------------------------------
    def startup(self) -> list[ReaderEvent]:
        """SAM status with retries (then a SAM reset and one more check), then SAM ID.

        Returns the events (READY or OUT_OF_SERVICE, with state changes). Port errors propagate.
        """
        self._startup()
        return self._drain()

    def _startup(self) -> None:
        self._set_state(STARTING)
        try:
            self._check_sam()
        except OutOfService as exc:
            self._out_of_service(str(exc))
            return
        try:
            self.sam_id = self.link.sam_id()
            log.info("SAM ready, SAM ID %s", self.sam_id)
        except (NoReply, StatusError) as exc:
            self.sam_id = None
            log.warning("SAM ID could not be read: %s", exc)
        self._no_replies = 0
        # READY before the state change, so a listener that sees "idle" already has the SAM ID.
        self._emit(ReaderEvent(READY, self.sam_id or ""))
        self._set_state(IDLE)

    def _check_sam(self) -> None:
        last = ""
        for attempt in range(self.startup_retries):
            if attempt:
                self._sleep(self.retry_gap_s)
            last = self._sam_status_once()
            if not last:
                return
            log.warning("SAM status attempt %d/%d: %s", attempt + 1, self.startup_retries, last)
        log.warning("resetting SAM after %d failed status checks", self.startup_retries)
        try:
            self.link.reset_sam()
        except NoReply as exc:
            log.warning("SAM reset: %s", exc)
        last = self._sam_status_once()
        if last:
            raise OutOfService(last)

    def _sam_status_once(self) -> str:
        """'' when the SAM answers 90, otherwise the reason."""
        try:
            reply = self.link.sam_status()
        except NoReply:
            return "reader does not answer"
        if reply.sw3 == codes.Sw3.OK:
            return ""
        return f"SAM status {reply.sw3:02X} ({codes.sw3_meaning(reply.sw3)})"

    # -- polling ------------------------------------------------------------------------
    def poll_once(self) -> list[ReaderEvent]:
        """One polling step of the presence state machine. Port errors propagate."""
        if self.state == PRESENT:
            self._poll_present()
        elif self.state == IDLE:
            self._poll_idle()
        return self._drain()

    def _poll_idle(self) -> None:
        try:
            found = self.link.find()
            self._no_replies = 0
            if found.sw3 in codes.SAM_FAULT:
                self._recover_or_fail(f"find: SAM status {found.sw3:02X}")
            elif found.sw3 != codes.Sw3.CARD_FOUND:
                self._place_again_sent = False  # the card is gone: a new placement may follow
            elif time.monotonic() - self._last_read_at >= self.cooldown_s:
                selected = self.link.select()
                if selected.sw3 == codes.Sw3.OK:
                    self._read_card()
                else:
                    self._place_again(f"select: SW3 {selected.sw3:02X}")
        except NoReply as exc:
            self._count_no_reply(exc)

    def _poll_present(self) -> None:
        try:
            present = self.link.find().sw3 == codes.Sw3.CARD_FOUND
            if not present:
                present = self.link.select().sw3 == codes.Sw3.OK
            self._no_replies = 0
        except NoReply as exc:
            self._count_no_reply(exc)
            return
        self._misses = 0 if present else self._misses + 1
        if self._misses >= 2:
            log.info("card removed")
            self._set_state(IDLE)
            self._place_again_sent = False
            self._emit(ReaderEvent(CARD_REMOVED))

    def _read_card(self) -> None:
        command = self.link.read_with_fingerprint if self.read_fingerprint else self.link.read_base
        problem = ""
        for attempt in range(1 + self.read_retries):
            try:
                reply = command()
            except NoReply as exc:
                problem = str(exc)
                continue
            if reply.sw3 in codes.PLACE_AGAIN:
                self._place_again(f"read: SW3 {reply.sw3:02X} ({codes.sw3_meaning(reply.sw3)})")
                return
            if reply.sw3 != codes.Sw3.OK:
                problem = f"read: SW3 {reply.sw3:02X} ({codes.sw3_meaning(reply.sw3)})"
                continue  # e.g. 33/47: the card is still selected, so read again
            try:
                card = cards.card_from_read_data(reply.data)
            except (CardFormatError, FrameError) as exc:
                problem = f"read reply malformed: {exc}"
                log.warning("attempt %d: %s", attempt + 1, problem)
                continue
            self._accept(card)
            return
        self._place_again(problem or "read failed")

    def _accept(self, card: IdCard) -> None:
        if self.read_appended_address:
            card = card.with_appended_address(self._appended_address())
        photo = wlt.decode_photo(self.photo_decoder, card.photo_wlt)
        if photo is not None:
            card = replace(card, photo_bmp=photo)
        self._last_read_at = time.monotonic()
        self._misses = 0
        self._place_again_sent = False
        log.info("card read: type=%s id_sha256=%s… checksum_ok=%s expired=%s problems=%d photo=%dB fp=%dB",
                 card.card_type, card.id_hash()[:16], card.id_checksum_ok, card.expired,
                 len(card.problems), len(card.photo_wlt), len(card.fingerprint))
        self._set_state(PRESENT)
        self._emit(ReaderEvent(CARD_READ, card=card))

    def _appended_address(self) -> str | None:
        try:
            reply = self.link.read_appended_address()
        except NoReply as exc:
            log.warning("appended address not read: %s", exc)
            return None
        if reply.sw3 == codes.Sw3.OK:
            return cards.parse_appended_address(reply.data)
        if reply.sw3 != codes.Sw3.NO_CONTENT:
            log.warning("appended address: SW3 %02X (%s)", reply.sw3, codes.sw3_meaning(reply.sw3))
        return None

    def _place_again(self, reason: str) -> None:
        log.info("place the card again: %s", reason)
        if not self._place_again_sent:  # say it once per placement, not on every poll
            self._place_again_sent = True
            self._emit(ReaderEvent(PLACE_AGAIN, reason))

    def _count_no_reply(self, exc: NoReply) -> None:
        self._no_replies += 1
        log.warning("%s (%d in a row)", exc, self._no_replies)
        if self._no_replies >= self.no_reply_limit:
            self._recover_or_fail(f"no reply to {self._no_replies} commands in a row")

    def _recover_or_fail(self, reason: str) -> None:
        log.warning("reader trouble (%s): resetting the SAM", reason)
        try:
            self._check_sam()
        except OutOfService as exc:
            self._out_of_service(f"{reason}; after SAM reset: {exc}")
            return
        self._no_replies = 0
        self._set_state(IDLE)

    def _out_of_service(self, reason: str) -> None:
        log.error("ID card reader out of service: %s", reason)
        self._set_state(OUT_OF_SERVICE_STATE)
        self._emit(ReaderEvent(OUT_OF_SERVICE, reason))

    # -- main loop ----------------------------------------------------------------------
    def run(self, stop: threading.Event, on_event: Callable[[ReaderEvent], None]) -> None:
        """Open, start up, poll until `stop` is set; survive unplugging and SAM faults."""
        self._cancel = stop
        if self._link is not None:
            self._link.cancel = stop
        next_recovery = 0.0
        try:
            while not stop.is_set():
                try:
                    events: list[ReaderEvent] = []
                    if self._serial is None:
                        if not self._try_open(on_event):
                            stop.wait(self.reconnect_interval_s)
                            continue
                        events = self.startup()
                        next_recovery = time.monotonic() + self.recover_interval_s
                    elif self.state == OUT_OF_SERVICE_STATE:
                        if time.monotonic() >= next_recovery:
                            next_recovery = time.monotonic() + self.recover_interval_s
                            events = self._retry_startup()
                    else:
                        events = self.poll_once()
                    for event in events:
                        on_event(event)
                except PORT_ERRORS as exc:
                    self._port_lost(exc, on_event)
                    continue
                except Cancelled:
                    break
                stop.wait(self.poll_interval_s)
        finally:
            self.close()

    def _retry_startup(self) -> list[ReaderEvent]:
        events = self.startup()
        # Stay quiet while the fault persists; announce only the recovery.
        return [] if self.state == OUT_OF_SERVICE_STATE else events

    def _try_open(self, on_event: Callable[[ReaderEvent], None]) -> bool:
        try:
            self.open()
            return True
        except PORT_ERRORS as exc:
            if self.state != DISCONNECTED_STATE:
                log.warning("cannot open ID card reader port %s: %s", self.port_name, exc)
                self._set_state(DISCONNECTED_STATE)
                for event in self._drain():
                    on_event(event)
                on_event(ReaderEvent(DISCONNECTED, f"cannot open {self.port_name}: {exc}"))
            return False

    def _port_lost(self, exc: Exception, on_event: Callable[[ReaderEvent], None]) -> None:
        log.warning("ID card reader port %s lost: %s", self.port_name, exc)
        self._close_port()
        self._set_state(DISCONNECTED_STATE)
        for event in self._drain():
            on_event(event)
        on_event(ReaderEvent(DISCONNECTED, f"reader disconnected: {exc}"))

    # -- helpers ------------------------------------------------------------------------
    def _set_state(self, state: str) -> None:
        if state != self.state:
            log.debug("reader state %s → %s", self.state, state)
            self.state = state
            self._events.append(ReaderEvent(STATUS, state))

    def _emit(self, event: ReaderEvent) -> None:
        self._events.append(event)

    def _drain(self) -> list[ReaderEvent]:
        events, self._events = self._events, []
        return events

    def _sleep(self, seconds: float) -> None:
        if self._cancel.wait(seconds):
            raise Cancelled("stopping")
