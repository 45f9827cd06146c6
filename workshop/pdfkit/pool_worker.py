"""A PDF build worker: a long-lived, niced process that builds one document at a time.

The server keeps a few of these (workshop/pdfkit/pool.py) so that multi-second layouts never
hold the GIL of the process that answers live votes, and each build does not pay for a new
interpreter and font loading. Some builders also read the database (a draft preview, the
programme dossier): the worker collects their data itself, with its own small Flask app made
from the owning app's config (worker_app.py), so the server only names what to build.

Pipe protocol, every frame a 4-byte length and the bytes: first the owning app's config (JSON),
then jobs {"builder": name, "args": [...]} (JSON). Each answer is one status byte (b"+" built,
b"-" failed), a JSON meta frame ({"digest": ...} for a preview; {"error": text} on failure)
and a body frame (the PDF bytes).
"""

from __future__ import annotations

import importlib
import json
import os
import struct
import sys
import traceback
import types
from pathlib import Path
from typing import NamedTuple

NICENESS = 15  # live votes in the server process come first on a busy CPU
HEADER = struct.Struct(">I")


class Builder(NamedTuple):
    """Where a builder lives, and whether it reads the database (then never cached by args)."""

    package: str
    module: str
    function: str
    reads_database: bool = False
    timeout: float = 120


# What a job may ask for: a fixed list, never a dotted path sent by the caller.
BUILDERS = {
    "minutes": Builder("workshop.minutes", "pdf", "build_minutes_pdf"),
    "plan": Builder("workshop.plan", "plan_pdf", "build_plan_pdf"),
    "minutes_preview": Builder("workshop.minutes", "preview_job", "build_preview", True),
    "dossier": Builder("workshop.register", "dossier_job", "build_dossier", True, 300),
}


def _light_package(name: str) -> None:
    """Import only a feature's PDF and data code: skip its routes, forms and sockets."""
    package = types.ModuleType(name)
    package.__path__ = [str(Path(__file__).resolve().parents[1] / name.split(".")[-1])]
    sys.modules.setdefault(name, package)


def builder(name: str):
    """The build function a job names."""
    package, module, function = BUILDERS[name][:3]
    _light_package(package)
    return getattr(importlib.import_module(f"{package}.{module}"), function)


def read_exactly(stream, size: int) -> bytes:
    """`size` bytes from the stream, or fewer at its end."""
    chunks, left = [], size
    while left:
        chunk = stream.read(left)
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def frame(body: bytes) -> bytes:
    """Length-prefixed, so a PDF with any bytes in it crosses the pipe intact."""
    return HEADER.pack(len(body)) + body


def read_frame(stream) -> bytes | None:
    """One length-prefixed frame, or None when the stream ended first."""
    header = read_exactly(stream, HEADER.size)
    if len(header) < HEADER.size:
        return None
    body = read_exactly(stream, HEADER.unpack(header)[0])
    return body if len(body) == HEADER.unpack(header)[0] else None


def answer(stream, ok: bool, meta: dict, body: bytes = b"") -> None:
    """Status, meta and body in one write, so the server never reads half an answer."""
    meta_bytes = json.dumps(meta, ensure_ascii=False).encode("utf-8")
    stream.write((b"+" if ok else b"-") + frame(meta_bytes) + frame(body))
    stream.flush()


def run_job(job: dict, config: dict) -> tuple[dict, bytes]:
    """Build one job: pure builders in no context, database builders in the worker's app."""
    function = builder(job["builder"])
    if not BUILDERS[job["builder"]].reads_database:
        return {}, function(*job["args"])
    from .worker_app import app_for

    with app_for(config).app_context():
        result = function(*job["args"])
    return result if isinstance(result, tuple) else ({}, result)


def serve(stdin=None, stdout=None) -> None:
    """Read the config, then build jobs until stdin closes."""
    stdin, stdout = stdin or sys.stdin.buffer, stdout or sys.stdout.buffer
    config = json.loads(read_frame(stdin) or b"{}")
    while (job := read_frame(stdin)) is not None:
        try:
            meta, body = run_job(json.loads(job), config)
            answer(stdout, True, meta, body)
        except Exception:  # the server reports the failure; this worker goes on
            answer(stdout, False, {"error": traceback.format_exc()})


if __name__ == "__main__":
    if hasattr(os, "nice"):
        os.nice(NICENESS)
    serve()
