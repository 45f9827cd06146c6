"""A PDF build worker: a long-lived, niced process that builds one document at a time.

The server keeps a few of these (workshop/pdfkit/pool.py) so that multi-second layouts never
hold the GIL of the process that answers live votes, and each build does not pay for a new
interpreter and font loading. Jobs arrive on stdin as a length-prefixed JSON object
{"builder": name, "args": [...]}; each answer on stdout is one status byte (b"+" for a PDF,
b"-" for an error text), a length and the bytes.
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

NICENESS = 15  # live votes in the server process come first on a busy CPU
HEADER = struct.Struct(">I")
# What a job may ask for: a fixed list, never a dotted path sent by the caller.
BUILDERS = {"minutes": ("workshop.minutes", "pdf", "build_minutes_pdf"),
            "plan": ("workshop.plan", "plan_pdf", "build_plan_pdf")}


def _light_package(name: str) -> None:
    """Import only a feature's PDF code: skip its routes, models and sockets."""
    package = types.ModuleType(name)
    package.__path__ = [str(Path(__file__).resolve().parents[1] / name.split(".")[-1])]
    sys.modules.setdefault(name, package)


def builder(name: str):
    """The build function a job names."""
    package, module, function = BUILDERS[name]
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


def answer(stream, ok: bool, body: bytes) -> None:
    stream.write((b"+" if ok else b"-") + HEADER.pack(len(body)) + body)
    stream.flush()


def serve(stdin=None, stdout=None) -> None:
    """Build jobs until stdin closes."""
    stdin, stdout = stdin or sys.stdin.buffer, stdout or sys.stdout.buffer
    while header := read_exactly(stdin, HEADER.size):
        job = json.loads(read_exactly(stdin, HEADER.unpack(header)[0]))
        try:
            answer(stdout, True, builder(job["builder"])(*job["args"]))
        except Exception:  # the server reports the failure; this worker goes on
            answer(stdout, False, traceback.format_exc().encode("utf-8", "replace"))


if __name__ == "__main__":
    if hasattr(os, "nice"):
        os.nice(NICENESS)
    serve()
