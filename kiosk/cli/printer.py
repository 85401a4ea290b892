"""`kioskctl printer render|test|status`, `kioskctl sim printer`, `kioskctl bench printer`."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from kiosk.cli._registry import group

TEMPLATE_CHOICES = ("receipt", "notice", "ticket", "test")


def register(subparsers) -> None:
    parser = subparsers.add_parser("printer", help="receipt printer: render, test page, status")
    verbs = parser.add_subparsers(dest="printer_verb", required=True)

    render = verbs.add_parser("render", help="write the exact bytes a printer receives for a template")
    render.add_argument("template", choices=TEMPLATE_CHOICES)
    source = render.add_mutually_exclusive_group(required=True)
    source.add_argument("--data", help="JSON file with the template's fields (see README)")
    source.add_argument("--sample", action="store_true", help="use the built-in example data")
    render.add_argument("--out", required=True, help="output file for the ESC/POS bytes")
    render.add_argument("--png", help="also write the virtual printer's rendering here")
    render.add_argument("--text", help="also write the parsed text here")
    _device_options(render, with_uri=False)
    render.set_defaults(func=_render)

    test = verbs.add_parser("test", help="print a test page (Chinese, rare glyphs, QR) and report")
    _device_options(test)
    test.set_defaults(func=_test)

    status = verbs.add_parser("status", help="query DLE EOT status, print JSON "
                                             "(exit 0: can print, 1: cannot or unknown)")
    _device_options(status)
    status.set_defaults(func=_status)

    sims = group(subparsers, "sim", "simulators")
    sim = sims.add_parser("printer", help="virtual ESC/POS printer, network (TCP) or serial "
                                          "(pty); first stdout line: JSON with its uri")
    sim.add_argument("--serial", action="store_true",
                     help="a serial printer on a pseudo-terminal instead of TCP")
    sim.add_argument("--link", help="with --serial: also make this symlink to the pty")
    sim.add_argument("--idle-end", type=float, default=0.5,
                     help="with --serial: a job without a cut ends after this many quiet seconds")
    sim.add_argument("--port", type=int, default=9100)
    sim.add_argument("--host", default="127.0.0.1")
    sim.add_argument("--out", default="out/printer", help="folder for job-NNNN.txt/.png")
    sim.add_argument("--paper", choices=("ok", "near-end", "out"), default="ok")
    sim.add_argument("--offline", action="store_true")
    sim.add_argument("--cover-open", action="store_true")
    sim.add_argument("--silent", action="store_true", help="answer no status query")
    sim.add_argument("--width", type=int, choices=(58, 80), default=None,
                     help="paper width in mm (default: configuration)")
    sim.add_argument("--duration", type=float, default=None,
                     help="stop after this many seconds (default: run until Ctrl-C)")
    sim.set_defaults(func=_sim)

    bench = group(subparsers, "bench", "benchmarks that print their figures")
    bench_printer = bench.add_parser("printer", help="receipt bytes build time and size")
    bench_printer.add_argument("--rounds", type=int, default=200)
    bench_printer.set_defaults(func=_bench)


def _device_options(parser, with_uri: bool = True) -> None:
    if with_uri:
        parser.add_argument("--uri", help="tcp://HOST:9100 | usb:VID:PID | serial:/dev/ttyUSB0?baud=N "
                                          "(default: configuration)")
        parser.add_argument("--timeout", type=float, default=1.0, help="status reply timeout (s)")
    parser.add_argument("--width", type=int, choices=(58, 80), help="paper width in mm")
    parser.add_argument("--profile", help="python-escpos profile (default: configuration)")
    qr = parser.add_mutually_exclusive_group()
    qr.add_argument("--native-qr", dest="native_qr", action="store_true", default=None)
    qr.add_argument("--image-qr", dest="native_qr", action="store_false")


def _settings(args) -> dict:
    """Command-line options over the [printer] section of the configuration."""
    from kiosk.config import load_config

    cfg = load_config(getattr(args, "config", None)).printer
    return {
        "uri": getattr(args, "uri", None) or cfg.uri,
        "paper_width_mm": args.width or cfg.paper_width_mm,
        "profile": args.profile or cfg.profile,
        "native_qr": cfg.native_qr if args.native_qr is None else args.native_qr,
    }


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 2


def _dump(obj) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=2))


def _load_json(path: str):
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ValueError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: invalid JSON at line {exc.lineno} column {exc.colno}: "
                         f"{exc.msg}") from exc


def _render(args) -> int:
    from drivers.printer import samples, templates
    from drivers.printer.layout import paper_for
    from drivers.printer.parser import parse
    from drivers.printer.render import render_png, render_text

    s = _settings(args)
    try:
        data = samples.BY_TEMPLATE[args.template] if args.sample else _load_json(args.data)
        payload = templates.render(args.template, data, s["paper_width_mm"], s["profile"],
                                   s["native_qr"])
    except ValueError as exc:  # TemplateDataError, bad JSON, unknown profile
        return _fail(f"printer render: {exc}")
    Path(args.out).write_bytes(payload)
    summary = {"template": args.template, "out": args.out, "bytes": len(payload),
               "paper_width_mm": s["paper_width_mm"], "profile": s["profile"],
               "native_qr": s["native_qr"]}
    if args.png or args.text:
        paper = paper_for(s["paper_width_mm"])
        jobs = parse(payload, paper.columns, paper.dots)
        job = jobs[0]
        if args.png:
            render_png(job, paper).save(args.png)
            summary["png"] = args.png
        if args.text:
            Path(args.text).write_text(render_text(job, paper.columns), encoding="utf-8")
            summary["text"] = args.text
        summary["parse_problems"] = job.unknown + job.errors
    _dump(summary)
    return 0


def _test(args) -> int:
    from drivers.printer import ReceiptPrinter
    from drivers.printer.transport import PrinterUriError

    s = _settings(args)
    try:
        printer = ReceiptPrinter(s["uri"], s["paper_width_mm"], s["profile"], s["native_qr"],
                                 timeout=args.timeout)
        result = printer.print_bytes(printer.render("test", {"profile": s["profile"]}))
    except (PrinterUriError, ValueError) as exc:
        return _fail(f"printer test: {exc}")
    _dump({"uri": s["uri"], "printed": result.ok, "reason": result.reason,
           "bytes_sent": result.bytes_sent, "status_before": result.before.as_dict(),
           "status_after": result.after.as_dict()})
    return 0 if result.ok else 1


def _status(args) -> int:
    from drivers.printer import ReceiptPrinter
    from drivers.printer.transport import PrinterUriError

    s = _settings(args)
    try:
        status = ReceiptPrinter(s["uri"], s["paper_width_mm"], s["profile"],
                                timeout=args.timeout).status()
    except PrinterUriError as exc:
        return _fail(f"printer status: {exc}")
    _dump({"uri": s["uri"], **status.as_dict()})
    return 0 if status.can_print else 1


def _sim(args) -> int:
    width = args.width
    if width is None:
        from kiosk.config import load_config

        width = load_config(getattr(args, "config", None)).printer.paper_width_mm
    state = dict(out_dir=args.out, paper=args.paper, offline=args.offline, width_mm=width,
                 cover_open=args.cover_open, silent=args.silent)
    if args.serial:
        from drivers.printer.virtual_serial import SerialVirtualPrinter

        if args.idle_end <= 0:
            return _fail(f"sim printer: --idle-end must be positive, got {args.idle_end}")
        vp = SerialVirtualPrinter(link_path=args.link, idle_end_s=args.idle_end, **state)
    else:
        if args.link:
            return _fail("sim printer: --link needs --serial")
        from drivers.printer.virtual import VirtualPrinter

        vp = VirtualPrinter(port=args.port, host=args.host, **state)
    try:
        vp.start()
    except OSError as exc:
        return _fail(f"sim printer: {exc}")
    # First stdout line: where to print (a parent process reads it to find the pty or port).
    print(json.dumps({"uri": vp.uri, "out": str(vp.out_dir), "paper_width_mm": width},
                     ensure_ascii=False), flush=True)
    print(f"virtual {'serial' if args.serial else 'network'} printer ({width} mm, paper "
          f"{args.paper}{', offline' if args.offline else ''}) on {vp.uri}; jobs in "
          f"{vp.out_dir}", file=sys.stderr, flush=True)
    seen = 0
    deadline = None if args.duration is None else time.monotonic() + args.duration
    try:
        while deadline is None or time.monotonic() < deadline:
            time.sleep(0.2)
            for job in vp.jobs[seen:]:
                print(json.dumps({"png": job.png_path, "text": job.text_path,
                                  "bytes": job.byte_count, "lines": len(job.lines),
                                  "problems": job.unknown + job.errors}, ensure_ascii=False),
                      flush=True)
            seen = len(vp.jobs)
    except KeyboardInterrupt:
        pass
    finally:
        vp.stop()
    return 0


def _bench(args) -> int:
    from drivers.printer import samples, templates
    from drivers.printer.bench import run_bench

    rows = run_bench(samples.RECEIPT, rounds=max(1, args.rounds), render=templates.render)
    print(f"receipt bytes build time, {args.rounds} rounds (budget ≤ 20 ms)")
    print(f"{'paper':>6} {'QR':>7} {'first ms':>9} {'median ms':>10} {'p99 ms':>8} "
          f"{'bytes':>7} {'verdict':>8}")
    for r in rows:
        print(f"{r['paper_mm']:>4}mm {r['qr']:>7} {r['first_ms']:>9.2f} {r['median_ms']:>10.2f} "
              f"{r['p99_ms']:>8.2f} {r['bytes']:>7} {'ok' if r['median_ms'] <= 20 else 'OVER':>8}")
    base = rows[-1]["baseline"]
    print(f"baseline: python-escpos 3.1 textln()+qr() of the same lines: median "
          f"{base['median_ms']:.2f} ms, {base['bytes']} bytes, {base['lost_chars']} characters "
          "lost to '?'")
    return 0
