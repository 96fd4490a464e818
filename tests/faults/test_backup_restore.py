"""``stdhub backup`` then ``stdhub restore`` into a new installation: the same history,
searches and files; and the restores that must be refused."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
GOOD = [["1", "单位1", "10", "2020-01-15"], ["2", "单位2", "0", "2021-07-01"]]
BAD = [["1", "单位1", "10", "2020-01-15"], ["2", "公司", "-3", "2021-02-30"]]


def populated(site, tmp_path) -> None:
    """Standards (imported: events), a data standard and two finished runs of uploads."""
    done = site.run("import", "standards", str(FIXTURES / "standards_zh.csv"))
    assert done.returncode == 0, done.stderr
    version = site.call("publish_data_standard")
    for name, rows in (("单位名录-好.csv", GOOD), ("单位名录-错.csv", BAD)):
        site.call("start_run", version, site.call("write_rows", str(tmp_path / name), rows))
    done = site.run("worker", "--batch")
    assert done.returncode == 0, done.stderr


def state(site) -> dict:
    return {"registry": site.call("registry_state"), "files": site.call("files_state")}


def with_manifest(source: Path, target: Path, **changes) -> Path:
    """A copy of the backup ``source`` whose manifest says something else."""
    with tarfile.open(source) as old, tarfile.open(target, "w") as new:
        for member in old.getmembers():
            data = old.extractfile(member).read()
            if member.name == "manifest.json":
                data = json.dumps({**json.loads(data), **changes}).encode()
                member.size = len(data)
            new.addfile(member, io.BytesIO(data))
    return target


def test_backup_restores_into_a_new_installation(new_site, tmp_path):
    original = new_site()
    populated(original, tmp_path)
    before = state(original)
    assert before["registry"]["standards"] > 0 and before["registry"]["events"] > 0
    assert {f["status"] for f in before["files"].values()} == {"passed", "failed"}
    assert [f["errors"][0] for f in before["files"].values()].count(200) >= 1

    archive = tmp_path / "stdhub.tar"
    done = original.run("backup", str(archive))
    assert done.returncode == 0, done.stderr
    assert archive.stat().st_mode & 0o077 == 0  # readable by its owner only
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        names = tar.getnames()
    kind = "postgresql" if original.database_url else "sqlite"
    assert manifest["database"] == kind and manifest["stdhub_version"]
    assert sum(name.startswith("media/conformance/datasets/") for name in names) == 2

    copy = new_site(init=False)
    done = copy.run("restore", str(archive))
    assert done.returncode == 0, done.stderr
    assert "audit chain intact" in done.stdout
    assert state(copy) == before  # same counts, searches, files served
    assert copy.run("audit", "verify").returncode == 0

    # Refused, with a reason and exit 2: over data, and a backup of the other database kind.
    refused = original.run("restore", str(archive))
    assert refused.returncode == 2 and "--force" in refused.stderr
    other = "sqlite" if kind == "postgresql" else "postgresql"
    mismatched = with_manifest(archive, tmp_path / "other.tar", database=other)
    refused = new_site(init=False).run("restore", str(mismatched))
    assert refused.returncode == 2 and f"holds a {other} database" in refused.stderr
    refused = copy.run("restore", str(tmp_path / "missing.tar"))
    assert refused.returncode == 2 and "cannot read" in refused.stderr

    # --force replaces what is there; the uploads it replaced are kept aside.
    done = copy.run("restore", "--force", str(archive))
    assert done.returncode == 0, done.stderr
    assert state(copy) == before
    assert list(copy.data_dir.glob("media.replaced-*"))
