"""The csdesk benchmark: every result against a floor measured in the same run.

    python bench/run.py            5 fresh processes per measure, large and huge projects
    python bench/run.py --quick    3 per measure, large project only
    python bench/run.py --dry      build a tiny project through the operations and check it

Floor and csdesk runs alternate (ABAB), so a machine busy with other work slows both alike.
Prints a table and writes bench/results.json. See README, "Performance"."""

import argparse
import compileall
import json
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import HUGE, LARGE, TINY, cached, generate  # noqa: E402

PROBE = str(HERE / "probe.py")
TIMEOUT = 600

# name: (target, higher is worse); the table says met or missed
TARGETS = {"paint_ratio": 2.0, "ready_ratio": 1.3, "huge_ready_ratio": 1.5, "export_ratio": 1.5,
           "commit_p95_ms": 15.0, "max_block_ms": 50.0}


def console_script() -> str:
    """The installed `csdesk` beside this Python (what users run), else python -m csdesk."""
    script = Path(sys.executable).with_name("csdesk" + (".exe" if os.name == "nt" else ""))
    return str(script) if script.exists() else ""


def run(cmd: list[str], env: dict) -> tuple[float, dict]:
    """Start a process; (the perf_counter reading just before it started, its PROBE result)."""
    t0 = time.perf_counter()
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=TIMEOUT)
    found = re.findall(r"^PROBE (.*)$", out.stdout, re.M)
    if out.returncode != 0 and not found:
        raise RuntimeError(f"{cmd} failed ({out.returncode}):\n{out.stderr[-2000:]}")
    result = json.loads(found[-1]) if found else {}
    result["wall"] = time.perf_counter() - t0
    return t0, result


def environment(user_dir: Path) -> dict:
    env = dict(os.environ, CSDESK_USER_DIR=str(user_dir))
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def pdf_pages(path: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", path.read_bytes()))


def median(values) -> float:
    values = [v for v in values if v == v]  # drop NaN (no peak memory on Windows)
    return statistics.median(values) if values else float("nan")


def measure(projects: dict[str, Path], exports: dict[str, Path], runs: int, env: dict,
            work: Path) -> dict:
    """Medians over `runs` rounds. Each round runs every floor next to what it is the floor
    of (ABAB...), for every project, so a machine whose load drifts slows both alike; ratios
    are taken within a round, then their median."""
    py = sys.executable
    csdesk = console_script()
    export = [csdesk] if csdesk else [py, "-m", "csdesk"]
    s: dict[str, list] = {}

    def add(key, value):
        s.setdefault(key, []).append(value)

    for i in range(runs):
        for name, project in projects.items():
            t0, r = run([py, PROBE, "floor-window"], env)
            add("floor_paint", r["painted"] - t0)
            add("floor_rss", r["rss_mb"])
            t0, r = run([py, PROBE, "gui", str(project)], env)
            paint, ready = r["painted"] - t0, r["ready"] - t0
            add(f"{name}.paint", paint)
            add(f"{name}.ready", ready)
            add(f"{name}.rss", r["rss_mb"])
            add(f"{name}.ready_rss", r["ready_rss_mb"])
            for key in ("switch_heatmap_ms", "switch_map_ms", "typing_block_ms",
                        "scroll_block_ms", "heatmap_screen"):
                add(f"{name}.{key}", r[key])
            t0, r = run([py, PROBE, "floor-stack", str(project)], env)
            add(f"{name}.floor_ready", r["ready"] - t0)
            add(f"{name}.floor_stack_rss", r["rss_mb"])
            add(f"{name}.paint_ratio", paint / s["floor_paint"][-1])
            add(f"{name}.ready_ratio", ready / s[f"{name}.floor_ready"][-1])
        for name, project in exports.items():
            out = work / f"{name}-{i}.pdf"
            _, r = run(export + ["export", str(project), "-o", str(out)], env)
            add(f"{name}.export", r["wall"])
            add(f"{name}.pages", pdf_pages(out))
            _, r = run([py, PROBE, "floor-export", str(s[f"{name}.pages"][-1]),
                        str(work / "floor.pdf")], env)
            add(f"{name}.floor_export", r["wall"])
            add(f"{name}.export_ratio", s[f"{name}.export"][-1] / r["wall"])
            lines = work / f"{name}-lines.json"
            if not lines.exists():  # not timed
                run([py, PROBE, "text-lines", str(out), str(lines)], env)
            _, r = run([py, PROBE, "floor-text", str(lines), str(work / "text.pdf")], env)
            add(f"{name}.floor_text", r["wall"])
            add(f"{name}.text_floor_ratio", r["wall"] / s[f"{name}.floor_export"][-1])
        if "huge" in projects:
            add("huge_ready_ratio", s["huge.ready"][-1] / s["large.ready"][-1])
        for name, project in projects.items():  # a process a round: 60 commits and the floor's
            _, r = run([py, PROBE, "commit", str(project)], env)
            add(f"{name}.commit_p50_ms", r["commit_p50_ms"])
            add(f"{name}.commit_p95_ms", r["commit_p95_ms"])
            add(f"{name}.floor_commit_p95_ms", r["floor_commit_p95_ms"])
    m = {k: v[0] if isinstance(v[0], str) else median(v) for k, v in s.items()}
    m["runs"] = runs
    m["samples"] = s  # every round's value, to see the spread behind each median
    return m


def results(m: dict) -> dict:
    L = "large."
    huge = "huge.ready" in m
    return {
        "paint_ratio": m[L + "paint_ratio"],
        "ready_ratio": m[L + "ready_ratio"],
        "export_ratio": m[L + "export_ratio"],
        "demo_export_ratio": m["demo.export_ratio"],
        # The report's own text written in a built-in font with no layout, against the export
        # floor: what the text alone costs; the rest of an export's time is its layout.
        "text_floor_ratio": m[L + "text_floor_ratio"],
        "commit_p50_ms": m[L + "commit_p50_ms"],
        "commit_p95_ms": m[L + "commit_p95_ms"],
        "floor_commit_p95_ms": m[L + "floor_commit_p95_ms"],
        "max_block_ms": max(m[L + "typing_block_ms"], m[L + "scroll_block_ms"]),
        "typing_block_ms": m[L + "typing_block_ms"],
        "scroll_block_ms": m[L + "scroll_block_ms"],
        "switch_heatmap_ms": m[L + "switch_heatmap_ms"],
        "switch_map_ms": m[L + "switch_map_ms"],
        "heatmap_screen": m[L + "heatmap_screen"],
        "rss_mb": m[L + "rss"],
        "ready_rss_mb": m[L + "ready_rss"],
        "floor_stack_rss_mb": m[L + "floor_stack_rss"],
        "rss_limit_mb": 1.5 * m["floor_rss"] + 60,
        "huge_ready_ratio": m["huge_ready_ratio"] if huge else None,
        "huge_export_ratio": m["huge.export_ratio"] if huge else None,
        "huge_export_vs_large": m["huge.export"] / m[L + "export"] if huge else None,
        "medians": m,
    }


def table(res: dict) -> str:
    m = res["medians"]
    L = {k[6:]: v for k, v in m.items() if k.startswith("large.")} | {
        k: m[k] for k in ("floor_paint", "floor_rss")}
    H = {k[5:]: v for k, v in m.items() if k.startswith("huge.")}

    def verdict(key, value, limit=None):
        limit = TARGETS.get(key) if limit is None else limit
        if value is None or limit is None:
            return ""
        return "met" if value <= limit else "MISSED"

    rows = [
        ("first paint", f"{L['paint']:.2f} s", f"{L['floor_paint']:.2f} s bare window",
         f"{res['paint_ratio']:.2f}x", "<= 2.0x", verdict("paint_ratio", res["paint_ratio"])),
        ("ready (Overview)", f"{L['ready']:.2f} s", f"{L['floor_ready']:.2f} s stack floor",
         f"{res['ready_ratio']:.2f}x", "<= 1.3x", verdict("ready_ratio", res["ready_ratio"])),
        ("export PDF (CLI)", f"{L['export']:.2f} s",
         f"{L['floor_export']:.2f} s reportlab, {L['pages']} pages",
         f"{res['export_ratio']:.2f}x", "<= 1.5x", verdict("export_ratio", res["export_ratio"])),
        ("export: its text alone", f"{L['floor_text']:.2f} s",
         "its text alone, no layout (Helvetica)", f"{res['text_floor_ratio']:.2f}x", "", ""),
        ("export PDF (CLI), demo", f"{m['demo.export']:.2f} s",
         f"{m['demo.floor_export']:.2f} s reportlab, {m['demo.pages']:.0f} pages",
         f"{res['demo_export_ratio']:.2f}x", "", ""),
        ("switch to heatmap", f"{L['switch_heatmap_ms']:.0f} ms",
         f"screen: {L['heatmap_screen']}", "", "", ""),
        ("switch to map", f"{L['switch_map_ms']:.0f} ms", "child journey, Map tab", "", "", ""),
        ("commit p50 / p95", f"{L['commit_p50_ms']:.1f} / {L['commit_p95_ms']:.1f} ms",
         f"p95 {L['floor_commit_p95_ms']:.1f} ms bare sqlite3 (FULL)", "", "p95 <= 15 ms",
         verdict("commit_p95_ms", res["commit_p95_ms"])),
        ("loop blocked: typing / scroll",
         f"{L['typing_block_ms']:.0f} / {L['scroll_block_ms']:.0f} ms", "5 ms heartbeat", "",
         "<= 50 ms", verdict("max_block_ms", res["max_block_ms"])),
        ("peak memory", f"{L['rss']:.0f} MB", f"{L['floor_rss']:.0f} MB bare window", "",
         f"<= {res['rss_limit_mb']:.0f} MB", verdict("", L["rss"], res["rss_limit_mb"])),
        ("memory when ready", f"{L['ready_rss']:.0f} MB",
         f"{L['floor_stack_rss']:.0f} MB stack floor", "", f"<= {res['rss_limit_mb']:.0f} MB",
         verdict("", L["ready_rss"], res["rss_limit_mb"])),
    ]
    if H:
        rows += [
            ("huge: ready", f"{H['ready']:.2f} s", f"{L['ready']:.2f} s large",
             f"{res['huge_ready_ratio']:.2f}x", "<= 1.5x",
             verdict("huge_ready_ratio", res["huge_ready_ratio"])),
            ("huge: first paint", f"{H['paint']:.2f} s", f"{L['floor_paint']:.2f} s bare window",
             f"{H['paint_ratio']:.2f}x", "<= 2.0x", verdict("paint_ratio", H["paint_ratio"])),
            ("huge: export PDF", f"{H['export']:.2f} s",
             f"{H['floor_export']:.2f} s reportlab, {H['pages']} pages",
             f"{res['huge_export_ratio']:.2f}x", "", ""),
        ]
    head = ("measure", "csdesk", "floor", "ratio", "target", "")
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]
    line = lambda r: "| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |"  # noqa: E731
    return "\n".join([line(head), "|" + "|".join("-" * (w + 2) for w in widths) + "|",
                      *map(line, rows)])


def compile_csdesk() -> None:
    """Byte-compile csdesk, as users have it: pip compiles a package it installs, and the
    Windows build ships compiled modules. An editable checkout run with
    PYTHONDONTWRITEBYTECODE (as on the CI machine) would otherwise compile every csdesk
    module from source in every measured process (about 80 ms at start), while the floors'
    libraries are compiled."""
    import csdesk

    compileall.compile_dir(Path(csdesk.__file__).parent, quiet=1)


def dry() -> int:
    """Build a tiny project through the operations and check it is sound."""
    with tempfile.TemporaryDirectory() as tmp:
        path = generate(Path(tmp) / "tiny.csdesk", TINY)
        out = subprocess.run([sys.executable, "-m", "csdesk", "check", str(path)],
                             capture_output=True, text=True, env=environment(Path(tmp)))
        print(out.stdout.strip() or out.stderr.strip())
        db = sqlite3.connect(path)
        print(", ".join(f"{db.execute(f'SELECT count(*) FROM {t}').fetchone()[0]} {t}"
                        for t in ("journey", "stage", "system_area", "rating",
                                  "rating_evidence", "action", "progress_note")))
        db.close()
        return out.returncode


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 runs each, large project only")
    parser.add_argument("--dry", action="store_true", help="only build and check a tiny project")
    parser.add_argument("--runs", type=int, help="fresh processes per measure")
    parser.add_argument("--out", type=Path, default=HERE / "results.json")
    args = parser.parse_args(argv)
    if args.dry:
        return dry()
    runs = args.runs or (3 if args.quick else 5)
    compile_csdesk()
    cache = HERE / ".cache"
    print("Generating (once; cached in bench/.cache)…", flush=True)
    large_file = cached("large", LARGE, cache)
    huge_file = None if args.quick else cached("huge", HUGE, cache)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        env = environment(work / "user")
        # Copies: the typing measure saves what it types, and the cache stays as generated.
        projects = {name: Path(shutil.copy(path, work / path.name)) for name, path in
                    (("large", large_file), ("huge", huge_file)) if path}
        print(f"Measuring {' and '.join(projects)}, {runs} rounds…", flush=True)
        demo = cache / "demo.csdesk"
        if not demo.exists():
            subprocess.run([sys.executable, "-m", "csdesk", "demo", str(demo)], env=env,
                           check=True, capture_output=True)
        res = results(measure(projects, projects | {"demo": demo}, runs, env, work))
    res["quick"] = args.quick
    res["load"] = os.getloadavg() if hasattr(os, "getloadavg") else None
    args.out.write_text(json.dumps(res, indent=2), encoding="utf-8")
    print(table(res))
    print(f"Wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
