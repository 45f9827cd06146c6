"""Final means final: hash, byte-identical re-export, corrections, and the service guard."""

from __future__ import annotations

import hashlib

import pytest

from workshop.errors import WorkshopError
from workshop.extensions import db
from workshop.minutes import exports, finalise, workspace
from workshop.minutes.archive import content_hash
from workshop.minutes.builds import build_off_loop
from workshop.minutes.pdf import minutes_labels
from workshop.minutes.state import workspace_state

from .factory import actor


def _finalise(env, user="secretary"):
    state = workspace_state(actor(env[user]), env["workshop"])
    return finalise.finalise(actor(env[user]), env["workshop"], state["revision"])


def test_final_pdf_hash_and_byte_identical_reexport(full, ctx):
    workspace.edit(actor(full["secretary"]), full["workshop"],
                   {"kind": "summary", "text": "جمع‌بندی", "base": 0})
    result = _finalise(full)
    first = exports.version_pdf(actor(full["secretary"]), full["workshop"], 1)
    second = exports.version_pdf(actor(full["facilitator"]), full["workshop"], 1)
    assert first.body == second.body
    assert hashlib.sha256(first.body).hexdigest() == result["sha256"] == first.sha256
    archive = exports.version_archive(actor(full["secretary"]), full["workshop"], 1)
    assert content_hash(archive["archive"]) == result["content_sha256"]
    lang = archive["archive"]["minutes"]["lang"]
    rebuilt = build_off_loop(archive["archive"], lang, minutes_labels(lang),
                             archive["content_sha256"])
    assert rebuilt == first.body  # the archive alone rebuilds the exact PDF


def test_other_language_of_a_final_version_is_deterministic(full, ctx):
    _finalise(full)
    one = exports.version_pdf(actor(full["secretary"]), full["workshop"], 1, "en")
    two = exports.version_pdf(actor(full["secretary"]), full["workshop"], 1, "en")
    assert one.body == two.body
    assert one.body.startswith(b"%PDF")


def test_nobody_edits_a_final_version(full, ctx):
    _finalise(full)
    for user in ("secretary", "facilitator"):
        with pytest.raises(WorkshopError) as caught:
            workspace.edit(actor(full[user]), full["workshop"],
                           {"kind": "summary", "text": "تغییر", "base": 0})
        assert caught.value.code == "finalised"
    with pytest.raises(WorkshopError) as again:
        _finalise(full)
    assert again.value.code == "finalised"


def test_finalise_refuses_a_draft_changed_since_seen(full, ctx):
    seen = workspace_state(actor(full["secretary"]), full["workshop"])["revision"]
    workspace.edit(actor(full["facilitator"]), full["workshop"],
                   {"kind": "summary", "text": "تازه", "base": 0})
    with pytest.raises(WorkshopError) as caught:
        finalise.finalise(actor(full["secretary"]), full["workshop"], seen)
    assert caught.value.code == "conflict"
    assert workspace_state(actor(full["secretary"]), full["workshop"])["status"] == "draft"


def test_correction_is_a_new_version_with_reason(full, ctx):
    workspace.edit(actor(full["secretary"]), full["workshop"],
                   {"kind": "decision", "text": "تصمیم نخست", "point_ids": [full["points"][0]]})
    v1 = _finalise(full)
    with pytest.raises(WorkshopError):
        finalise.start_correction(actor(full["secretary"]), full["workshop"], "  ")
    finalise.start_correction(actor(full["secretary"]), full["workshop"],
                              "نام یک شرکت‌کننده اشتباه نوشته شده بود.")
    state = workspace_state(actor(full["secretary"]), full["workshop"])
    assert (state["number"], state["status"]) == (2, "draft")
    assert state["reason"].startswith("نام یک")
    assert [d["text"] for d in state["decisions"]] == ["تصمیم نخست"]
    decision = state["decisions"][0]
    workspace.edit(actor(full["secretary"]), full["workshop"], {
        "kind": "decision", "id": decision["id"], "base": decision["revision"],
        "text": "تصمیم اصلاح‌شده", "point_ids": []})
    v2 = _finalise(full)
    assert v2["number"] == 2
    assert v2["sha256"] != v1["sha256"]
    old = exports.version_pdf(actor(full["secretary"]), full["workshop"], 1)
    assert hashlib.sha256(old.body).hexdigest() == v1["sha256"]  # still downloadable as was
    archive = exports.version_archive(actor(full["secretary"]), full["workshop"], 2)["archive"]
    assert archive["minutes"]["previous"][0]["sha256"] == v1["sha256"]
    assert archive["minutes"]["reason"].startswith("نام یک")


def test_correction_needs_a_final_version(full, ctx):
    with pytest.raises(WorkshopError):
        finalise.start_correction(actor(full["secretary"]), full["workshop"], "دلیل")


def test_participant_reads_final_but_never_drafts(full, ctx):
    from workshop.actors import Actor
    from workshop.models import Participant

    phone = Actor(participant=db.session.get(Participant, full["people"][0]))
    workspace_state(actor(full["secretary"]), full["workshop"])
    with pytest.raises(WorkshopError) as caught:
        exports.version_pdf(phone, full["workshop"], 1)
    assert caught.value.code == "forbidden"
    _finalise(full)
    assert exports.version_pdf(phone, full["workshop"], 1).final
    with pytest.raises(WorkshopError):
        exports.version_archive(phone, full["workshop"], 1)


def test_worker_pool_build_gives_the_same_bytes(full, ctx):
    """The server builds in a pooled worker process (off the event loop): same bytes."""
    from workshop.minutes.builds import build_in_pool
    from workshop.pdfkit.pool import BuildPool

    result = _finalise(full)
    archive = exports.version_archive(actor(full["secretary"]), full["workshop"], 1)
    lang = archive["archive"]["minutes"]["lang"]
    pool, args = BuildPool(1), (archive["archive"], lang, minutes_labels(lang))
    try:
        body = build_in_pool(*args, archive["content_sha256"], pool=pool)
        worker = pool._idle[0]
        worker.process.kill()  # the same inputs again come from the pool's cache
        assert build_in_pool(*args, archive["content_sha256"], pool=pool) == body
    finally:
        pool.close()
    assert hashlib.sha256(body).hexdigest() == result["sha256"]
