"""Python's cycle collector paused while a report is read and laid out.

A long report keeps tens of thousands of live objects (flowables, styles, fragments), and
every full collection walks them all: about an eighth of a 600-page export's time, for
nothing: the report makes next to no reference cycles (peak memory measured the same with
the collector off). Reference counting still frees everything as usual; the collector
runs again once the last export in progress is done."""

import gc
import threading
from contextlib import contextmanager
from functools import wraps

_lock = threading.Lock()
_state = {"depth": 0, "was_enabled": True}  # exports under way (the window runs them in a worker)


@contextmanager
def collector_paused():
    with _lock:
        if _state["depth"] == 0:
            _state["was_enabled"] = gc.isenabled()
            gc.disable()
        _state["depth"] += 1
    try:
        yield
    finally:
        with _lock:
            _state["depth"] -= 1
            if _state["depth"] == 0 and _state["was_enabled"]:
                gc.enable()


def with_collector_paused(func):
    @wraps(func)
    def paused(*args, **kwargs):
        with collector_paused():
            return func(*args, **kwargs)
    return paused
