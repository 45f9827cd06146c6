"""A throwaway PostgreSQL cluster for the test run: temp directory, free port, trust auth.

Used by tests/run_all.py (the PostgreSQL pass of `make test`) and by tests/live_server.py
(one database per real server, so servers never share the tables the conftest truncates).
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

PREFIX, OWNER_FILE = "hamandishi-pg-", "owner.pid"
# Durability is pointless for a cluster deleted after the run; these make it fast.
FAST_SETTINGS = ("fsync=off", "synchronous_commit=off", "full_page_writes=off",
                 "max_connections=300")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def pg_bin_dir() -> Path | None:
    """Debian's newest server binaries (/usr/lib/postgresql/<version>/bin), if installed."""
    found = glob.glob("/usr/lib/postgresql/*/bin/pg_ctl")
    if not found:
        on_path = shutil.which("pg_ctl")
        return Path(on_path).parent if on_path else None
    newest = max(found, key=lambda p: int(Path(p).parts[-3]))
    return Path(newest).parent


class ThrowawayPostgres:
    """initdb + pg_ctl start on a temp dir; `stop()` (or leaving the with-block) deletes it."""

    def __init__(self, database: str = "hamandishi_test",
                 settings: tuple[str, ...] = FAST_SETTINGS):
        self.bin = pg_bin_dir()
        if self.bin is None:
            raise RuntimeError("PostgreSQL server binaries not found (apt-get install postgresql)")
        self.database, self.settings = database, settings
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix=PREFIX))
        self.data = self.root / "data"
        self.running = False

    def _run(self, *args: str) -> None:
        """Run a server binary, as `postgres` when we are root (initdb refuses root)."""
        command = [str(self.bin / args[0]), *args[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL)
        if done.returncode != 0:
            raise RuntimeError(f"{args[0]} failed:\n{done.stdout}\n{done.stderr}")

    def start(self) -> ThrowawayPostgres:
        """Create, start and add the test database; returns self."""
        remove_orphans(self.bin)
        (self.root / OWNER_FILE).write_text(str(os.getpid()))
        if os.geteuid() == 0:
            entry = pwd.getpwnam("postgres")
            os.chown(self.root, entry.pw_uid, entry.pw_gid)
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust",
                  "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 " + " ".join(
            f"-c {s}" for s in self.settings)
        self._run("pg_ctl", "-D", str(self.data), "-o", options,
                  "-l", str(self.root / "server.log"), "-w", "-t", "60", "start")
        self.running = True
        create_database(self.admin_url, self.database)
        return self

    @property
    def admin_url(self) -> str:
        return f"postgresql+psycopg2://postgres@127.0.0.1:{self.port}/postgres"

    @property
    def url(self) -> str:
        """The SQLAlchemy URL of the test database."""
        return f"postgresql+psycopg2://postgres@127.0.0.1:{self.port}/{self.database}"

    def stop(self) -> None:
        """Stop the server at once and delete every file of the cluster."""
        if self.running:
            with contextlib.suppress(RuntimeError):
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
            self.running = False
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> ThrowawayPostgres:
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc) -> None:
        self.stop()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_orphans(bin_dir: Path) -> None:
    """Stop and delete clusters whose test run died without cleaning up (e.g. SIGKILL)."""
    for root in Path(tempfile.gettempdir()).glob(f"{PREFIX}*"):
        owner = root / OWNER_FILE
        try:
            pid = int(owner.read_text())
        except (OSError, ValueError):
            continue
        if _alive(pid):
            continue
        orphan = ThrowawayPostgres.__new__(ThrowawayPostgres)
        orphan.bin, orphan.root, orphan.data, orphan.running = bin_dir, root, root / "data", True
        orphan.stop()


def _with_database(url: str, database: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{database}"))


def _admin_execute(url: str, sql: str) -> None:
    """Run one statement outside a transaction (CREATE/DROP DATABASE need that)."""
    import sqlalchemy as sa

    engine = sa.create_engine(_with_database(url, "postgres"), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(sa.text(sql))
    finally:
        engine.dispose()


def create_database(url: str, database: str, template: str | None = None) -> str:
    """Create `database` in the cluster of `url` (optionally copied from `template`)."""
    clause = f' TEMPLATE "{template}"' if template else ""
    _admin_execute(url, f'CREATE DATABASE "{database}"{clause}')
    return _with_database(url, database)


def drop_database(url: str, database: str) -> None:
    """Drop `database`, closing any connection still open to it."""
    _admin_execute(url, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def unique_name(prefix: str) -> str:
    """A database name no other test run uses."""
    return f"{prefix}_{uuid.uuid4().hex[:12]}"


@contextlib.contextmanager
def empty_database(directory: Path, stem: str):
    """A new, empty database of the suite's kind: a SQLite file in `directory`, or (with
    TEST_DATABASE_URL) a PostgreSQL database of that cluster, dropped afterwards."""
    pg_url = os.environ.get("TEST_DATABASE_URL")
    if not pg_url:
        yield f"sqlite:///{directory / f'{stem}.sqlite3'}"
        return
    name = unique_name(f"hl_{stem}")
    try:
        yield create_database(pg_url, name)
    finally:
        drop_database(pg_url, name)
