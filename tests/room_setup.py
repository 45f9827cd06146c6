"""A realistic room on a real server for the projector and phone browser tests: a workshop in
one language, phones from several fields (python-socketio clients), points, annotations, a
pinned note, a dots round; the stages are moved by the facilitator's console socket."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tests.live_clients import LiveSocket

TITLES = {
    "fa": ("بازآفرینی محله‌های تاریخی اصفهان", "چه کنیم تا محله‌های تاریخی زنده بمانند؟"),
    "en": ("Reviving Isfahan's historic quarters", "What keeps the historic quarters alive?"),
}
POINTS = {
    "fa": ("پیاده‌راه کردن خیابان چهارباغ عباسی در روزهای پایان هفته",
           "ایستگاه‌های دوچرخهٔ اشتراکی نزدیک ایستگاه‌های مترو", "حمل‌ونقل عمومی شبانه",
           "بازسازی خانه‌های تاریخی با وام کم‌بهره برای ساکنان قدیمی محله", "بازار محلی",
           "مدرسهٔ مرمت برای جوانان محله", "Green roofs on public buildings",
           "کاهش ترافیک عبوری در هستهٔ تاریخی با طرح زوج و فرد",
           "فضای سبز کوچک در هر کوچه", "نورپردازی شبانهٔ بناهای تاریخی",
           "راهنمای گردشگری به زبان‌های مختلف", "پارکینگ‌های طبقاتی در حاشیهٔ بافت",
           "تشکیل شورای محله با نمایندگان همهٔ گروه‌ها", "کارگاه‌های صنایع دستی در کاروانسراها"),
    "en": ("Car-free Chaharbagh Abbasi street at weekends",
           "Shared bike stations next to metro stations", "Night buses",
           "Low-interest loans to restore historic houses for long-time residents",
           "A local market", "A restoration school for young people", "سقف‌های سبز",
           "Less through traffic in the historic core", "A small green space in every alley",
           "Night lighting of historic buildings", "Tourist guides in several languages",
           "Multi-storey car parks at the edge of the old town",
           "A neighbourhood council with every group represented",
           "Craft workshops in the caravanserais"),
}
NOTES = {
    "fa": ("آمار تردد شهرداری نشان می‌دهد ترافیک عصرها دو برابر است.",
           "کسبه نگران کاهش فروش هستند.", "هزینهٔ نگهداری را چه کسی می‌پردازد؟"),
    "en": ("The city's counts show evening traffic is twice the morning's.",
           "Shopkeepers worry about losing customers.", "Who pays for the upkeep?"),
}
PEOPLE = ("مریم احمدی", "Reza Karimi", "سارا", "علی رضایی", "Leila", "حسین", "نگار", "Omid",
          "زهرا", "Kian")


@dataclass
class Room:
    """A workshop with its console socket, phone sockets and the ids made so far."""

    server: object
    lang: str
    email: str
    workshop: dict
    console: object
    phones: list
    disciplines: list[int]
    points: list[int] = field(default_factory=list)
    round: int | None = None

    def move(self, stage: str) -> None:
        ack = self.console.command("move_stage", {"stage": stage})
        assert ack["ok"], ack

    def propose(self, count: int | None = None) -> None:
        for i, title in enumerate(POINTS[self.lang][:count]):
            ack = self.phones[i % len(self.phones)].command("propose_point", {"title": title})
            assert ack["ok"], ack
            self.points.append(ack["result"]["point"])

    def annotate(self) -> None:
        kinds = ("evidence", "concern", "question")
        first = None
        for i, body in enumerate(NOTES[self.lang]):
            args = {"point": self.points[0], "kind": kinds[i], "body": body}
            if kinds[i] == "evidence":
                args["source_url"] = "https://example.org/counts"
            ack = self.phones[i + 1].command("add_annotation", args)
            assert ack["ok"], ack
            first = first or ack["result"]["annotation"]
        note = first["id"] if isinstance(first, dict) else first
        ack = self.console.command("pin_annotation", {"annotation": note, "pinned": True})
        assert ack["ok"], ack

    def open_round(self, method: str = "dots", **rules) -> int:
        rules = {"budget": 5} | rules if method == "dots" else rules
        created = self.console.command("create_round", {
            "method": method, "points": self.points, "results_hidden": False,
            "title": "کدام نقطه‌ها اولویت دارند؟" if self.lang == "fa" else "What comes first?",
            **rules})
        assert created["ok"], created
        self.round = created["result"]["round"]["id"]
        assert self.console.command("open_round", {"round": self.round})["ok"]
        return self.round

    def vote(self, voters: int) -> None:
        for i, phone in enumerate(self.phones[:voters]):
            for n in range(3):
                point = self.points[(i + n * 2) % len(self.points)]
                ack = phone.command("cast_vote", {"round": self.round, "point": point,
                                                  "delta": 1, "seq": n + 1})
                assert ack["ok"], ack

    def close_round(self) -> None:
        assert self.console.command("close_round", {"round": self.round})["ok"]


def live_socket(server, web, workshop: dict, view: str = "phone") -> LiveSocket:
    """A /live client as our own page script opens it (cookies + the X-Hamandishi-Live header;
    websocket-client adds the Origin itself)."""
    sock = LiveSocket(server.base_url, {"Cookie": web.cookie_header(), "X-Hamandishi-Live": "1"},
                      {"workshop": workshop["id"], "view": view}, False)
    server.sockets.append(sock)
    return sock.connect()


def build_room(server, lang: str, phones: int = 10, **fields) -> Room:
    """A workshop in `lang` with `phones` connected participants: three fields of three or more
    (shown apart) and one person from a fourth (counted with the others)."""
    email = server.create_user()
    staff = server.login(email)
    title, question = TITLES[lang]
    workshop = server.create_workshop(staff, title=title, guiding_question=question,
                                      language=lang, **fields)
    console = live_socket(server, staff, workshop, "console")
    html = server.web().get(f"/j/{workshop['code']}").text
    disciplines = [int(x) for x in re.findall(r'<option value="(\d+)"', html)]
    fields_of = [disciplines[i % 3 if i < 9 else 3] for i in range(phones)]
    sockets = [live_socket(server, server.join(workshop, name=PEOPLE[i], discipline_id=field_id),
                           workshop) for i, field_id in enumerate(fields_of)]
    return Room(server, lang, email, workshop, console, sockets, disciplines)
