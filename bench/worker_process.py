"""A benchmark's measuring step in a process of its own, so each starts with fresh memory
and its own database connection, and the figures it prints as JSON on its last line."""

import json
import subprocess
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent


def run_worker(script: str | Path, args: list[str], *, env: dict, step: str) -> str:
    """Run `script` with `args` from the project folder; its output, or exit naming `step`."""
    completed = subprocess.run(  # noqa: S603 - runs this project's own benchmark scripts
        [sys.executable, str(script), *args],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        cwd=PROJECT_DIR,
    )
    if completed.returncode:
        sys.stderr.write(completed.stderr)
        raise SystemExit(f"{step} failed with status {completed.returncode}")
    return completed.stdout


def worker_figures(script: str | Path, args: list[str], *, env: dict, step: str):
    """The JSON that the worker prints on its last line."""
    output = run_worker(script, args, env=env, step=step)
    return json.loads(output.strip().splitlines()[-1])
