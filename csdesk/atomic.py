"""Write a whole file so that readers see the old file or the new one, never half of one."""

import errno
import os
import sys
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


def sync_folder(folder: Path) -> None:
    """Make a rename (or a new name) in `folder` survive a power cut: on POSIX the rename
    is only durable once the folder itself is flushed. Windows cannot open a folder for
    this (NTFS journals the rename itself); some network filesystems refuse it too."""
    if sys.platform == "win32":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # best effort: the file itself is written and flushed
    try:
        os.fsync(fd)
    except OSError:
        pass  # e.g. EINVAL on a share that cannot flush a folder
    finally:
        os.close(fd)


def _place_new(tmp: Path, dest: Path) -> None:
    """Give tmp the name dest only if dest does not exist, in one step, so a file that
    appears meanwhile is never replaced. POSIX: a hard link fails if the name is taken.
    Windows: rename never replaces. Filesystems without hard links (FAT, some shares):
    reserve the name exclusively first, then replace our own empty reservation."""
    if sys.platform == "win32":
        os.rename(tmp, dest)
        return
    try:
        os.link(tmp, dest)  # FileExistsError if the name is taken
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV,
                             errno.EMLINK, errno.ENOSYS):
            raise
        os.close(os.open(dest, os.O_CREAT | os.O_EXCL | os.O_WRONLY, NEW_FILE_MODE))
        os.replace(tmp, dest)
    else:
        tmp.unlink()


def write_atomically(dest: Path, write: Callable[[Path], None], replace: bool = True) -> Path:
    """write(tmp) fills a temp file beside dest; it is flushed to disk, given the permissions
    a newly made file would have (not mkstemp's owner-only ones, which would hide it from
    colleagues on a shared drive), then renamed onto dest in one step, and the folder is
    flushed so the new name survives a power cut.
    replace=False refuses to replace a dest that exists or appears meanwhile
    (FileExistsError). The temp file is removed on any failure."""
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
        _clear_journal(dest)
        if replace:
            os.replace(tmp, dest)
        else:
            _place_new(tmp, dest)
        sync_folder(dest.parent)
    finally:
        tmp.unlink(missing_ok=True)
    return dest
