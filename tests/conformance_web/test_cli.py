"""``stdhub validate SPEC DATA --json``: exit status 0 conforms, 1 does not, 2 unreadable."""

import io
import json
import os
import subprocess
import sys

import pytest
from django.core.management import call_command

from .conftest import BAD_ROWS, GOOD_ROWS, HEADER, SCHEMA, write_rows


@pytest.fixture
def spec_path(tmp_path):
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(SCHEMA, ensure_ascii=False), encoding="utf-8")
    return path


def _validate(*args) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("validate", *map(str, args), stdout=out, stderr=err)
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    return code, out.getvalue(), err.getvalue()


def test_conforming_file_exits_0_with_json(spec_path, tmp_path):
    data = write_rows(tmp_path / "ok.csv", HEADER, GOOD_ROWS)
    code, out, _ = _validate(spec_path, data, "--json")
    assert code == 0 and json.loads(out)["valid"] is True


def test_failing_file_exits_1_and_writes_errors_file(spec_path, tmp_path):
    errors = tmp_path / "errors.csv"
    data = write_rows(tmp_path / "bad.csv", HEADER, BAD_ROWS)
    code, out, _ = _validate(spec_path, data, "--json", "--errors", errors)
    assert code == 1 and json.loads(out)["errors_total"] == 5
    assert len(errors.read_text().splitlines()) == 6


@pytest.mark.parametrize("broken", ["spec", "data"])
def test_unreadable_spec_or_data_exits_2_with_reason(spec_path, tmp_path, broken):
    data = write_rows(tmp_path / "ok.csv", HEADER, GOOD_ROWS)
    if broken == "spec":
        spec_path.write_text("{", encoding="utf-8")
    else:
        data = tmp_path / "missing.csv"
    code, out, err = _validate(spec_path, data, "--json")
    assert code == 2 and out == "" and "stdhub validate:" in err


def test_gbk_option(spec_path, tmp_path):
    data = tmp_path / "gbk.csv"
    data.write_bytes(("\n".join([",".join(HEADER), ",".join(GOOD_ROWS[0])]) + "\n").encode("gbk"))
    assert _validate(spec_path, data, "--json", "--encoding", "gbk")[0] == 0


def test_the_stdhub_command_exits_with_the_status(spec_path, tmp_path):
    data = write_rows(tmp_path / "bad.csv", HEADER, BAD_ROWS)
    env = {**os.environ, "STDHUB_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, "-m", "stdhub", "validate", str(spec_path), str(data),
                           "--json"], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 1, done.stderr
    assert json.loads(done.stdout)["rows"] == 4


@pytest.mark.django_db
def test_validate_checks_against_code_lists_kept_in_the_database(tmp_path, org):
    from stdhub.conformance.services import import_code_list
    from stdhub.core.permissions import SYSTEM

    codes = tmp_path / "grades.csv"
    codes.write_text("code,name,parent\nA,优秀,\nB,良好,\n", encoding="utf-8")
    import_code_list(SYSTEM, identifier="ZJ/grade", version_label="2026", path=codes,
                     title="评价等级", organization=org)
    spec = tmp_path / "grades.json"
    spec.write_text(json.dumps({"fields": [{"name": "grade", "type": "string",
                                            "codeList": "ZJ/grade"}]}), encoding="utf-8")
    data = write_rows(tmp_path / "g.csv", ["grade"], [["A"], ["C"], ["B"]])
    code, out, _ = _validate(spec, data, "--json")
    report = json.loads(out)
    assert code == 1
    assert [(r["id"], r["count"]) for r in report["rules"]] == [("grade:codeList", 1)]
