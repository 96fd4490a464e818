"""``stdhub serve`` as an operator runs it: its worker killed, then the server stopped."""

from __future__ import annotations

import os
import signal
import subprocess
import urllib.request

import pytest

from .conftest import alive, children_of, command_line, free_port


def worker_pid(serve_pid: int) -> int | None:
    found = [pid for pid in children_of(serve_pid) if "stdhub worker" in command_line(pid)
             and alive(pid)]
    return found[0] if found else None


def descendants(pid: int) -> set[int]:
    found = set()
    for child in children_of(pid):
        found |= {child} | descendants(child)
    return found


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_serve_restarts_its_killed_worker_and_stops_cleanly(site, tmp_path, stop):
    version = site.call("publish_data_standard")
    port = free_port()
    serve = site.popen("serve", "--bind", f"127.0.0.1:{port}", "--workers", "1",
                       "--threads", "2", stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        site.wait_for("the web server", lambda: answers(f"http://127.0.0.1:{port}/"), every=0.5)
        first = site.wait_for("the task worker", lambda: worker_pid(serve.pid))
        os.kill(first, signal.SIGKILL)
        second = site.wait_for("a new task worker",
                               lambda: (pid := worker_pid(serve.pid)) != first and pid)
        assert alive(second) and not alive(first)

        dataset = site.call("write_dataset", str(tmp_path / "units.csv"), 1000)
        run = site.call("start_run", version, dataset)
        state = site.wait_for("the run to finish",
                              lambda: (s := site.call("run_state", run))["finished"] and s,
                              every=0.5)
        assert state["status"] == "passed" and state["rows"] == 1000

        processes = descendants(serve.pid)
        assert second in processes and len(processes) >= 3  # gunicorn, its worker, ours
        serve.send_signal(stop)
        out, err = serve.communicate(timeout=60)
    finally:
        if serve.poll() is None:
            serve.kill()
            serve.wait()
    assert serve.returncode == 0, err
    assert "Traceback" not in err and "Traceback" not in out
    assert "exited with signal 9; restarting" in err
    assert [pid for pid in processes if alive(pid)] == []
