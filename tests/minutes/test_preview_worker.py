"""Previews as run.py makes them: collected, hashed and laid out in a PDF pool worker that reads
the test's own database; the same PDF as in process, and no second build for unchanged minutes."""

from __future__ import annotations

import pytest

from .test_previews import _until_done, _url


@pytest.fixture
def pooled(app, monkeypatch):
    """Builds go to the app's worker pool, as under gevent; its worker is stopped afterwards."""
    from workshop.minutes import builds
    from workshop.pdfkit.pool import close_pool

    monkeypatch.setattr(builds, "_under_gevent", lambda: True)
    yield
    close_pool(app)


@pytest.fixture
def secretary(app, full, login):
    return login(app.test_client(), full["secretary"])


def _in_process(app, full, lang):
    """The archive's digest and the PDF, collected and built in this process."""
    from workshop.extensions import db
    from workshop.minutes.archive import collect, content_hash
    from workshop.minutes.pdf import build_minutes_pdf, minutes_labels
    from workshop.minutes.versions import latest_version
    from workshop.models import Workshop

    with app.test_request_context():
        workshop = db.session.get(Workshop, full["workshop"])
        data = collect(workshop, latest_version(workshop))
        return content_hash(data), build_minutes_pdf(data, lang, minutes_labels(lang))


def test_the_worker_builds_the_same_preview_as_the_server_would(app, full, secretary, pooled):
    secretary.post(_url(full, "?lang=fa"))
    status = _until_done(secretary, full)
    assert status["state"] == "ready"
    body = secretary.get(status["url"]).data
    digest, pdf = _in_process(app, full, "fa")
    assert status["digest"] == digest  # the worker read this test's database
    assert body == pdf  # byte for byte (the layout is deterministic)


def test_unchanged_minutes_are_checked_in_the_worker_not_built_again(app, full, secretary,
                                                                     pooled, monkeypatch):
    from workshop.pdfkit.pool import pool_for

    pool, reports = pool_for(app), []
    real = pool.run

    def recorded(*args, **kwargs):
        built = real(*args, **kwargs)
        reports.append((built.meta, len(built.body)))
        return built

    monkeypatch.setattr(pool, "run", recorded)
    secretary.post(_url(full, "?lang=en"))
    first = _until_done(secretary, full, "en")
    worker = pool._idle[0].process.pid
    assert secretary.post(_url(full, "?lang=en")).status_code == 200
    assert _until_done(secretary, full, "en") == first
    assert reports[1] == ({"digest": first["digest"], "unchanged": True}, 0)  # no PDF built
    assert [w.process.pid for w in pool._idle] == [worker]  # one long-lived worker
    assert secretary.get(first["url"]).data.startswith(b"%PDF")
