"""Callers that miss a cache together build its entry once (database waits let them overlap)."""

from __future__ import annotations

import threading
import time

import pytest

from workshop.lru import BoundedCache


def test_callers_missing_together_wait_for_one_build():
    cache, builds, results = BoundedCache(4), [], []

    def build():
        builds.append(1)
        time.sleep(0.2)  # a query: the others arrive meanwhile
        return {"built": len(builds)}

    threads = [threading.Thread(target=lambda: results.append(cache.get_or_build("k", build)))
               for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert builds == [1]
    assert results == [{"built": 1}] * 8
    assert all(r is results[0] for r in results)


def test_a_failed_build_leaves_nothing_and_the_next_caller_builds_again():
    cache, calls = BoundedCache(4), []

    def failing():
        calls.append("fail")
        raise RuntimeError("database gone")

    with pytest.raises(RuntimeError):
        cache.get_or_build("k", failing)
    assert cache.get("k") is None
    assert cache.get_or_build("k", lambda: calls.append("ok") or 42) == 42
    assert calls == ["fail", "ok"]
    assert not cache._building  # no lock left behind


def test_different_keys_build_side_by_side():
    cache, running, overlap = BoundedCache(4), [], []

    def build(key):
        running.append(key)
        time.sleep(0.1)
        overlap.append(len(running))
        running.remove(key)
        return key

    threads = [threading.Thread(target=cache.get_or_build, args=(k, lambda k=k: build(k)))
               for k in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert max(overlap) == 2
    assert (cache.get("a"), cache.get("b")) == ("a", "b")
