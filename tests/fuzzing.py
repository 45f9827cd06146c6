"""Property-based fuzzing of every socket event and every HTTP route (issue 11, B1/B2).

One rig: a workshop with points, a draft and an open round, a facilitator's console and an
admitted phone. Hypothesis sends each registered socket event payloads built from the names
the services read, JSON of every kind (huge and negative numbers, NaN, infinities, NUL, lone
surrogates, deep nesting) and real ids; every route gets random path values and form fields,
as a stranger, a phone and the facilitator. The properties: a socket always gets a clear
acknowledgement (never `internal`, no handler exception) and a route never answers 5xx.
`tests/test_fuzz.py` runs it with a few examples in `make test`; `bench/bench_fuzz.py` with
at least 2,000 examples per event.
"""

from __future__ import annotations

import logging
import string
from dataclasses import dataclass, field

import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop.errors import MESSAGES
from workshop.extensions import db, socketio

ARG_NAMES = (
    "round", "point", "points", "value", "delta", "criterion", "ranking", "seq", "stage",
    "countdown", "seconds", "participant", "title", "description", "body", "kind", "parent",
    "annotation", "tags", "theme", "theme_id", "order", "survivor", "hidden", "reason",
    "method", "anonymous", "budget", "max_yes", "per_point_cap", "score_min", "score_max",
    "criteria", "top_k", "matrix_x", "matrix_y", "text", "field", "revision", "name",
    "discipline_id", "organisation", "target", "source_url", "pinned", "position", "query",
    "a", "b", "merged", "into", "results_hidden", "rev", "section", "item", "status")
FORM_NAMES = (
    "active", "anonymous", "anonymous_proposals", "body", "budget", "code", "countdown",
    "criteria", "current_password", "description", "discipline_id", "email", "guiding_question",
    "kind", "language", "max_yes", "method", "name", "name_en", "name_fa", "new_password",
    "note", "op", "organisation", "password", "per_point_cap", "phase_id", "point_id",
    "point_ids", "reason", "revision", "roster_mode", "round_id", "stage", "status", "tags",
    "text", "title", "top_k", "url", "value", "delta", "criterion", "expected_headcount")
ODD_TEXT = ("", "\x00", "\ud800", "a" * 5000, "<b>x", "=1+1", "\u202e", "۱۲۳", "ي ك", " ",
            "null", "-1", "99999999999999999999", "1e309", "NaN")
HTTP_TEXT = tuple(t for t in ODD_TEXT if "\ud800" not in t)  # a browser cannot send these
BIG = (0, 1, 2, 3, -1, 2**31, 2**53 + 1, 2**63 - 1, 2**63, -(2**63) - 1, 10**40)

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**70), 2**70), st.sampled_from(BIG),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=40),
    st.sampled_from(ODD_TEXT))
json_values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=6) | st.dictionaries(
        st.text(max_size=8), inner, max_size=5), max_leaves=8)
op_ids = st.one_of(st.uuids().map(lambda u: u.hex), st.sampled_from(["dup-op-0001", "x"]),
                   json_values)
segment = st.text(alphabet=string.ascii_letters + string.digits + "-_.~%۱ءA", min_size=1,
                  max_size=24)


@dataclass
class Rig:
    """A workshop to fuzz against, with the clients and ids that make payloads go deep."""

    app: object
    workshop: dict
    ids: list
    console: object = None
    phone: object = None
    clients: dict = field(default_factory=dict)
    counts: dict = field(default_factory=lambda: {"socket": 0, "http": 0})

    def values(self):
        """Argument values: mostly real ids and small numbers, then anything at all."""
        return st.one_of(st.sampled_from(self.ids), st.lists(st.sampled_from(self.ids),
                                                             max_size=4), json_values)

    def payloads(self):
        workshop = st.one_of(st.just(self.workshop["id"]), st.just(self.workshop["id"]),
                             json_values)
        commands = st.builds(lambda ws, op, args: {**args, "workshop": ws, "op": op}, workshop,
                             op_ids, st.dictionaries(st.sampled_from(ARG_NAMES), self.values(),
                                                     max_size=6))
        return st.one_of(commands, commands, commands, json_values)

    def socket(self, who: str):
        """The console or phone socket, rejoined if a fuzzed command removed the phone."""
        sock = getattr(self, who)
        if sock is None or not sock.is_connected("/live"):
            sock = self._connect(who)
            setattr(self, who, sock)
        return sock

    def _connect(self, who: str):
        http = self.clients["staff"] if who == "console" else self._new_phone()
        view = "console" if who == "console" else "phone"
        return socketio.test_client(self.app, namespace="/live", flask_test_client=http,
                                    auth={"workshop": self.workshop["id"], "view": view},
                                    headers={"Origin": "http://localhost"})

    def _new_phone(self):
        phone = self.app.test_client()
        discipline = self.ids_of("discipline")[0]
        phone.post(f"/j/{self.workshop['code']}", data={
            "name": "Fuzz", "discipline_id": discipline, "organisation": ""})
        self.clients["phone"] = phone
        return phone

    def ids_of(self, table: str) -> list[int]:
        with self.app.app_context():
            return list(db.session.scalars(sa.text(f"SELECT id FROM {table} ORDER BY id")))

    def send(self, event: str, who: str, payload) -> dict:
        """Emit one fuzzed event; the acknowledgement must be a clear answer."""
        self.counts["socket"] += 1
        ack = self.socket(who).emit(event, payload, namespace="/live", callback=True)
        check_ack(event, payload, ack)
        return ack

    def request(self, who: str, method: str, url: str, data: dict) -> int:
        """Send one fuzzed request; a 5xx (or an exception) is a failure."""
        self.counts["http"] += 1
        client = self.clients[who]
        response = client.open(url, method=method, data=data)
        assert response.status_code < 500, (who, method, url, data, response.status_code)
        return response.status_code


def check_ack(event: str, payload, ack) -> None:
    """The property every socket answer must have."""
    assert isinstance(ack, dict), (event, payload, ack)
    assert isinstance(ack.get("ok"), bool), (event, payload, ack)
    if not ack["ok"]:
        assert ack["error"] in MESSAGES, (event, payload, ack)
        assert ack["error"] != "internal", (event, payload, ack)


def build_rig(app) -> Rig:
    """A facilitator, a workshop with points and rounds, a console and a phone."""
    from workshop.actors import Actor
    from workshop.auth.services import create_user
    from workshop.models import Program, User
    from workshop.models.focus import FocusPoint
    from workshop.programs.seed import seed_default_program
    from workshop.workshops.services import create_workshop

    with app.app_context():
        seed_default_program()
        user = create_user("fuzz@example.org", "Fuzz", "facilitator", "correct horse battery")
        program = db.session.scalar(sa.select(Program))
        workshop = create_workshop(Actor(user=db.session.get(User, user.id)), {
            "title": "Fuzz", "program_id": program.id, "phase_id": program.phases[0].id,
            "guiding_question": "?"})
        db.session.add_all([FocusPoint(workshop_id=workshop.id, title=f"P{i}", position=i)
                            for i in range(4)])
        db.session.commit()
        info = {"id": workshop.id, "code": workshop.join_code}
    staff = app.test_client()
    staff.post("/login", data={"email": "fuzz@example.org", "password": "correct horse battery"})
    rig = Rig(app, info, [], clients={"staff": staff, "stranger": app.test_client()})
    _rounds(rig)
    rig.ids = sorted({1, 2, 3, info["id"], *rig.ids_of("focus_point"), *rig.ids_of("vote_round"),
                      *rig.ids_of("participant")})
    return rig


def _rounds(rig: Rig) -> None:
    console = rig.socket("console")
    points = rig.ids_of("focus_point")
    for method, extra in (("dots", {"budget": 5}), ("approval", {})):
        ack = console.emit("create_round", {"workshop": rig.workshop["id"], "op": f"mk-{method}x",
                                            "method": method, "title": method,
                                            "points": points, **extra},
                           namespace="/live", callback=True)
        assert ack["ok"], ack
    rounds = rig.ids_of("vote_round")
    console.emit("open_round", {"workshop": rig.workshop["id"], "op": "open-first",
                                "round": rounds[0]}, namespace="/live", callback=True)
    rig.socket("phone")


def fuzz_socket_event(rig: Rig, event: str, examples: int) -> None:
    """Send `examples` fuzzed payloads of `event`, each from the console or the phone."""

    @settings(max_examples=examples, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck))
    @given(payload=rig.payloads(), who=st.sampled_from(["console", "phone"]))
    def run(payload, who):
        rig.send(event, who, payload)

    run()


def route_cases(app):
    """Every route with its methods, except those that end the rig's own session."""
    skip = {"static", "auth.logout"}
    for rule in app.url_map.iter_rules():
        if rule.endpoint not in skip:
            methods = sorted(rule.methods - {"HEAD", "OPTIONS"})
            yield rule, methods


def _path_values(rule, rig: Rig):
    ints = st.one_of(st.sampled_from(rig.ids), st.sampled_from(BIG).filter(lambda v: v >= 0),
                     st.integers(0, 2**70))
    texts = st.one_of(st.just(rig.workshop["code"]), st.sampled_from(
        ["open", "close", "reveal", "hide", "delete", "csv", "pdf", "json", "v1"]), segment)
    return st.fixed_dictionaries({
        name: ints if type(conv).__name__.endswith("IntConverter") or
        type(conv).__name__ == "IntegerConverter" else texts
        for name, conv in rule._converters.items()})


def fuzz_route(rig: Rig, rule, methods: list[str], examples: int) -> None:
    """Random path values and form fields for one route, from each kind of client."""
    adapter = rig.app.url_map.bind("localhost")
    form = st.dictionaries(st.sampled_from(FORM_NAMES), st.one_of(
        st.sampled_from([str(i) for i in rig.ids]), st.sampled_from(HTTP_TEXT),
        st.text(st.characters(blacklist_categories=("Cs",)), max_size=30),
        st.sampled_from([str(b) for b in BIG])), max_size=6)

    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(values=_path_values(rule, rig), method=st.sampled_from(methods), data=form,
           who=st.sampled_from(["stranger", "staff", "phone"]))
    def run(values, method, data, who):
        url = adapter.build(rule.endpoint, values, method=method)
        rig.request(who, method, url, data)

    run()


def quiet_logs() -> None:
    """Refusals are logged by design; keep the fuzzer's output readable."""
    for name in ("workshop", "socketio", "engineio"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
