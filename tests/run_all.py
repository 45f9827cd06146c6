"""`make test`: every test on SQLite, then everything but the browser tests on PostgreSQL.

On SQLite the browser tests run in a pytest process of their own: Playwright's sync API keeps
an event loop running in the main thread, which would break later tests that use asyncio.
The PostgreSQL pass uses TEST_DATABASE_URL when it is set; otherwise it starts a throwaway
cluster (tests/postgres.py) and deletes it afterwards, also on failure or Ctrl-C.
Extra arguments are passed to every pytest run; `--only sqlite|postgres` runs one database.
A plain `make test` runs each test once where its database matters: the cluster test (which
starts PostgreSQL in any pass) only in the PostgreSQL pass, modules that open no database only
in the SQLite pass.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.postgres import ThrowawayPostgres  # noqa: E402

PYTEST = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-rfEs",
          "--durations=10", "--continue-on-collection-errors"]
NOT_BROWSER = ["-m", "not browser"]
NO_TESTS = 5  # pytest's exit code when nothing was collected
# When both passes run, each test runs where its database matters, once:
# the cluster test starts PostgreSQL in any pass (so only the PostgreSQL pass runs it), and these
# modules never open a database (so only the SQLite pass runs them).
POSTGRES_ANYWAY = ["tests/test_realserver_cluster.py"]
DATABASE_FREE = ["tests/pdfkit", "tests/i18n", "tests/text/test_similar.py",
                 "tests/text/test_normalize.py", "tests/voting/test_tally.py",
                 "tests/voting/test_schulze.py", "tests/voting/test_methods_property.py",
                 "tests/test_docs.py", "tests/test_deploy.py", "tests/test_config.py",
                 "tests/test_i18n_catalog.py"]


def _ignoring(paths: list[str]) -> list[str]:
    return [f"--ignore={path}" for path in paths]


@dataclass
class PassResult:
    """What one pytest run did."""

    name: str
    code: int
    seconds: float
    passed: int = 0
    failed: int = 0
    skipped: int = 0

    @property
    def ok(self) -> bool:
        return self.code in (0, NO_TESTS)


def _counts(junit: Path) -> tuple[int, int, int]:
    """passed, failed (failures + errors), skipped from pytest's JUnit XML report."""
    try:
        suite = ET.parse(junit).getroot()
    except (OSError, ET.ParseError):
        return 0, 0, 0
    suite = suite if suite.tag == "testsuite" else suite.find("testsuite")
    total, skipped = int(suite.get("tests", 0)), int(suite.get("skipped", 0))
    failed = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
    return total - failed - skipped, failed, skipped


def run_pytest(name: str, args: list[str], env: dict[str, str]) -> PassResult:
    """Run pytest once, streaming its output, and collect the counts."""
    print(f"\n=== {name} ===", flush=True)
    with tempfile.TemporaryDirectory(prefix="hamandishi-junit-") as tmp:
        junit = Path(tmp) / "report.xml"
        started = time.monotonic()
        code = subprocess.call([*PYTEST, f"--junitxml={junit}", *args], cwd=ROOT, env=env,
                               stdin=subprocess.DEVNULL)
        result = PassResult(name, code, time.monotonic() - started)
        result.passed, result.failed, result.skipped = _counts(junit)
    if code not in (0, 1, NO_TESTS):
        result.failed = max(result.failed, 1)  # interrupted, internal or usage error
    return result


def _base_env() -> dict[str, str]:
    env = dict(os.environ)
    for name in ("TEST_DATABASE_URL", "HAMANDISHI_CONFIG", "DATABASE_URL"):
        env.pop(name, None)
    return env


def sqlite_passes(extra: list[str], both: bool) -> list[PassResult]:
    skip = _ignoring(POSTGRES_ANYWAY) if both else []
    return [run_pytest("SQLite: all but browser", [*NOT_BROWSER, *skip, *extra], _base_env()),
            run_pytest("SQLite: browser (chromium)", ["-m", "browser", *extra], _base_env())]


def postgres_pass(extra: list[str], both: bool) -> PassResult:
    """Against TEST_DATABASE_URL, or a cluster that lives only for this pass."""
    args = [*NOT_BROWSER, *(_ignoring(DATABASE_FREE) if both else []), *extra]
    given = os.environ.get("TEST_DATABASE_URL")
    if given:
        return run_pytest("PostgreSQL (TEST_DATABASE_URL): all but browser", args,
                          _base_env() | {"TEST_DATABASE_URL": given})
    print("\nStarting a throwaway PostgreSQL cluster ...", flush=True)
    with ThrowawayPostgres() as cluster:
        print(f"PostgreSQL on 127.0.0.1:{cluster.port} (data in {cluster.root})", flush=True)
        return run_pytest("PostgreSQL (throwaway cluster): all but browser", args,
                          _base_env() | {"TEST_DATABASE_URL": cluster.url})


def summary(results: list[PassResult], seconds: float) -> bool:
    """Print one line per pass and the totals; True if every pass succeeded."""
    print("\n=== summary ===")
    for r in results:
        state = "ok" if r.ok else f"FAILED (pytest exit {r.code})"
        print(f"{r.name:<50} {r.passed:>4} passed {r.failed:>3} failed "
              f"{r.skipped:>3} skipped {r.seconds:>7.1f}s  {state}")
    print(f"wall time {seconds:.1f}s")
    passed, failed = sum(r.passed for r in results), sum(r.failed for r in results)
    skipped = sum(r.skipped for r in results)
    print(f"total: {passed} passed, {failed} failed, {skipped} skipped", flush=True)
    return all(r.ok for r in results)


def _interrupt_on_term(signum, frame):
    raise KeyboardInterrupt


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("sqlite", "postgres"))
    options, extra = parser.parse_known_args(argv)
    signal.signal(signal.SIGTERM, _interrupt_on_term)
    started, results = time.monotonic(), []
    try:
        both = options.only is None and not extra  # chosen tests run in each pass as asked
        if options.only != "postgres":
            results.extend(sqlite_passes(extra, both))
        if options.only != "sqlite":
            results.append(postgres_pass(extra, both))
    except KeyboardInterrupt:
        print("\ninterrupted; the throwaway database (if any) was removed", file=sys.stderr)
        return 130
    return 0 if summary(results, time.monotonic() - started) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
