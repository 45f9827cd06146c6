"""The documentation stays true: every environment variable and error code is documented."""

import re
from pathlib import Path

from workshop.errors import MESSAGES

ROOT = Path(__file__).resolve().parent.parent
READS = re.compile(
    r"""(?:os\.environ\.get|os\.getenv|os\.environ\[|_env_bool)\(?\s*["']([A-Z_]+)""")


def _variables_read_by_the_app() -> set[str]:
    sources = [ROOT / "config.py", ROOT / "run.py", *(ROOT / "workshop").rglob("*.py")]
    return {name for path in sources for name in READS.findall(path.read_text("utf-8"))}


def test_every_environment_variable_is_in_the_readme_table():
    readme = (ROOT / "README.md").read_text("utf-8")
    documented = set(re.findall(r"^\| `([A-Z_]+)` \|", readme, flags=re.MULTILINE))
    variables = _variables_read_by_the_app()
    assert {"SECRET_KEY", "DATABASE_URL", "HAMANDISHI_CONFIG"} <= variables
    assert variables - documented == set(), "add these to README.md's configuration table"


def test_every_error_code_is_in_the_protocol_document():
    protocol = (ROOT / "docs" / "realtime.md").read_text("utf-8")
    section = protocol.split("## 6. Error codes", 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.MULTILINE))
    assert listed == set(MESSAGES), "docs/realtime.md §6 must list exactly workshop/errors.py"
