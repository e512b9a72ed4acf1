"""Is a project somewhere risky to edit it? On a network drive a dropped connection can cut
a change off half-way; in a synced folder (OneDrive, Dropbox, Google Drive, iCloud) the sync
tool may copy the file mid-change or make conflicting copies. Neither is forbidden: the user
is warned and offered a local copy."""

import os
import sys
from pathlib import Path, PurePath

NETWORK_FILESYSTEMS = {
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "9p", "sshfs", "fuse.sshfs",
    "davfs", "fuse.davfs2", "fuse.rclone", "glusterfs", "fuse.glusterfs", "ceph", "lustre",
    "fuse.gvfsd-fuse", "afpfs", "webdav",
}


def cloud_service(path: PurePath) -> str | None:
    """The sync service whose folder holds `path`, judged by the folder names each uses
    (OneDrive - Council, Dropbox (Team), ~/Library/CloudStorage/GoogleDrive-..., ...)."""
    for part in PurePath(path).parts:
        low = part.lower()
        if low.startswith("onedrive"):
            return "OneDrive"
        if low == "dropbox" or low.startswith(("dropbox (", "dropbox-")):
            return "Dropbox"
        if low in ("google drive", "googledrive", "my drive") or low.startswith(
                ("googledrive-", "google drive (")):
            return "Google Drive"
        if low in ("icloud drive", "iclouddrive", "mobile documents") or "clouddocs" in low:
            return "iCloud Drive"
    return None


def mount_type(path: PurePath, mounts: str) -> str | None:
    """The filesystem type holding `path`, from a /proc/mounts text (the longest mount
    point that contains it)."""
    best, kind = "", None
    target = PurePath(path).as_posix()
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1].replace("\\040", " ").replace("\\011", "\t").replace("\\134", "\\")
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, fields[2]
    return kind


def _windows_network(path: Path) -> str | None:
    text = str(path)
    if text.startswith("\\\\"):
        return "on a network share"
    import ctypes

    drive = os.path.splitdrive(text)[0]
    if drive and ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == 4:  # DRIVE_REMOTE
        return f"on a network drive ({drive})"
    return None


def _mac_network(path: Path) -> str | None:
    """statfs: a filesystem without MNT_LOCAL is a network one."""
    import ctypes

    class StatFs(ctypes.Structure):  # struct statfs, 64-bit inodes (macOS 10.6 and later)
        _fields_ = [("f_bsize", ctypes.c_uint32), ("f_iosize", ctypes.c_int32),
                    ("f_blocks", ctypes.c_uint64), ("f_bfree", ctypes.c_uint64),
                    ("f_bavail", ctypes.c_uint64), ("f_files", ctypes.c_uint64),
                    ("f_ffree", ctypes.c_uint64), ("f_fsid", ctypes.c_int32 * 2),
                    ("f_owner", ctypes.c_uint32), ("f_type", ctypes.c_uint32),
                    ("f_flags", ctypes.c_uint32), ("f_fssubtype", ctypes.c_uint32),
                    ("f_fstypename", ctypes.c_char * 16), ("f_mntonname", ctypes.c_char * 1024),
                    ("f_mntfromname", ctypes.c_char * 1024), ("f_flags_ext", ctypes.c_uint32),
                    ("f_reserved", ctypes.c_uint32 * 7)]

    libc = ctypes.CDLL(None, use_errno=True)
    statfs = getattr(libc, "statfs$INODE64", None) or libc.statfs
    buf = StatFs()
    if statfs(os.fsencode(path), ctypes.byref(buf)) != 0:
        return None
    MNT_LOCAL = 0x1000
    if buf.f_flags & MNT_LOCAL:
        return None
    return f"on a network drive ({buf.f_fstypename.decode(errors='replace')})"


def network_place(path: Path) -> str | None:
    """'on a network drive (...)' if the file is on one, else None."""
    try:
        if sys.platform == "win32":
            return _windows_network(path)
        if sys.platform == "darwin":
            return _mac_network(path.parent)
        kind = mount_type(path.resolve(), Path("/proc/mounts").read_text(encoding="utf-8"))
    except (OSError, AttributeError, ValueError):
        return None  # cannot tell: say nothing rather than guess
    return f"on a network drive ({kind})" if kind in NETWORK_FILESYSTEMS else None


def risk(path: Path) -> str | None:
    """Where the project is, in words, if it is somewhere risky to edit it; else None."""
    path = Path(path)
    service = cloud_service(path.resolve())
    if service:
        return f"in a {service} folder"
    return network_place(path)
