"""Where an export is written: the output path checked, and the file written whole (a temp
file renamed into place) or not at all."""

from pathlib import Path

from ..atomic import write_atomically
from .errors import ReportError


def output_path(out: Path, suffix: str) -> Path:
    out = Path(out)
    if out.suffix.lower() != suffix:
        out = out.with_name(out.name + suffix)
    folder = out.parent if str(out.parent) else Path(".")
    if out.is_dir():
        raise ReportError(f"{out} is a folder; give the file to write.")
    if not folder.is_dir():
        raise ReportError(f"Cannot write {out}: the folder {folder} does not exist.")
    return out


def write_file(out: Path, write) -> Path:
    """write(tmp) into a temp file beside `out`, renamed into place: a failed export never
    leaves half a file behind. Errors become ReportError."""
    try:
        write_atomically(out, write)
    except PermissionError as exc:
        raise ReportError(f"Cannot write {out}: permission denied (is the file open in "
                          "another program, or the folder read-only?).") from exc
    except OSError as exc:
        raise ReportError(f"Cannot write {out}: {exc.strerror or exc}.") from exc
    return out
