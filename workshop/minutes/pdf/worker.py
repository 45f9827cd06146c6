"""Build one minutes PDF in a separate process: archive JSON on stdin, PDF bytes on stdout.

The server runs builds here so a multi-second layout never holds the GIL of the process
that answers live votes (see workshop/minutes/builds.py).
"""

from __future__ import annotations

import json
import os
import sys
import types
from pathlib import Path

NICENESS = 10


def _light_package() -> None:
    """Import only the PDF code: skip the feature package's routes, models and sockets."""
    package = types.ModuleType("workshop.minutes")
    package.__path__ = [str(Path(__file__).resolve().parents[1])]
    sys.modules.setdefault("workshop.minutes", package)


def main() -> None:
    """Read {data, lang, labels, content_sha256}, write the PDF."""
    if hasattr(os, "nice"):
        os.nice(NICENESS)  # live votes in the server process come first on a busy CPU
    _light_package()
    from workshop.minutes.pdf import build_minutes_pdf

    job = json.load(sys.stdin)
    pdf = build_minutes_pdf(job["data"], job["lang"], job["labels"], job["content_sha256"])
    sys.stdout.buffer.write(pdf)
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    main()
