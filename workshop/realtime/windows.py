"""One broadcast per window across server processes: who sends a coalesced aggregate.

With several processes behind nginx, votes reach all of them, and each would send the same
round's results to the whole room every window: every phone got the tally once per process.
Each window of a coalesced key is claimed in Redis (`SET NX` with a short expiry); the process
that claims it sends, the others try again as the next window opens (not a whole interval
later: that would add up to a window to the results' lag on every screen), so a change that the
sender may have missed is still sent. Without Redis (one process) every window is this
process's.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time

log = logging.getLogger(__name__)
_CLIENTS: dict[str, object] = {}
_LOCK = threading.Lock()


def _client(url: str):
    import redis

    with _LOCK:
        if url not in _CLIENTS:
            _CLIENTS[url] = redis.Redis.from_url(url, socket_timeout=1)
        return _CLIENTS[url]


def claim_window(config, key: str, interval: float) -> bool:
    """Whether this process sends `key` in the current window of `interval` seconds."""
    url = config.get("SOCKETIO_MESSAGE_QUEUE") or ""
    if not url.startswith(("redis://", "rediss://")):
        return True
    database = hashlib.sha256(config["SQLALCHEMY_DATABASE_URI"].encode()).hexdigest()[:12]
    window = int(time.time() / interval)
    try:
        return bool(_client(url).set(f"hamandishi:window:{database}:{key}:{window}", 1,
                                     nx=True, px=max(1, int(interval * 3000))))
    except Exception:  # Redis away: a second copy of a tally is harmless, a missing one is not
        log.warning("could not claim the broadcast window of %s; sending anyway", key)
        return True


def next_window_in(interval: float) -> float:
    """Seconds until the next window of `interval` opens (when a lost claim tries again)."""
    return interval - time.time() % interval + 0.002
