"""The deployments the cluster benchmark loads: the app's, and the bare stack's in its shape.

`Deployment` is docs/deployment.md's production shape (tests/cluster.py: nginx from
deploy/nginx.conf.template, N × `run.py`, Redis, PostgreSQL). `BareDeployment` puts the bare
reference server (bench/vote_bare_server.py: insert the vote, coalesce a tally) in exactly that
shape — the same nginx, Redis and PostgreSQL, one transaction a vote — so each scenario's
figures can be read against what the bare Flask-SocketIO stack does on the machine in the
same run.
"""

from __future__ import annotations

import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil
import sqlalchemy as sa

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))

from bench.load_votes import run_node  # noqa: E402
from bench.vote_bench_app import PHONE_ENV, VotingRoom, add_phones  # noqa: E402
from tests.cluster import Cluster  # noqa: E402
from tests.live_server import LiveServer, start_server  # noqa: E402


def start_bare_node(database_url: str, env: dict[str, str], log_dir: Path) -> LiveServer:
    """bench/vote_bare_server.py on a free port, on `database_url`, sharing rooms through the
    message queue in `env` (none: one process)."""
    return start_server(database_url, {**env, "BARE_DATABASE_URL": database_url}, log_dir,
                        "bench/vote_bare_server.py")


class Deployment:
    """One cluster with voting rooms and prepared phones; runs scenarios through nginx."""

    launcher = staticmethod(start_server)  # the app's run.py

    def __init__(self, processes: int, pg_url: str, tmp: Path):
        env = dict(PHONE_ENV)
        if processes == 1:
            env["SOCKETIO_MESSAGE_QUEUE"] = ""  # one process needs no message queue
        tmp.mkdir(parents=True, exist_ok=True)
        self.cluster = Cluster(processes, pg_url, env, tmp, self.launcher).start()
        self.rooms: list[tuple[VotingRoom, list[str]]] = []

    def add_room(self, phones: int) -> tuple[VotingRoom, list[str]]:
        room = VotingRoom(self.cluster.front)
        cookies = add_phones(self.cluster.database_url, room.workshop["id"], phones)
        self.rooms.append((room, cookies))
        return self.rooms[-1]

    def processes(self) -> list[psutil.Process]:
        """The app processes, nginx (master and worker) and redis: what serves the load."""
        pids = [s.process.pid for s in self.cluster.servers.values()]
        pids.append(self.cluster.nginx.process.pid)
        procs = [psutil.Process(pid) for pid in pids]
        procs += procs[-1].children()
        if self.cluster.redis and len(self.cluster.servers) > 1:
            procs.append(psutil.Process(self.cluster.redis.process.pid))
        return procs

    def spec(self, room: VotingRoom, cookies: list[str], scenario: str, **extra) -> dict:
        return {"url": self.cluster.front.base_url, "target": "app", "scenario": scenario,
                "cookies": cookies, "workshop": room.workshop["id"],
                "round": room.new_round(), "points": room.points,
                "observer_cookie": room.staff.cookie_header(), **extra}

    def run(self, specs: list[dict], tmp: Path) -> list[dict]:
        """Run node load clients at once (one per spec); check acked == stored per round.

        Several clients connect all their phones first and then start voting together."""
        procs = self.processes()
        if len(specs) > 1:
            specs = together(specs, tmp)
        with ThreadPoolExecutor(len(specs) + 1) as pool:
            running = [pool.submit(run_node, spec, tmp) for spec in specs]
            if len(specs) > 1:
                wait_ready(specs, running)
            for proc in procs:
                proc.cpu_percent()
            psutil.cpu_percent()
            results = [job.result() for job in running]
        cpu = {f"{p.name()}:{p.pid}": p.cpu_percent() for p in procs}
        machine = psutil.cpu_percent() * psutil.cpu_count()
        for spec, result in zip(specs, results, strict=True):
            ops = result.pop("ops")
            result["stored_once"] = self.stored_once(spec, ops)
            result["cpu_pct_total"] = round(sum(cpu.values()))
            result["cpu_pct"] = {name: round(pct) for name, pct in cpu.items()}
            result["machine_cpu_pct"] = round(machine)  # every process, of 100 × cores
        return results

    def stored_once(self, spec: dict, ops: list[str]) -> bool:
        """Every acked vote of the spec's round stored, once, and nothing else in the round."""
        from tests.live_voting import stored_ops

        return sorted(stored_ops(self.cluster.database_url, spec["round"])) == sorted(ops)

    def stop(self) -> None:
        self.cluster.stop()


class BareDeployment(Deployment):
    """The bare reference server in the same shape: same nginx, Redis and PostgreSQL."""

    launcher = staticmethod(start_bare_node)

    def add_room(self, phones: int) -> tuple[str, list[str]]:
        room = f"room-{len(self.rooms)}"
        self.rooms.append((room, [""] * phones))  # the bare server asks no one who they are
        return self.rooms[-1]

    def spec(self, room: str, cookies: list[str], scenario: str, **extra) -> dict:
        return {"url": self.cluster.front.base_url, "target": "bare", "scenario": scenario,
                "cookies": cookies, "room": room, "observer_cookie": "", **extra}

    def stored_once(self, spec: dict, ops: list[str]) -> bool:
        """Every acked vote stored once (the bare server keeps each vote's op id)."""
        engine = sa.create_engine(self.cluster.database_url)
        try:
            with engine.connect() as conn:
                rows = conn.execute(sa.text("SELECT client, COUNT(*) FROM bare_vote "
                                            "WHERE client IN :ops GROUP BY client").bindparams(
                    sa.bindparam("ops", expanding=True)), {"ops": ops}).all()
        finally:
            engine.dispose()
        return len(rows) == len(ops) and all(count == 1 for _, count in rows)


def together(specs: list[dict], tmp: Path) -> list[dict]:
    """Specs whose clients wait for one go file after their phones are connected."""
    go = tmp / f"go-{time.monotonic_ns()}"
    return [spec | {"ready_file": str(go) + f".ready{i}", "go_file": str(go)}
            for i, spec in enumerate(specs)]


def wait_ready(specs: list[dict], running: list, timeout: float = 600) -> None:
    """Start every client's voting once all are connected (or one has failed)."""
    deadline = time.monotonic() + timeout
    while not all(Path(s["ready_file"]).exists() for s in specs):
        if any(job.done() for job in running) or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    Path(specs[0]["go_file"]).touch()
