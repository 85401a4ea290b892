"""`kioskctl bench ui`: screen-change time and the longest event-loop stall while the camera
preview, the ID-card reader and sync all work (see kiosk/benchui.py), with the idle baseline."""

from __future__ import annotations

import argparse
import json
import sys

from kiosk.cli._registry import group


def bench_ui(args) -> int:
    if args.seconds <= 0 or args.rounds <= 0 or args.backlog < 0 or args.attachments < 0 or args.pause < 0:
        print("kioskctl: --seconds and --rounds must be positive, --backlog, --attachments and "
              "--pause not negative", file=sys.stderr)
        return 2
    from kiosk.offscreen import use_offscreen
    width, height = (1080, 1920) if args.orientation == "portrait" else (1920, 1080)
    use_offscreen(width, height)
    from kiosk import benchui
    result = benchui.run(seconds=args.seconds, rounds=args.rounds, backlog=args.backlog,
                         attachments=args.attachments, orientation=args.orientation,
                         config_file=getattr(args, "config", None), work_dir=args.work_dir, seed=args.seed,
                         pause_s=args.pause)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    base, loaded = result["baseline_stall_ms"], result["loaded_stall_ms"]
    change, sync = result["screen_change_ms"], result["sync"]
    verdict = result["verdict"]
    print(f"event-loop stall, {benchui.PROBE_INTERVAL_MS} ms probe, {args.seconds:g} s each")
    print(f"  baseline (nothing running): max {base['max']:.1f} ms  p99 {base['p99']:.1f} ms  "
          f"ticks {base['n']}")
    print(f"  loaded (preview {loaded['preview_fps']} fps, reader {loaded['reader_status']}, "
          f"sync {loaded['sync_accepted']} accepted): max {loaded['max']:.1f} ms  "
          f"p99 {loaded['p99']:.1f} ms  >50 ms: {loaded['over_50ms']}  "
          f"[{ok(loaded['max'] <= benchui.STALL_BUDGET_MS)} ≤ {benchui.STALL_BUDGET_MS:g} ms]")
    print(f"    Python GC meanwhile: {loaded['gc_pauses']}")
    ahead = result.get("built_ahead_ms", {})
    if ahead:
        print("  built ahead after start-up, one event-loop turn each: " + ", ".join(
            f"{name} {v['wall']:.1f} ms (CPU {v['cpu']:.1f})" for name, v in ahead.items()))
    if "startup_freeze_ms" in result:
        print(f"  end of start-up (once, before the first resident): full collection + freeze "
              f"{result['startup_freeze_ms']:.1f} ms; a full collection after the screen changes: "
              f"{result['full_collection_after_ms']:.1f} ms")
    print(f"screen change under load, {change['go']['n']} changes over {len(benchui.ROUTE)} screens")
    print(f"  flow.go():       p50 {change['go']['p50']:.1f}  p95 {change['go']['p95']:.1f}  "
          f"max {change['go']['max']:.1f} ms")
    print(f"  go + paint:      p50 {change['go_and_paint']['p50']:.1f}  "
          f"p95 {change['go_and_paint']['p95']:.1f}  max {change['go_and_paint']['max']:.1f} ms  "
          f"[{'ok' if verdict['screen_change_ok'] else 'OVER BUDGET'} ≤ {benchui.CHANGE_BUDGET_MS:g} ms]")
    print(f"  GUI-thread CPU:  p50 {change['gui_thread_cpu']['p50']:.1f}  "
          f"p95 {change['gui_thread_cpu']['p95']:.1f} ms  (other processes do not count here)")
    print(f"  slowest screens (go + paint, ms): {change['slowest_screens']}")
    if change["unpainted"]:
        print(f"  NOT PAINTED within {benchui.PAINT_WAIT_S:g} s: {change['unpainted']} change(s)")
    print_per_screen(change["per_screen"])
    print(f"  Python GC meanwhile: {change['gc_pauses']}")
    idle = change["stall_between_changes_ms"]
    print(f"  stall between changes ({result['pause_s']:g} s pauses): max {idle['max']:.1f} ms  "
          f"p99 {idle['p99']:.1f} ms  >50 ms: {idle['over_50ms']}  "
          f"[{ok(idle['max'] <= benchui.STALL_BUDGET_MS)} ≤ {benchui.STALL_BUDGET_MS:g} ms]; "
          f"worst after: {idle['worst_after']}")
    bare = result["diagnosis"]["without_app_event_filters"]
    print(f"  diagnosis — idle watcher + key guard detached: go + paint p95 "
          f"{bare['go_and_paint_p95']:.1f} ms, CPU p50 {bare['gui_thread_cpu_p50']:.1f} "
          f"p95 {bare['gui_thread_cpu_p95']:.1f} ms")
    print(f"sync: backlog {sync['backlog']} × {sync['attachments_each']} attachment(s) made in "
          f"{sync['backlog_made_s']} s; {sync['accepted_total']} accepted during the run, "
          f"{sync['left']} left (then waited {result['sync_drain_wait_s']} s for the rest)")
    return 0


def ok(within: bool) -> str:
    return "ok" if within else "OVER BUDGET"


def print_per_screen(table: dict) -> None:
    """build = changes that built the screen, reuse = changes that showed a kept one; each
    go (flow.go) / paint (to the painted screen) / total p50 and max / GUI CPU p50 and max."""
    print(f"  {'screen':14}{'n':>3}{'built':>6}  {'kind':6}{'go':>7}{'paint':>7}{'total':>7}"
          f"{'max':>7}{'cpu':>7}{'cpumax':>7}   (ms, p50 unless max)")
    for name, row in table.items():
        for kind in ("built", "reused"):
            if kind in row:
                f = row[kind]
                print(f"  {name:14}{row['n']:>3}{row['n_built']:>6}  {kind:6}{f['go_p50']:>7.1f}"
                      f"{f['paint_p50']:>7.1f}{f['total_p50']:>7.1f}{f['total_max']:>7.1f}"
                      f"{f['cpu_p50']:>7.1f}{f['cpu_max']:>7.1f}")


def register(subparsers: argparse._SubParsersAction) -> None:
    bench = group(subparsers, "bench", "benchmarks (print figures)")
    parser = bench.add_parser("ui", help="screen-change time and event-loop stalls with devices and "
                                         "sync running (demo rig), plus the idle baseline")
    parser.add_argument("--seconds", type=float, default=8.0, help="length of each stall probe")
    parser.add_argument("--rounds", type=int, default=6, help="times through the screen route")
    parser.add_argument("--backlog", type=int, default=600, help="invented applications to sync")
    parser.add_argument("--attachments", type=int, default=1, help="scans per application")
    parser.add_argument("--orientation", choices=["portrait", "landscape"], default="portrait")
    parser.add_argument("--work-dir", help="keep the rig's files here (default: a temp folder)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pause", type=float, default=0.03,
                        help="seconds the event loop runs between two screen changes")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(func=bench_ui)
