"""Plain form posts (no JavaScript) reach the same services: propose, annotate, edit, withdraw."""

from tests.focus.conftest import set_stage, snapshot


def test_propose_annotate_edit_withdraw_without_js(room):
    base = f"/w/{room.w['id']}/focus"
    page = room.http_a.get(base)
    assert page.status_code == 200
    assert "نقطهٔ تمرکز" in page.get_data(as_text=True)
    response = room.http_a.post(base, data={"op": "nojs-op-00000001",
                                            "title": "<b>پارک</b> محله‌ای", "description": ""})
    assert response.status_code == 302
    again = room.http_a.post(base, data={"op": "nojs-op-00000001",
                                         "title": "<b>پارک</b> محله‌ای", "description": ""})
    assert again.status_code == 302
    points = snapshot(room.console)["focus"]["points"]
    assert len(points) == 1  # the resent form (same op id) changed nothing
    point_id = points[0]["id"]
    html = room.http_b.get(f"{base}/{point_id}").get_data(as_text=True)
    assert "&lt;b&gt;پارک&lt;/b&gt;" in html
    assert "<b>پارک" not in html
    assert room.http_b.post(f"{base}/{point_id}", data={
        "op": "nojs-op-00000002", "kind": "evidence", "body": "گزارش",
        "source_url": "https://example.org/a"}).status_code == 302
    assert room.http_a.post(f"{base}/{point_id}/edit", data={
        "op": "nojs-op-00000003", "title": "پارک محله‌ای جلفا"}).status_code == 302
    assert snapshot(room.b)["focus"]["points"][0]["title"] == "پارک محله‌ای جلفا"
    assert room.http_a.post(f"{base}/{point_id}/withdraw",
                            data={"op": "nojs-op-00000004"}).status_code == 302
    assert snapshot(room.b)["focus"]["points"] == []


def test_nojs_errors_are_shown_and_nothing_stored(room):
    base = f"/w/{room.w['id']}/focus"
    response = room.http_a.post(base, data={"op": "nojs-op-00000010", "title": "ا" * 141})
    assert response.status_code == 400
    assert "طولانی" in response.get_data(as_text=True) or "long" in response.get_data(as_text=True)
    point_id = room.http_a.post(base, data={"op": "nojs-op-00000011", "title": "پارک"}) and \
        snapshot(room.a)["focus"]["points"][0]["id"]
    bad = room.http_b.post(f"{base}/{point_id}", data={
        "op": "nojs-op-00000012", "kind": "evidence", "body": "x",
        "source_url": "javascript:alert(1)"})
    assert bad.status_code == 400
    assert snapshot(room.console)["focus"]["annotations"] == []
    other = room.http_b.post(f"{base}/{point_id}/withdraw", data={"op": "nojs-op-00000013"})
    assert other.status_code == 400
    set_stage(room.app, room.w, "results")
    late = room.http_a.post(base, data={"op": "nojs-op-00000014", "title": "دیر"})
    assert late.status_code == 400
    assert "در این مرحله امکان پیشنهاد دادن نیست" in late.get_data(as_text=True)
    assert len(snapshot(room.console)["focus"]["points"]) == 1


def test_nojs_needs_a_participant_cookie(room, app):
    stranger = app.test_client()
    response = stranger.get(f"/w/{room.w['id']}/focus")
    assert response.status_code == 302
    assert stranger.post(f"/w/{room.w['id']}/focus", data={"title": "x"}).status_code == 302
    assert snapshot(room.console)["focus"]["points"] == []


def test_live_pages_render_focus_partials(room):
    phone = room.http_a.get(f"/w/{room.w['id']}/phone").get_data(as_text=True)
    assert 'data-role="propose"' in phone
    assert "focus_phone.js" in phone
    console = room.client.get(f"/staff/workshops/{room.w['id']}").get_data(as_text=True)
    assert "focus_console.js" in console
    projector = room.client.get(f"/staff/workshops/{room.w['id']}/projector").get_data(as_text=True)
    assert "focus_projector.js" in projector
