"""`stdhub init` and the pure CLI commands, as a user runs them."""

import json
import os
import subprocess
import sys

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from stdhub.core.models import Event
from stdhub.orgs.models import Organization
from stdhub.programme.models import Programme
from stdhub.standards.models import CCSClass, ICSClass, Standard


@pytest.mark.django_db
def test_init_loads_reference_data_seed_and_admin_and_is_safe_to_rerun(
        capsys, monkeypatch, tmp_path, settings):
    settings.DATA_DIR = tmp_path
    monkeypatch.setenv("STDHUB_ADMIN_PASSWORD", "s3cret-init-pw")
    call_command("init", verbosity=0)
    out = capsys.readouterr().out
    assert "log in as 'admin'" in out
    assert ICSClass.objects.filter(code="35.240").exists()
    assert CCSClass.objects.get(code="L70").parent_id == "L70/84"
    assert Organization.objects.filter(name="之江实验室", kind="lab").exists()
    admin = get_user_model().objects.get(username="admin")
    assert admin.check_password("s3cret-init-pw") and admin.is_superuser
    # The seed programme comes with its starter registry and standard system.
    assert Programme.objects.get().tasks.count() == 10
    assert Standard.objects.filter(code="GB/T 2260-2007").exists()
    counts = (ICSClass.objects.count(), CCSClass.objects.count(), Organization.objects.count(),
              Standard.objects.count(), Event.objects.count())

    call_command("init", verbosity=0)
    assert "already present" in capsys.readouterr().out
    assert counts == (ICSClass.objects.count(), CCSClass.objects.count(),
                      Organization.objects.count(), Standard.objects.count(),
                      Event.objects.count())
    assert get_user_model().objects.count() == 1


def run_cli(*args):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "stdhub.settings"}
    return subprocess.run([sys.executable, "-m", "stdhub", *args], capture_output=True, text=True,
                          env=env, timeout=120)


def test_code_parse_json_contract():
    proc = run_cli("code", "parse", "ＧＢ／Ｔ　２２６０－２００７",
                   "GB/T 22080-2016/ISO/IEC 27001:2013", "--json")
    assert proc.returncode == 0, proc.stderr
    first, second = json.loads(proc.stdout)
    assert first == {"input": "ＧＢ／Ｔ　２２６０－２００７", "canonical": "GB/T 2260-2007",
                     "level": "national", "nature": "recommended", "prefix": "GB/T",
                     "issuer": None, "number": "2260", "year": 2007, "adopts": None}
    assert second["adopts"] == "ISO/IEC 27001:2013"


def test_code_parse_exits_non_zero_on_any_invalid_input():
    proc = run_cli("code", "parse", "DB33/T 2350-2021", "DB99/T 1-2020", "--json")
    assert proc.returncode == 1
    good, bad = json.loads(proc.stdout)
    assert good["canonical"] == "DB33/T 2350-2021"
    assert "99" in bad["error"] and "canonical" not in bad
