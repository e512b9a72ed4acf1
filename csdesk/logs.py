"""The rolling log in the per-user log folder: what went wrong, for whoever helps the user.
No Qt. Nothing personal is logged beyond file names."""

import faulthandler
import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

from .paths import log_dir

LOG_NAME = "csdesk.log"
FAULTS_NAME = "faults.log"  # Python's own report of a hard crash (a segfault, an abort)
_faults_file = None  # kept open for faulthandler for the life of the process


def setup() -> Path | None:
    """Log csdesk's messages to a rotating file (1 MB, 3 old ones kept). Returns its path,
    or None if the log folder cannot be written (the app works on without a log)."""
    global _faults_file
    logger = logging.getLogger("csdesk")
    for handler in logger.handlers:
        if isinstance(handler, RotatingFileHandler):
            return Path(handler.baseFilename)
    try:
        folder = log_dir()
        handler = RotatingFileHandler(folder / LOG_NAME, maxBytes=1_000_000, backupCount=3,
                                      encoding="utf-8")
        if _faults_file is None:
            _faults_file = (folder / FAULTS_NAME).open("a", encoding="utf-8")
            faulthandler.enable(_faults_file)
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return Path(handler.baseFilename)
