"""``stdhub import standards`` killed (SIGKILL) while it writes leaves nothing behind."""

from __future__ import annotations

import signal
import subprocess
import time

ROWS = 15_000


def test_import_killed_while_writing_leaves_no_rows(site, tmp_path):
    big = site.call("write_standards_csv", str(tmp_path / "big.csv"), ROWS)
    before = site.call("registry_state")  # only `stdhub init`'s starter standards
    assert before["standards"] < 100

    importer = site.popen("import", "standards", big, "-v", "2", stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE)
    try:
        phases = []
        for line in importer.stderr:  # one line per phase as it begins
            phases.append(line.split(":")[0])
            if phases[-1] == "create":
                break
        time.sleep(0.2)  # well into writing the rows
        assert importer.poll() is None, "the import ended before it could be killed"
        importer.send_signal(signal.SIGKILL)
    finally:
        importer.kill()
        importer.wait()
    assert importer.returncode == -signal.SIGKILL and phases[-1] == "create", phases

    after = site.call("registry_state")
    assert after == before  # no standards, events, organizations; searches find nothing
    verify = site.run("audit", "verify")
    assert verify.returncode == 0, verify.stdout + verify.stderr

    # The index is not left broken either: the same file imports in full afterwards.
    done = site.run("import", "standards", big)
    assert done.returncode == 0, done.stderr
    state = site.call("registry_state")
    assert state["standards"] >= ROWS  # older editions of some standards come too
    assert all(found > 0 for found, _ in state["searches"].values())
    rebuilt = site.run("search", "--reindex")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert site.call("registry_state") == state  # the same answers as a rebuilt index
