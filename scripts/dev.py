#!/usr/bin/env python3
"""Developer entry point: one command to set up and serve, one to set up and test.

    python3 scripts/dev.py serve   # venv + install + checks + build + serve at http://127.0.0.1:8000/
    python3 scripts/dev.py test    # venv + install + ruff + the whole pytest suite

It needs only Python >= 3.10 (and, for the browser tests, Chromium and nginx
from the distribution). It creates ``.venv`` beside the project, installs the
pinned dependencies from ``pyproject.toml`` and re-runs itself inside it.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv"
PY = VENV / "bin" / "python"


def ensure_venv(extras: str) -> None:
    """Create the venv and install the project if pyproject.toml changed since the last install."""
    if not PY.exists():
        print(f"creating {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = VENV / f".installed-{extras or 'base'}"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    target = f".[{extras}]" if extras else "."
    print(f"installing {target} into {VENV}", flush=True)
    subprocess.run([str(PY), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-e", target],
                   cwd=ROOT, check=True)
    stamp.write_text(digest)


def run(cmd: list[str]) -> int:
    print("+", " ".join(cmd), flush=True)
    return subprocess.run(cmd, cwd=ROOT).returncode


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("serve", "test"):
        print(__doc__)
        return 2
    env_extra = {"NO_MKDOCS_2_WARNING": "1"}
    os.environ.update(env_extra)
    if argv[0] == "serve":
        ensure_venv("")
        return run([str(PY), "scripts/publish.py", "--serve", *argv[1:]])
    ensure_venv("test")
    code = run([str(PY), "-m", "ruff", "check", "scripts", "hooks", "tests"])
    if code:
        return code
    return run([str(PY), "-m", "pytest", *argv[1:]])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
