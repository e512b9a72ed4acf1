"""Write a whole file so that readers see the old file or the new one, never half of one."""

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomically(dest: Path, write: Callable[[Path], None], replace: bool = True) -> Path:
    """write(tmp) fills a temp file beside dest; it is flushed to disk, given the permissions
    a newly made file would have (not mkstemp's owner-only ones, which would hide it from
    colleagues on a shared drive), then renamed onto dest in one step.
    replace=False refuses to replace a dest that appeared meanwhile (FileExistsError).
    The temp file is removed on any failure."""
    dest = Path(dest)
    fd, tmp_name = tempfile.mkstemp(prefix=".csdesk-", suffix=dest.suffix, dir=dest.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        with tmp.open("rb+") as f:
            os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        if not replace and dest.exists():
            raise FileExistsError(0, "already exists", str(dest))
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)
    return dest
