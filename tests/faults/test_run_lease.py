"""A conformance run whose worker is killed (kill -9) is taken up again, or given up with
its reason: never "running" forever."""

from __future__ import annotations

import signal
import subprocess

from stdhub.conformance.services import WORKER_STOPPED

ROWS = 2_000_000  # a few seconds of checking: long enough to be killed mid-run


def status(site, run: int) -> tuple[str, int, int]:
    return site.sql("SELECT status, attempts, rows_done FROM conformance_conformancerun "
                    "WHERE id = %s", (run,))[0]


def kill_when_running(site, run: int, attempt: int) -> None:
    """Start a worker, wait until it is checking ``run`` (attempt ``attempt``), kill -9 it."""
    worker = site.popen("worker", stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        site.wait_for(f"attempt {attempt} to run",
                      lambda: status(site, run)[:2] == ("running", attempt), every=0.05)
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.communicate()
    assert status(site, run)[0] == "running"  # nobody finished it


def test_killed_worker_run_is_retried_once_then_given_up(site, tmp_path):
    version = site.call("publish_data_standard")
    dataset = site.call("write_dataset", str(tmp_path / "big.csv"), ROWS)
    run = site.call("start_run", version, dataset)

    kill_when_running(site, run, attempt=1)
    kill_when_running(site, run, attempt=2)  # this worker first requeued it (lease expired)
    survivor = site.popen("worker", stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        state = site.wait_for("the run to be given up",
                              lambda: (s := site.call("run_state", run))["finished"] and s,
                              every=0.5)
    finally:
        survivor.send_signal(signal.SIGTERM)
        _, err = survivor.communicate(timeout=30)
    assert survivor.returncode == 0 and "Traceback" not in err
    assert state["status"] == "error" and state["message"] == WORKER_STOPPED
    assert state["attempts"] == 2
    kinds = [kind for kind, _ in state["events"]]
    assert kinds == ["created", "started", "requeued", "started", "error"]
    assert state["events"][2][1] == f"{WORKER_STOPPED}; queued again"
    assert site.run("audit", "verify").returncode == 0


def test_killed_worker_run_completes_on_its_second_attempt(site, tmp_path):
    version = site.call("publish_data_standard")
    dataset = site.call("write_dataset", str(tmp_path / "big.csv"), ROWS)
    run = site.call("start_run", version, dataset)

    kill_when_running(site, run, attempt=1)
    worker = site.popen("worker", stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        state = site.wait_for("the run to finish",
                              lambda: (s := site.call("run_state", run))["finished"] and s,
                              timeout=300, every=1)
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.communicate(timeout=30)
    assert state["status"] == "passed" and state["rows"] == ROWS and state["attempts"] == 2
    assert [kind for kind, _ in state["events"]] == [
        "created", "started", "requeued", "started", "passed"]


def test_stopping_a_worker_mid_run_hands_the_run_on_at_once(site, tmp_path):
    version = site.call("publish_data_standard")
    dataset = site.call("write_dataset", str(tmp_path / "big.csv"), ROWS)
    run = site.call("start_run", version, dataset)
    worker = site.popen("worker", stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    site.wait_for("the run to start", lambda: status(site, run)[0] == "running", every=0.05)
    worker.send_signal(signal.SIGTERM)
    _, err = worker.communicate(timeout=30)
    assert worker.returncode == 0 and "Traceback" not in err, err
    assert status(site, run)[:2] == ("queued", 1)  # queued again, no lease to wait out
