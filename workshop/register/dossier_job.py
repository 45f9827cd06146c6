"""Build a programme dossier in a child process: `python -m workshop.register.dossier_job
<programme id> <lang>` writes the PDF to stdout. The server (gevent) waits for it without
blocking its event loop; the child is niced so live votes come first on a busy CPU."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

from flask import current_app

NICENESS = 15
TIMEOUT = 300
# One dossier at a time per server process: a second request waits rather than doubling load.
_one_at_a_time = threading.Semaphore(1)


def run_job(program_id: int, lang: str) -> bytes:
    """Run the child with this app's database and secret; its PDF bytes, or an error."""
    env = dict(os.environ, DATABASE_URL=current_app.config["SQLALCHEMY_DATABASE_URI"],
               SECRET_KEY=current_app.config["SECRET_KEY"])
    with _one_at_a_time:
        done = subprocess.run([sys.executable, "-m", "workshop.register.dossier_job",
                               str(program_id), "fa" if lang == "fa" else "en"],
                              env=env, capture_output=True, timeout=TIMEOUT, check=False)
    if done.returncode != 0 or not done.stdout.startswith(b"%PDF"):
        raise RuntimeError(f"dossier job failed: {done.stderr.decode(errors='replace')[-500:]}")
    return done.stdout


def main() -> None:
    """Collect and lay out one dossier; the PDF goes to stdout."""
    if hasattr(os, "nice"):
        os.nice(NICENESS)
    from workshop import create_app
    from workshop.register import dossier
    from workshop.register.access import get_program

    program_id, lang = int(sys.argv[1]), sys.argv[2]
    app = create_app()
    with app.test_request_context(f"/?lang={lang}"):
        pdf = dossier.build(get_program(program_id), lang)
    sys.stdout.buffer.write(pdf)
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    main()
