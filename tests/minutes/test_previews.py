"""Background previews over HTTP: start, follow, download; cached by content; debounced."""

from __future__ import annotations

import time

import pytest


@pytest.fixture
def secretary(app, env, login):
    return login(app.test_client(), env["secretary"])


def _url(env, tail=""):
    return f"/staff/workshops/{env['workshop']}/minutes/preview{tail}"


def _until_done(client, env, lang="fa", deadline=60) -> dict:
    """Follow the status the page polls until the build has an outcome."""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        status = client.get(_url(env, f"/status?lang={lang}")).get_json()["result"]
        if status["state"] != "building":
            return status
        time.sleep(0.05)
    raise AssertionError("the preview is still building")


def test_a_preview_builds_in_the_background_and_downloads(env, secretary):
    started = secretary.post(_url(env, "?lang=fa")).get_json()["result"]
    assert started["state"] in ("building", "ready")
    status = _until_done(secretary, env)
    assert status["state"] == "ready"
    pdf = secretary.get(status["url"])
    assert pdf.status_code == 200
    assert pdf.data.startswith(b"%PDF")
    assert pdf.headers["Cache-Control"] == "private, no-store"


def test_unchanged_minutes_are_ready_without_a_build_and_a_change_builds_again(
        env, secretary, monkeypatch):
    from workshop.lru import BoundedCache
    from workshop.minutes import preview_job

    monkeypatch.setattr(preview_job, "_BUILT", BoundedCache(4))  # none from earlier tests
    layouts = []
    real = preview_job.build_minutes_pdf
    monkeypatch.setattr(preview_job, "build_minutes_pdf",
                        lambda *args: layouts.append(args) or real(*args))
    secretary.post(_url(env, "?lang=en"))
    first = _until_done(secretary, env, "en")
    secretary.post(_url(env, "?lang=en"))
    assert _until_done(secretary, env, "en") == first  # same content: same preview
    assert len(layouts) == 1  # checked by its digest, not laid out again
    secretary.post(f"/staff/workshops/{env['workshop']}/minutes/edit",
                   json={"kind": "summary", "text": "خلاصهٔ تازه", "base": 0})
    secretary.post(_url(env, "?lang=en"))
    changed = _until_done(secretary, env, "en")
    assert changed["digest"] != first["digest"]
    assert secretary.get(first["url"]).status_code == 404  # the old one was replaced


def test_a_request_while_building_joins_the_build(app, env, secretary, monkeypatch):
    from workshop.minutes import previews

    started = []
    monkeypatch.setattr(previews.socketio, "start_background_task",
                        lambda *args: started.append(args))
    first = secretary.post(_url(env, "?lang=fa")).get_json()["result"]
    second = secretary.post(_url(env, "?lang=fa")).get_json()["result"]
    assert first == second
    assert first["state"] == "building"
    assert len(started) == 1  # debounced: one build, not two


def test_a_failed_build_says_so(env, secretary, monkeypatch):
    from workshop.minutes import previews

    def broken(*args):
        raise RuntimeError("layout exploded")

    monkeypatch.setattr(previews, "preview_off_loop", broken)
    secretary.post(_url(env, "?lang=fa"))
    assert _until_done(secretary, env)["state"] == "failed"


def test_outsiders_get_nothing(app, env, make_user, login):
    outsider = login(app.test_client(), make_user("secretary"))
    assert outsider.post(_url(env, "?lang=fa")).status_code == 404
    assert outsider.get(_url(env, "/status?lang=fa")).status_code == 404
    assert outsider.get(_url(env, "/" + "0" * 64 + ".pdf?lang=fa")).status_code == 404
    assert outsider.post(_url(env, "?lang=xx")).status_code == 404
