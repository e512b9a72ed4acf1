"""Smoke-test a built csdesk folder (dist/csdesk) without a display or a person.

    python installer/smoke_test.py dist/csdesk            # Windows, Linux or macOS

Runs the console executable's headless commands (--version, demo, export, check) and checks
their output; then starts the GUI on the demo project with Qt's offscreen platform for a few
seconds, from each executable, and fails if it exits early or prints a Python traceback or a
missing module or Qt plugin. Uses only
the standard library, and a throwaway CSDESK_USER_DIR so it leaves no settings behind.
Exit code 0 when everything passed."""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

SUFFIX = ".exe" if os.name == "nt" else ""
BAD_SIGNS = ("Traceback", "ModuleNotFoundError", "ImportError", "No module named",
             "Could not find the Qt platform plugin", "could not be loaded", "Failed to execute")


def _run(args, env, timeout=120):
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=timeout,
                          check=False)
    shown = " ".join(str(a) for a in args)
    print(f"$ {shown}\n  exit {done.returncode}  {done.stdout.strip()}  {done.stderr.strip()}")
    return done


def _gui_check(exe, project, env, seconds, expect):
    print(f"$ {exe} {project}   (offscreen, {seconds:g} s)")
    process = subprocess.Popen([exe, project], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    try:
        out, err = process.communicate(timeout=seconds)
        expect(False, f"{exe.name}: GUI still running after {seconds:g} s "
                      f"(it exited with {process.returncode})")
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate()
        expect(True, f"{exe.name}: GUI still running after {seconds:g} s")
    print("  stderr:", err.strip() or "(empty)")
    expect(not any(sign in out + err for sign in BAD_SIGNS),
           f"{exe.name}: GUI printed no traceback or missing module/plugin")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dist", type=Path, help="the built folder, e.g. dist/csdesk")
    parser.add_argument("--gui-seconds", type=float, default=5.0)
    args = parser.parse_args()
    cli = args.dist / f"csdesk-cli{SUFFIX}"
    gui = args.dist / f"csdesk{SUFFIX}"
    failures = []

    def expect(condition, what):
        print(f"  {'ok' if condition else 'FAILED'}: {what}")
        if not condition:
            failures.append(what)

    with tempfile.TemporaryDirectory(prefix="csdesk-smoke-", ignore_cleanup_errors=True) as tmp:
        tmp = Path(tmp)
        env = dict(os.environ, CSDESK_USER_DIR=str(tmp / "user"), QT_QPA_PLATFORM="offscreen")
        project, pdf = tmp / "smoke.csdesk", tmp / "smoke.pdf"

        done = _run([cli, "--version"], env)
        expect(done.returncode == 0 and done.stdout.startswith("csdesk "), "--version prints it")
        done = _run([cli, "demo", project], env)
        expect(done.returncode == 0 and project.is_file(), "demo writes a project file")
        done = _run([cli, "export", project, "-o", pdf], env)
        head = pdf.read_bytes()[:5] if pdf.is_file() else b""
        size = pdf.stat().st_size if pdf.is_file() else 0
        expect(done.returncode == 0 and head == b"%PDF-" and size > 10_000,
               f"export writes a PDF over 10 KB ({size} bytes)")
        done = _run([cli, "check", project], env)
        expect(done.returncode == 0 and "sound" in done.stdout, "check finds the project sound")
        done = _run([cli, "check", tmp / "missing.csdesk"], env)
        expect(done.returncode == 1 and "Traceback" not in done.stderr,
               "check on a missing file: exit 1, one sentence, no traceback")

        # The GUI through the console executable too: on Windows the windowed csdesk.exe has no
        # stderr (a crash there shows a dialog instead), while both run the same code and bundle.
        for exe in (gui, cli):
            _gui_check(exe, project, env, args.gui_seconds, expect)

    print("smoke test:", "passed" if not failures else f"{len(failures)} FAILED")
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
