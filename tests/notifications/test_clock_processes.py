"""``stdhub clock`` as the separate processes ``stdhub serve`` starts, on one SQLite file."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter

import pytest

from ..deploy.test_settings_and_files import stdhub


@pytest.fixture
def data_dir(tmp_path):
    proc = stdhub("migrate", "--no-input", data_dir=tmp_path)
    assert proc.returncode == 0, proc.stderr
    return tmp_path


def runs(data_dir) -> Counter:
    with sqlite3.connect(data_dir / "stdhub.sqlite3") as db:
        return Counter(job for (job,) in db.execute("select job from notifications_scheduledrun"))


def spawn(data_dir, *args) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("STDHUB_") and k != "DJANGO_SETTINGS_MODULE"}
    return subprocess.Popen([sys.executable, "-m", "stdhub", "clock", *args], text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**env, "STDHUB_DATA_DIR": str(data_dir)})


def test_clocks_in_parallel_processes_run_each_period_once(data_dir):
    clocks = [spawn(data_dir, "--once") for _ in range(3)]
    outputs = [c.communicate(timeout=120) for c in clocks]
    assert [c.returncode for c in clocks] == [0, 0, 0], [err for _, err in outputs]
    reported = Counter(line.split()[0] for out, _ in outputs for line in out.splitlines()
                       if line != "nothing due")
    made = runs(data_dir)
    assert made and set(made.values()) == {1}  # each job's period claimed once
    assert reported == made                     # and run by exactly one of the clocks


def test_the_clock_runs_by_itself_and_stops_cleanly_on_sigterm(data_dir):
    clock = spawn(data_dir, "--interval", "0.2")
    try:
        deadline = time.monotonic() + 60
        while not runs(data_dir)["close-comment-periods"] and time.monotonic() < deadline:
            time.sleep(0.2)
        assert runs(data_dir)["close-comment-periods"] == 1
    finally:
        clock.send_signal(signal.SIGTERM)
        out, err = clock.communicate(timeout=30)
    assert clock.returncode == 0, err
    assert "close-comment-periods" in out
