"""`kioskctl idcard decode|read|status|sample`, `kioskctl sim idcard`, `kioskctl bench idcard`.

Heavy imports (pyserial, the driver) happen inside the handlers: every kioskctl run imports
every CLI module.
"""

from __future__ import annotations

import json
import sys

from kiosk.cli._registry import group

CARD_TYPES = ("resident", "hk_mo_tw", "foreign_2017", "foreign_2023")


def register(subparsers) -> None:
    parser = subparsers.add_parser("idcard", help="ID card reader: decode frames, read a card, SAM status")
    verbs = parser.add_subparsers(dest="idcard_verb", required=True)

    decode = verbs.add_parser("decode", help="decode one reader reply frame (30 01 / 30 10) to JSON")
    decode.add_argument("--hex", required=True, help="the frame as hex; spaces allowed; '-' reads stdin")
    decode.add_argument("--today", help="YYYY-MM-DD to judge expiry against (default: today)")
    decode.set_defaults(func=_decode)

    read = verbs.add_parser("read", help="read one card through a real or simulated reader")
    _port_options(read)
    read.add_argument("--json", action="store_true", help="print JSON (default: a readable list)")
    read.add_argument("--wait", type=float, default=15.0, help="seconds to wait for a card (default 15)")
    read.add_argument("--fingerprint", action="store_true", help="read with fingerprint (30 10)")
    read.set_defaults(func=_read)

    status = verbs.add_parser("status", help="print SAM status and SAM ID as JSON (exit 1 if not OK)")
    _port_options(status)
    status.set_defaults(func=_status)

    sample = verbs.add_parser("sample", help="print the hex of an invented card's read reply (for decode)")
    sample.add_argument("--type", choices=CARD_TYPES, default="resident")
    sample.add_argument("--seed", type=int, default=1)
    sample.set_defaults(func=_sample)

    sims = group(subparsers, "sim", "simulators")
    sim = sims.add_parser("idcard", help="simulated ID card reader on a pseudo-terminal")
    sim.add_argument("--baudrate", type=int, default=115200, help="byte pacing (default 115200)")
    sim.add_argument("--link", help="also expose the device under this path (a symlink, kept across "
                                    "simulated unplug/replug)")
    sim.add_argument("--identities", help="JSON file of invented identities (default: built-in, all types)")
    plan = sim.add_mutually_exclusive_group()
    plan.add_argument("--script", help="timed script of place/remove/fault/unplug/replug steps")
    plan.add_argument("--demo", action="store_true", help="place each identity in turn, forever")
    plan.add_argument("--control", action="store_true",
                      help="take untimed steps from stdin (e.g. 'place 0', 'remove'), answer each "
                           "on stdout with 'ok' or 'error: …'; end of input stops (for a rig driving "
                           "the simulator from another process)")
    sim.add_argument("--find-after-read", choices=("9F", "80"), default="9F",
                     help="find reply while a read card stays on the reader (firmware differs)")
    sim.add_argument("--duration", type=float, help="stop after this many seconds (default: Ctrl-C)")
    sim.add_argument("--write-identities", help="write the identities in use to this JSON file and exit")
    sim.set_defaults(func=_sim)

    bench = group(subparsers, "bench", "benchmarks that print their figures")
    bench_idcard = bench.add_parser("idcard", help="find+select+read overhead over wire time; idle CPU")
    bench_idcard.add_argument("--baudrate", type=int, default=115200)
    bench_idcard.add_argument("--cycles", type=int, default=20)
    bench_idcard.add_argument("--idle-seconds", type=float, default=5.0)
    bench_idcard.add_argument("--poll-ms", type=int, default=400)
    bench_idcard.set_defaults(func=_bench)


def _port_options(parser) -> None:
    parser.add_argument("--port", help="serial device (default: [idcard] port of the configuration)")
    parser.add_argument("--baudrate", type=int, help="default: configuration (115200)")


def _fail(message: str) -> int:
    print(f"kioskctl idcard: {message}", file=sys.stderr)
    return 2


def _print_json(obj) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=2))


def _port_settings(args) -> tuple[str, int, str]:
    from kiosk.config import load_config

    cfg = load_config(getattr(args, "config", None)).idcard
    return args.port or cfg.port, args.baudrate or cfg.baudrate, cfg.wlt_decoder


def _decode(args) -> int:
    import datetime as dt

    from drivers.idcard.cards import CardFormatError, card_from_read_data
    from drivers.idcard.codec import FrameError, Reply, decode_frame, parse_hex
    from drivers.idcard.codes import sw3_meaning

    text = sys.stdin.read() if args.hex == "-" else args.hex
    try:
        today = dt.date.fromisoformat(args.today) if args.today else None
    except ValueError:
        return _fail(f"--today {args.today!r} is not a YYYY-MM-DD date")
    try:
        raw = parse_hex(text)
        reply = Reply.from_frame(decode_frame(raw))
    except (ValueError, FrameError) as exc:
        return _fail(f"malformed frame: {exc}")
    if reply.sw3 != 0x90:
        return _fail(f"byte 9: SW3 {reply.sw3:02X} ({sw3_meaning(reply.sw3)}): not a successful read reply")
    try:
        card = card_from_read_data(reply.data, today=today)
    except CardFormatError as exc:
        return _fail(f"malformed read reply: {exc}")
    _print_json(card.to_json_dict())
    return 0


def _read(args) -> int:
    import time

    from drivers.idcard import reader as rd
    from drivers.idcard import wlt

    port, baudrate, decoder_path = _port_settings(args)
    if not port:
        return _fail("no reader port: give --port or set [idcard] port in the configuration")
    reader = rd.IdCardReader(port, baudrate, read_fingerprint=args.fingerprint, cooldown_s=0,
                             photo_decoder=wlt.load_decoder(decoder_path) if decoder_path else None)
    try:
        reader.open()
    except rd.PORT_ERRORS as exc:
        return _fail(f"cannot open {port}: {exc}")
    deadline = time.monotonic() + args.wait
    try:
        events = reader.startup()
        if reader.state == rd.OUT_OF_SERVICE_STATE:
            return _fail(f"reader out of service: {events[-1].reason}")
        print(f"请放置身份证 / place the card on the reader ({args.wait:.0f} s)…", file=sys.stderr)
        while time.monotonic() < deadline:
            for event in reader.poll_once():
                if event.kind == rd.CARD_READ:
                    return _show_card(event.card, args.json)
                if event.kind == rd.PLACE_AGAIN:
                    print(f"请重新放置身份证 / place the card again ({event.reason})", file=sys.stderr)
                if event.kind == rd.OUT_OF_SERVICE:
                    return _fail(f"reader out of service: {event.reason}")
            time.sleep(reader.poll_interval_s)
    except rd.PORT_ERRORS as exc:
        return _fail(f"reader on {port} lost: {exc}")
    finally:
        reader.close()
    print(f"no card within {args.wait:.0f} s", file=sys.stderr)
    return 1


def _show_card(card, as_json: bool) -> int:
    data = card.to_json_dict()
    if as_json:
        _print_json(data)
    else:
        width = max(len(key) for key in data)
        for key, value in data.items():
            if value not in (None, [], ""):
                print(f"{key:<{width}}  {value}")
    return 0


def _status(args) -> int:
    from drivers.idcard import reader as rd
    from drivers.idcard.codes import sw3_meaning
    from drivers.idcard.commands import NoReply, StatusError

    port, baudrate, _ = _port_settings(args)
    if not port:
        return _fail("no reader port: give --port or set [idcard] port in the configuration")
    reader = rd.IdCardReader(port, baudrate)
    try:
        reader.open()
    except rd.PORT_ERRORS as exc:
        return _fail(f"cannot open {port}: {exc}")
    result: dict = {"port": port, "baudrate": baudrate}
    try:
        try:
            reply = reader.link.sam_status()
            result.update(sam_status=f"{reply.sw3:02X}", sam_status_meaning=sw3_meaning(reply.sw3))
        except NoReply as exc:
            result.update(sam_status=None, sam_status_meaning=str(exc))
        try:
            result["sam_id"] = reader.link.sam_id()
        except (NoReply, StatusError) as exc:
            result["sam_id"] = None
            result["sam_id_error"] = str(exc)
    except rd.PORT_ERRORS as exc:
        return _fail(f"reader on {port} lost: {exc}")
    finally:
        reader.close()
    result["ok"] = result["sam_status"] == "90"
    _print_json(result)
    return 0 if result["ok"] else 1


def _sample(args) -> int:
    import random

    from drivers.idcard.codec import build_reply, hex_bytes
    from drivers.idcard.identities import invented_identity

    identity = invented_identity(args.type, random.Random(args.seed))
    print(hex_bytes(build_reply(0x90, identity.read_data(with_fingerprint=False))))
    return 0


def _sim(args) -> int:
    import signal
    import threading

    from drivers.idcard import scenario
    from drivers.idcard.identities import invented_identities, load_identities, save_identities
    from drivers.idcard.simulator import IdCardSimulator

    try:
        identities = load_identities(args.identities) if args.identities else invented_identities(8)
        steps = scenario.load_script(args.script) if args.script else []
        for step in steps:
            if step.action == "place":
                scenario.pick_identity(identities, step.args[0])
    except ValueError as exc:
        return _fail(str(exc))
    if args.write_identities:
        save_identities(identities, args.write_identities)
        print(args.write_identities)
        return 0
    if args.demo:
        steps = scenario.demo_schedule(identities)
    stop = threading.Event()

    def end(*_args) -> None:
        stop.set()
        # out of a blocking stdin read too (--control): an orphaned simulator whose stdin stays
        # open (a killed rig's pipe held elsewhere) ran on after SIGTERM, for an hour
        raise SystemExit(0)

    signal.signal(signal.SIGINT, end)
    signal.signal(signal.SIGTERM, end)
    sim = IdCardSimulator(args.baudrate, link_path=args.link, find_after_read=args.find_after_read)
    sim.start()
    try:
        print(sim.device_path, flush=True)  # first line: the path a reader opens
        print(f"simulated ID card reader at {args.baudrate} baud; {len(identities)} identities; "
              "Ctrl-C stops", file=sys.stderr)
        if args.duration is not None:
            timer = threading.Timer(args.duration, stop.set)
            timer.daemon = True
            timer.start()

        def show(step) -> None:
            print(f"{step.at_s:7.1f} s  {step.action} {' '.join(step.args)}", file=sys.stderr, flush=True)

        if args.control:
            _control_loop(sim, identities, stop)
        else:
            scenario.run_schedule(sim, identities, steps, stop, repeat=args.demo, on_step=show)
            stop.wait()
    finally:
        sim.stop()
    return 0


def _control_loop(sim, identities, stop) -> None:
    """One untimed script step per stdin line, applied at once and answered on stdout."""
    from drivers.idcard import scenario

    for number, line in enumerate(sys.stdin, start=1):
        if stop.is_set():
            return
        if not line.strip():
            continue
        where = f"stdin:{number}"
        try:
            for step in scenario.parse_script(f"0 {line}", where):
                scenario.apply(sim, identities, step)
        except ValueError as exc:
            message = str(exc)
            print(f"error: {message if message.startswith(where) else f'{where}: {message}'}", flush=True)
        else:
            print("ok", flush=True)


def _bench(args) -> int:
    from drivers.idcard import bench

    cycle = bench.measure_cycle(args.baudrate, args.cycles)
    idle = bench.measure_idle_cpu(args.baudrate, args.idle_seconds, args.poll_ms)
    _print_json({"read_cycle": cycle, "idle_polling": idle})
    return 0
