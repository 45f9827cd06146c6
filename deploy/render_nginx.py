"""Render deploy/nginx.conf.template for N app processes (docs/deployment.md §4).

    python deploy/render_nginx.py --backend 5001=127.0.0.1:5001 --backend 5002=127.0.0.1:5002 \
        --server-name workshop.example.org --tls /etc/ssl/…/fullchain.pem /etc/ssl/…/privkey.pem

Each --backend is NODE_ID=HOST:PORT (the process runs with that NODE_ID and PORT; a bare
HOST:PORT uses its port as the id). Without --tls it listens on plain HTTP (tests, a closed
LAN). --standalone PREFIX writes a whole nginx.conf that keeps its pid, logs and temp files
under PREFIX, so nginx runs without root (`nginx -p PREFIX -c PREFIX/nginx.conf`).
"""

from __future__ import annotations

import argparse
import getpass
import os
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path

import jinja2

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "nginx.conf.template"

STANDALONE = """\
{user}worker_processes 1;
worker_rlimit_nofile 16384;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 8192; }}
http {{
    access_log off;
    client_body_temp_path {prefix}/tmp/body;
    proxy_temp_path {prefix}/tmp/proxy;
    fastcgi_temp_path {prefix}/tmp/fastcgi;
    uwsgi_temp_path {prefix}/tmp/uwsgi;
    scgi_temp_path {prefix}/tmp/scgi;
    include {prefix}/hamandishi.conf;
}}
"""


@dataclass(frozen=True)
class Node:
    """One app process: its NODE_ID and the address it listens on."""

    id: str
    address: str


def parse_backend(text: str) -> Node:
    """NODE_ID=HOST:PORT, or HOST:PORT (the port is the id)."""
    node, _, address = text.rpartition("=")
    address = address.strip()
    node = node or address.rpartition(":")[2]
    if not node.isalnum() or ":" not in address:
        raise argparse.ArgumentTypeError(f"--backend wants NODE_ID=HOST:PORT, not {text!r}")
    return Node(node, address)


def render_site(nodes: list[Node], listen: str, server_name: str = "_",
                tls: tuple[str, str] | None = None, command: str = "") -> str:
    """The site configuration (what goes into /etc/nginx/sites-available/hamandishi)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE), keep_trailing_newline=True,
                             undefined=jinja2.StrictUndefined, autoescape=False)
    tls_files = {"cert": tls[0], "key": tls[1]} if tls else None
    return env.get_template(TEMPLATE.name).render(
        nodes=nodes, listen=listen, server_name=server_name, tls=tls_files,
        command=command or "python deploy/render_nginx.py …")


def write_standalone(prefix: Path, site: str) -> Path:
    """A complete nginx.conf under `prefix` (pid, logs, temp files there); returns its path."""
    (prefix / "tmp").mkdir(parents=True, exist_ok=True)
    (prefix / "hamandishi.conf").write_text(site)
    # Workers of a root master drop to `nobody` unless told; keep them as the caller so
    # they can use the temp directories made here.
    user = f"user {getpass.getuser()};\n" if os.geteuid() == 0 else ""
    path = prefix / "nginx.conf"
    path.write_text(STANDALONE.format(prefix=prefix, user=user))
    return path


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", action="append", type=parse_backend, required=True,
                        help="NODE_ID=HOST:PORT of one app process (repeat per process)")
    parser.add_argument("--listen", help="listen address (default 443 with --tls, else 80)")
    parser.add_argument("--server-name", default="_")
    parser.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    parser.add_argument("--standalone", type=Path, metavar="PREFIX",
                        help="write PREFIX/nginx.conf + PREFIX/hamandishi.conf instead")
    options = parser.parse_args(argv)
    listen = options.listen or ("443" if options.tls else "80")
    command = "python deploy/render_nginx.py " + shlex.join(argv)
    site = render_site(options.backend, listen, options.server_name, options.tls, command)
    if options.standalone:
        print(write_standalone(options.standalone.resolve(), site))
    else:
        sys.stdout.write(site)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
