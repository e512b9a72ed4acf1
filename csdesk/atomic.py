"""Write a whole file so that readers see the old file or the new one, never half of one."""

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def _read_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


NEW_FILE_MODE = 0o666 & ~_read_umask()  # read once, at start-up, before any threads


def _clear_journal(dest: Path) -> None:
    """A crash journal left beside `dest` would be applied to the new file on its next open,
    mixing two projects. Replacing a crashed project is refused; an orphan journal (its
    file gone) is removed."""
    journal = dest.with_name(dest.name + "-journal")
    if not journal.exists():
        return
    if dest.exists() and journal.stat().st_size > 0:
        raise OSError(0, "it was not closed properly; open it in csdesk first", str(dest))
    journal.unlink()  # an orphan, or empty: nothing of it can apply to the new file


def write_atomically(dest: Path, write: Callable[[Path], None], replace: bool = True) -> Path:
    """write(tmp) fills a temp file beside dest; it is flushed to disk, given the permissions
    a newly made file would have (not mkstemp's owner-only ones, which would hide it from
    colleagues on a shared drive), then renamed onto dest in one step.
    replace=False refuses to replace a dest that appeared meanwhile (FileExistsError).
    The temp file is removed on any failure."""
    dest = Path(dest)
    # Not named *.csdesk: a half-written temp file must never look like a project.
    fd, tmp_name = tempfile.mkstemp(prefix=".csdesk-", suffix=".part", dir=dest.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        with tmp.open("rb+") as f:
            os.fsync(f.fileno())
        os.chmod(tmp, NEW_FILE_MODE)
        if not replace and dest.exists():
            raise FileExistsError(0, "already exists", str(dest))
        _clear_journal(dest)
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)
    return dest
