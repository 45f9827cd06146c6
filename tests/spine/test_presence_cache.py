"""The public head count snapshots reuse never goes back to a count older than a change."""

from __future__ import annotations

from types import SimpleNamespace

from workshop.joining import snapshot


def _workshop(workshop_id: int):
    return SimpleNamespace(id=workshop_id, created_at="t0", join_code="ABC123")


def test_a_count_that_an_attendance_change_overtook_is_not_kept(monkeypatch):
    room = _workshop(9101)

    def count_while_an_arrival_commits(workshop, public):
        snapshot.forget_presence(workshop.id)  # committed while this count was reading
        return {"total": 3}

    monkeypatch.setattr(snapshot, "presence", count_while_an_arrival_commits)
    assert snapshot.counted_public_presence(room) == {"total": 3}  # sent as counted
    monkeypatch.setattr(snapshot, "presence", lambda workshop, public: {"total": 4})
    assert snapshot.public_presence(room) == {"total": 4}  # the next snapshot counts again


def test_an_older_count_finishing_late_does_not_replace_a_newer_one(monkeypatch):
    room = _workshop(9102)

    def slow_count(workshop, public):
        # A newer count (the presence broadcast) finishes while this one is still reading.
        monkeypatch.setattr(snapshot, "presence", lambda workshop, public: {"total": 5})
        snapshot.counted_public_presence(workshop)
        return {"total": 4}

    monkeypatch.setattr(snapshot, "presence", slow_count)
    assert snapshot.counted_public_presence(room) == {"total": 4}
    monkeypatch.setattr(snapshot, "presence", lambda workshop, public: {"total": 6})
    assert snapshot.public_presence(room) == {"total": 5}  # kept: the newer count


def test_a_recent_count_is_reused(monkeypatch):
    room, counts = _workshop(9103), []
    monkeypatch.setattr(snapshot, "presence",
                        lambda workshop, public: counts.append(1) or {"total": len(counts)})
    first = snapshot.public_presence(room)
    assert snapshot.public_presence(room) is first
    assert counts == [1]
