"""The layers of docs/architecture.md, enforced: ``lint-imports`` with pyproject's contracts."""

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = shutil.which("lint-imports", path=str(Path(sys.executable).parent))


def lint(cwd: Path, src: Path, *options: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(src)}
    return subprocess.run([LINT_IMPORTS, "--no-cache", *options], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def contracts() -> str:
    return (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def test_every_contract_is_kept():
    done = lint(ROOT, ROOT / "src")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_an_upward_import_breaks_the_contracts(tmp_path, contracts):
    """The contracts catch what they promise to: a copy of the code with a pure module
    importing Django and core importing an app fails both."""
    src = tmp_path / "src"
    shutil.copytree(ROOT / "src" / "stdhub", src / "stdhub",
                    ignore=shutil.ignore_patterns("locale", "static", "templates", "__pycache__"))
    (tmp_path / "pyproject.toml").write_text(contracts, encoding="utf-8")
    rules = src / "stdhub" / "standards" / "rules.py"
    rules.write_text(rules.read_text(encoding="utf-8") + "\nfrom django.db import models\n",
                     encoding="utf-8")
    (src / "stdhub" / "core" / "upward.py").write_text(textwrap.dedent("""
        from stdhub.standards.models import Standard
    """), encoding="utf-8")
    done = lint(tmp_path, src)
    assert done.returncode == 1
    assert "Pure logic imports no Django and no app BROKEN" in done.stdout
    assert "core imports no app BROKEN" in done.stdout
    assert "Apps depend only on the apps below them BROKEN" in done.stdout
