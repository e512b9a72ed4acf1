"""The csdesk command: the GUI, or a headless command (demo, export, check).

Bad input gets one sentence on stderr and a non-zero exit, never a traceback."""

import argparse
import gc
import sys
from pathlib import Path

from . import __version__

COMMANDS = ("demo", "export", "check")
PASSWORD_ENV = "CSDESK_PDF_PASSWORD"  # never a command-line argument: shell history, ps
EXIT_OK, EXIT_FAILED = 0, 1  # argparse exits 2 for usage errors


def _command_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="csdesk", description="csdesk headless commands.")
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help="write a demo project of a fictional local area")
    demo.add_argument("file", type=Path, help="the new project file (.csdesk)")
    export = sub.add_parser("export", help="write a project's report (PDF, or HTML), or its "
                                           "action plan as CSV (an output ending .csv)")
    export.add_argument("file", type=Path, help="the project file (.csdesk)")
    export.add_argument("-o", "--output", type=Path, required=True,
                        help="the file to write: NAME.pdf, NAME.html for the accessible "
                             "HTML page, or NAME.csv for the action plan")
    export.add_argument("--paper", choices=("a4", "a3"), default="a4",
                        help="paper for the journey maps (landscape; default a4)")
    export.add_argument("--encrypt", action="store_true",
                        help="encrypt the PDF (AES-256); the password is asked twice, or "
                             f"read from the environment variable {PASSWORD_ENV}")
    export.add_argument("--sections", type=lambda text: text.split(","), metavar="LIST",
                        help="only these sections, comma-separated (the cover and contents "
                             "are always there): " + ", ".join(_section_keys()))
    export.add_argument("--fixed-date", type=_iso_date, metavar="YYYY-MM-DD",
                        help="print and stamp this date instead of today's, so the same "
                             "project gives the same bytes (for tests and archives)")
    check = sub.add_parser("check", help="check a project file is sound")
    check.add_argument("file", type=Path, help="the project file (.csdesk)")
    return parser


def _section_keys() -> tuple[str, ...]:
    from .report.sections import KEYS

    return KEYS


def _iso_date(text: str):
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-03-12") from None


def _gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="csdesk",
        description="Map, RAG rate and plan a Contextual Safeguarding system. "
                    f"Headless commands: {', '.join(COMMANDS)} (csdesk COMMAND --help).",
    )
    parser.add_argument("file", nargs="?", type=Path, help="a project file to open")
    parser.add_argument("--demo", action="store_true", help="open a fresh copy of the demo project")
    parser.add_argument("--version", action="version", version=f"csdesk {__version__}")
    return parser


def cmd_demo(args) -> int:
    from .services.demo import write_demo

    path = write_demo(args.file)
    print(f"Wrote the demo project to {path}")
    return EXIT_OK


def _password() -> str:
    """From the environment (scripts), else asked twice on the terminal."""
    import getpass
    import os

    from .report import check_password

    if os.environ.get(PASSWORD_ENV) is not None:
        return check_password(os.environ[PASSWORD_ENV])
    if not sys.stdin.isatty():
        raise _Refusal(f"--encrypt needs a password: there is no terminal to ask on, so set "
                       f"the environment variable {PASSWORD_ENV}.")
    first = check_password(getpass.getpass("Password for the PDF: "))
    if getpass.getpass("The same password again: ") != first:
        raise _Refusal("The two passwords differ; nothing was written.")
    return first


def cmd_export(args) -> int:
    from .report import gather, is_html, write_report
    from .services.project import OpenProject

    if args.output.is_dir():
        raise _Refusal(f"{args.output} is a folder; give the file to write.")
    if args.encrypt and (is_html(args.output) or args.output.suffix.lower() == ".csv"):
        raise _Refusal("Only a PDF can be encrypted: export a PDF to encrypt it.")
    password = _password() if args.encrypt else None
    project = OpenProject.open(args.file, readonly=True)
    try:
        if args.output.suffix.lower() == ".csv":
            from .services.plan_csv import export_csv

            print(f"Wrote {export_csv(project, args.output)}")
            return EXIT_OK
        data = gather(project, args.fixed_date)
    finally:
        project.close()
    out = write_report(data, args.output, paper=args.paper, keys=args.sections,
                       password=password, fixed_date=args.fixed_date)
    print(f"Wrote {out}" + (" (encrypted)" if password else ""))
    return EXIT_OK


def cmd_check(args) -> int:
    from .store import SCHEMA_VERSION, inspect_file

    info = inspect_file(args.file, full_check=True, allow_newer=True)
    by = f", last written by csdesk {info.written_by}" if info.written_by else ""
    print(f"{info.path.name}: sound (integrity, links and schema checked). "
          f"File format {info.schema_version}{by}.")
    if info.schema_version > SCHEMA_VERSION:
        print(f"It was made by a newer csdesk: this csdesk {__version__} reads up to format "
              f"{SCHEMA_VERSION}.")
    elif info.schema_version < SCHEMA_VERSION:
        print(f"It will be updated to format {SCHEMA_VERSION} when opened for editing "
              "(a backup is taken first).")
    return EXIT_OK


class _Refusal(Exception):
    pass


def run_command(argv: list[str]) -> int:
    import sqlite3

    from sqlalchemy.exc import SQLAlchemyError

    from .report import ReportError
    from .services.framework import FrameworkError
    from .store import ProjectFileError

    args = _command_parser().parse_args(argv)
    handler = {"demo": cmd_demo, "export": cmd_export, "check": cmd_check}[args.command]
    try:
        return handler(args)
    except (ProjectFileError, ReportError, FrameworkError, _Refusal) as exc:
        message = str(exc)
    except (sqlite3.Error, SQLAlchemyError) as exc:
        message = f"{args.file.name} could not be read as a csdesk project ({_first_line(exc)})."
    except OSError as exc:
        message = f"{exc.strerror or exc}: {exc.filename or args.file}."
    except Exception as exc:  # last resort: still one sentence, never a traceback
        message = f"{args.command} failed: {_first_line(exc)}."
    print(f"csdesk: {message}", file=sys.stderr)
    return EXIT_FAILED


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in COMMANDS:
        return run_command(argv)
    args = _gui_parser().parse_args(argv)
    # Python's cycle collector would walk the window's libraries again and again as they
    # load: off until the window is ready (ui/startup.collector_back turns it back on).
    gc.disable()
    from .ui.app import run

    return run(args.file, demo=args.demo)


if __name__ == "__main__":
    sys.exit(main())
