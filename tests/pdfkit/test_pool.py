"""The PDF worker pool: bounded, reused workers; same inputs built once; failures reported."""

from __future__ import annotations

import threading

import pytest

from workshop.pdfkit.pool import BuildFailed, BuildPool


@pytest.fixture
def pool():
    pool = BuildPool(1)
    yield pool
    pool.close()


def test_a_bad_job_fails_and_the_worker_goes_on(pool):
    with pytest.raises(BuildFailed) as failed:
        pool.build("minutes", {"not": "an archive"}, "en", {}, None)
    assert "KeyError" in str(failed.value)
    worker = pool._idle[0]
    assert worker.alive()  # kept for the next build
    with pytest.raises(BuildFailed):
        pool.build("minutes", {"still": "not"}, "fa", {}, None)
    assert pool._idle == [worker]


def test_a_dead_worker_is_replaced(pool):
    with pytest.raises(BuildFailed):
        pool.build("minutes", {}, "en", {}, None)
    pool._idle[0].process.kill()
    pool._idle[0].process.wait()
    with pytest.raises(BuildFailed) as failed:
        pool.build("minutes", {"x": 1}, "en", {}, None)
    assert "KeyError" in str(failed.value)  # a new worker answered


def test_same_inputs_at_once_share_one_build(pool, monkeypatch):
    runs, gate = [], threading.Event()
    real = pool._run

    def counted(job, timeout):
        runs.append(job)
        gate.wait(5)
        return real(job, timeout)

    monkeypatch.setattr(pool, "_run", counted)
    answers = []
    threads = [threading.Thread(target=lambda: answers.append(_try(pool))) for _ in range(3)]
    for t in threads:
        t.start()
    while not runs:
        gate.wait(0.01)
    gate.set()
    for t in threads:
        t.join(30)
    assert len(runs) == 1
    assert len(answers) == 3
    assert len(set(answers)) == 1


def _try(pool):
    try:
        return pool.build("minutes", {"same": True}, "en", {}, None)
    except BuildFailed as failed:
        return str(failed)


def test_a_database_job_needs_the_owning_apps_config(pool):
    """A pool made without an app has no database to give its workers: a clear error."""
    with pytest.raises(BuildFailed) as failed:
        pool.build("dossier", 1, "fa")
    assert "started without a database" in str(failed.value)
    assert pool._idle[0].alive()


def test_only_listed_builders_run(pool):
    with pytest.raises(KeyError):
        pool.build("os.system", "true")
    assert pool._idle == []  # refused in the server: no worker was even started
