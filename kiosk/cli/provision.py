"""`kioskctl provision`: set up a new terminal — configuration file, ID-card reader, printer,
camera, enrolment with the platform, self-test. Prompts for what the flags leave open; with
--non-interactive the flags and the first working device found decide."""

from __future__ import annotations

import json
import os
import sys

DEFAULT_CONFIG_OUT = "/etc/kiosk/kiosk.toml"


def register(subparsers) -> None:
    parser = subparsers.add_parser("provision", help="set up a new terminal: devices, configuration, "
                                                     "enrolment, self-test")
    parser.add_argument("--out", help=f"configuration file to write (default: $KIOSK_CONFIG or "
                                      f"{DEFAULT_CONFIG_OUT})")
    parser.add_argument("--non-interactive", action="store_true",
                        help="never prompt: flags, else the first working device found")
    parser.add_argument("--json", action="store_true", help="print the outcome as JSON at the end")
    site = parser.add_argument_group("site and screen")
    site.add_argument("--site-code")
    site.add_argument("--site-name")
    site.add_argument("--device-name")
    site.add_argument("--orientation", choices=("portrait", "landscape"))
    site.add_argument("--width", type=int)
    site.add_argument("--height", type=int)
    site.add_argument("--data-dir", help="[paths] data_dir")
    site.add_argument("--log-dir", help="[paths] log_dir")
    devices = parser.add_argument_group("devices")
    devices.add_argument("--port", action="append", default=[],
                         help="extra serial port to probe for the reader (repeatable; e.g. a /dev/pts link)")
    devices.add_argument("--reader", help="the reader's port (checked); '' for no reader")
    devices.add_argument("--printer", help="the printer URI (checked): tcp://H:P | usb:VID:PID | serial:DEV")
    devices.add_argument("--printer-tcp", action="append", default=[], metavar="HOST:PORT",
                         help="network printer candidate (repeatable)")
    devices.add_argument("--printer-serial", action="append", default=[], metavar="DEV",
                         help="serial printer candidate (repeatable)")
    devices.add_argument("--paper-width", type=int, choices=(58, 80))
    devices.add_argument("--camera", help="camera source: device:N | scene | sim:SOCKET | folder:PATH | url:URL")
    platform = parser.add_argument_group("platform")
    platform.add_argument("--platform", help="platform base URL")
    platform.add_argument("--code", help="one-time enrolment code")
    platform.add_argument("--force-enrol", action="store_true", help="enrol again")
    parser.add_argument("--print", dest="print_page", action="store_true",
                        help="print a test page during the self-test")
    parser.set_defaults(func=run)


def run(args) -> int:
    from kiosk.provision import Answers, Provisioner, ProvisionError

    out = args.out or os.environ.get("KIOSK_CONFIG") or DEFAULT_CONFIG_OUT
    answers = Answers(site_code=args.site_code, site_name=args.site_name, device_name=args.device_name,
                      orientation=args.orientation, width=args.width, height=args.height,
                      data_dir=args.data_dir, log_dir=args.log_dir, ports=args.port,
                      reader=args.reader, printer=args.printer, printer_tcp=args.printer_tcp,
                      printer_serial=args.printer_serial, paper_width_mm=args.paper_width,
                      camera=args.camera, platform=args.platform, code=args.code,
                      force_enrol=args.force_enrol)
    # progress goes to stderr when stdout carries JSON
    say = (lambda text: print(text, file=sys.stderr)) if args.json else print
    try:
        outcome = Provisioner(answers, out, interactive=not args.non_interactive, say=say).run(
            print_page=args.print_page)
    except ProvisionError as exc:
        print(f"kioskctl provision: {exc}", file=sys.stderr)
        return 2
    except (EOFError, KeyboardInterrupt):
        print("\nkioskctl provision: interrupted; the configuration file may be partly written",
              file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(outcome.as_dict(), ensure_ascii=False, indent=2))
    return 0 if not any(r.failed for r in outcome.selftest) else 1
