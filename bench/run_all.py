"""`make bench`: run every benchmark under bench/ and print one table of their summaries.

A benchmark is bench/bench_*.py or bench/load_*.py. Each prints a JSON object as its last
line of output (see bench/README.md); scripts that print none still run and show their last
line. Results are also written to bench/results/<time>.json (git-ignored).
Usage: bench/run_all.py [-k SUBSTRING] [--timeout SECONDS] [--list]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
PATTERNS = ("bench_*.py", "load_*.py")
MAX_METRICS = 12  # per script in the printed table; the JSON file keeps everything


def discover(keyword: str | None) -> list[Path]:
    """Every benchmark script, in name order, optionally filtered by a substring."""
    scripts = sorted({p for pattern in PATTERNS for p in BENCH_DIR.glob(pattern)})
    return [p for p in scripts if keyword is None or keyword in p.name]


def last_json(output: str) -> dict | None:
    """The JSON object a script printed last (a whole-output object also counts)."""
    candidates = [output.strip()] + [ln.strip() for ln in reversed(output.splitlines())]
    for text in candidates:
        if text.startswith("{"):
            try:
                value = json.loads(text)
            except json.JSONDecodeError:
                continue
            if isinstance(value, dict):
                return value
    return None


def flatten(data: dict, prefix: str = "") -> dict[str, object]:
    """Nested summaries as dotted keys with scalar values."""
    flat: dict[str, object] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten(value, f"{name}."))
        elif not isinstance(value, list):
            flat[name] = value
    return flat


def declared_timeout(script: Path) -> float:
    """A script that needs longer says so with a `TIMEOUT_SECONDS = n` line of its own."""
    for line in script.read_text(encoding="utf-8").splitlines():
        if line.startswith("TIMEOUT_SECONDS = "):
            return float(line.split("=", 1)[1].split("#")[0])
    return 0.0


def run(script: Path, timeout: float) -> dict:
    """Run one benchmark in the repo root with this interpreter; never raises."""
    started = time.monotonic()
    try:
        done = subprocess.run([sys.executable, str(script)], cwd=ROOT, capture_output=True,
                              text=True, timeout=timeout, stdin=subprocess.DEVNULL)
        code, output, errors = done.returncode, done.stdout, done.stderr
    except subprocess.TimeoutExpired as expired:
        code, output, errors = "timeout", _text(expired.stdout), _text(expired.stderr)
    summary = last_json(output)
    tail = (output.strip().splitlines() or errors.strip().splitlines() or [""])[-1]
    return {"script": script.name, "exit": code, "seconds": round(time.monotonic() - started, 1),
            "summary": summary, "tail": tail[:200],
            "stderr_tail": errors.strip().splitlines()[-5:] if code != 0 else []}


def _text(value) -> str:
    return value.decode(errors="replace") if isinstance(value, bytes) else (value or "")


def print_table(results: list[dict]) -> None:
    """One block per script: status and time, then its metrics."""
    for result in results:
        state = "ok" if result["exit"] == 0 else f"FAILED ({result['exit']})"
        print(f"\n{result['script']:<40} {state:<14} {result['seconds']:>8.1f} s")
        if result["summary"] is None:
            print(f"    (no JSON summary) {result['tail']}")
        else:
            metrics = list(flatten(result["summary"]).items())
            for key, value in metrics[:MAX_METRICS]:
                print(f"    {key:<52} {value}")
            if len(metrics) > MAX_METRICS:
                print(f"    … {len(metrics) - MAX_METRICS} more in the results file")
        for line in result["stderr_tail"]:
            print(f"    ! {line}")


def save(results: list[dict]) -> Path:
    folder = BENCH_DIR / "results"
    folder.mkdir(exist_ok=True)
    path = folder / time.strftime("%Y%m%d-%H%M%S.json")
    path.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-k", dest="keyword", help="only scripts whose name contains this")
    parser.add_argument("--timeout", type=float, default=1200, help="seconds per script")
    parser.add_argument("--list", action="store_true", help="list the scripts and stop")
    options = parser.parse_args(argv)
    scripts = discover(options.keyword)
    if options.list or not scripts:
        print("\n".join(p.name for p in scripts) or "no benchmark scripts found")
        return 0
    results = []
    for script in scripts:
        print(f"running {script.name} …", flush=True)
        results.append(run(script, max(options.timeout, declared_timeout(script))))
    print_table(results)
    print(f"\nresults saved to {save(results).relative_to(ROOT)}")
    return 0 if all(r["exit"] == 0 for r in results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
