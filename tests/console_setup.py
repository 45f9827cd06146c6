"""A lively workshop on a real server for the console and workspace browser tests.

One facilitator and one assigned secretary; three phones from two disciplines; points with a
near-duplicate pair; a closed approval round with results. Returns what the tests need.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field

BIKE_A = "مسیر دوچرخه در خیابان چهارباغ"
BIKE_B = "ایجاد مسیر دوچرخه در خیابان چهارباغ"
TITLES = (BIKE_A, BIKE_B, "پیاده‌راه‌سازی محور جلفا با حفظ کسب‌وکارهای محلی",
          "Shaded bus stops on Hakim Nezami street")


@dataclass
class Room:
    """Ids and clients of a prepared workshop."""

    workshop: dict
    facilitator: str
    secretary: str
    console: object
    phones: list = field(default_factory=list)
    points: dict = field(default_factory=dict)


def secretary_option(staff, email: str, page: str = "/staff/workshops/new") -> str:
    """The <option> value of the secretary `email` in a workshop form's secretaries list."""
    form = staff.get(page).text
    select = form.split('name="secretaries"', 1)[1].split("</select>", 1)[0]
    options = re.findall(r'<option[^>]*value="(\d+)"[^>]*>([^<]*)<', select)
    name = "Secretary " + email.split("secretary", 1)[1].split("@")[0]
    return next(value for value, label in options if label.strip() == name)


def prepare_room(server, title: str | None = None) -> Room:
    """The workshop every console test starts from (stage: results, one closed round)."""
    facilitator, secretary = server.create_user("facilitator"), server.create_user("secretary")
    staff = server.login(facilitator)
    workshop = server.create_workshop(
        staff, title=title or f"بازآفرینی محور چهارباغ {uuid.uuid4().hex[:4]}",
        secretaries=secretary_option(staff, secretary))
    console = server.socket(staff, workshop, "console")
    room = Room(workshop, facilitator, secretary, console)
    moved = console.command("move_stage", {"stage": "propose"})
    assert moved["ok"], moved
    disciplines = _discipline_ids(server, workshop)
    for i, name in enumerate(("مریم احمدی", "Sara K.", "رضا")):
        web = server.join(workshop, name=name, discipline_id=disciplines[i % 2])
        room.phones.append(server.socket(web, workshop, "phone"))
    for i, text in enumerate(TITLES):
        ack = room.phones[i % 3].command("propose_point", {"title": text})
        assert ack["ok"], ack
        room.points[text] = ack["result"]["point"]
    return room


def vote_round(room: Room) -> int:
    """An approval round everyone voted in, closed, results shown."""
    console = room.console
    for stage in ("discuss", "vote"):
        assert console.command("move_stage", {"stage": stage})["ok"]
    created = console.command("create_round", {"method": "approval", "title": "اولویت‌ها",
                                               "points": list(room.points.values())})
    assert created["ok"], created
    round_id = created["result"]["round"]["id"]
    assert console.command("open_round", {"round": round_id})["ok"]
    for i, phone in enumerate(room.phones):
        for j, point in enumerate(room.points.values()):
            if (i + j) % 2 == 0:
                ack = phone.command("cast_vote", {"round": round_id, "point": point,
                                                  "value": 1})
                assert ack["ok"], ack
    assert console.command("close_round", {"round": round_id})["ok"]
    return round_id


def _discipline_ids(server, workshop: dict) -> list[int]:
    html = server.web().get(f"/j/{workshop['code']}").text
    select = html.split('name="discipline_id"', 1)[1].split("</select>", 1)[0]
    return [int(v) for v in re.findall(r'value="(\d+)"', select)]
