"""Deployment settings pass Django's own checks; secrets and data files stay private."""

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage

from stdhub.core.files import read_or_create_private, write_private

# The production block of README.md's Configuration section.
PRODUCTION = {
    "STDHUB_HTTPS": "1",
    "STDHUB_PROXY_SSL_HEADER": "X-Forwarded-Proto",
    "STDHUB_ALLOWED_HOSTS": "std.example.gov.cn",
    "STDHUB_CSRF_TRUSTED_ORIGINS": "https://std.example.gov.cn",
}


def stdhub(*args, data_dir: Path, **env):
    """``python -m stdhub ARGS`` on its own SQLite data folder, with only ``env`` configured."""
    base = {k: v for k, v in os.environ.items()
            if not k.startswith("STDHUB_") and k != "DJANGO_SETTINGS_MODULE"}
    return subprocess.run([sys.executable, "-m", "stdhub", *args], capture_output=True,
                          text=True, timeout=300,
                          env={**base, "STDHUB_DATA_DIR": str(data_dir), **env})


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def readme_production_block() -> str:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    return readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]


def test_readme_documents_the_production_settings():
    block = readme_production_block()
    for name, value in PRODUCTION.items():
        assert f"{name}={value}" in block, name


def test_check_deploy_is_clean_with_the_production_settings(tmp_path):
    proc = stdhub("check", "--deploy", "--fail-level", "WARNING", data_dir=tmp_path, **PRODUCTION)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "no issues" in proc.stdout


def test_check_deploy_warns_without_https(tmp_path):
    proc = stdhub("check", "--deploy", "--fail-level", "WARNING", data_dir=tmp_path)
    assert proc.returncode != 0
    for code in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert code in proc.stderr + proc.stdout, code


def test_https_settings_follow_the_environment(tmp_path):
    script = ("from django.conf import settings as s; print(s.SESSION_COOKIE_SECURE, "
              "s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, "
              "s.SECURE_PROXY_SSL_HEADER, s.CSRF_TRUSTED_ORIGINS, s.ALLOWED_HOSTS)")
    on = stdhub("shell", "-c", script, data_dir=tmp_path, **PRODUCTION, STDHUB_HSTS_SECONDS="600")
    assert on.stdout.strip().splitlines()[-1] == (
        "True True True 600 ('HTTP_X_FORWARDED_PROTO', 'https') "
        "['https://std.example.gov.cn'] ['std.example.gov.cn']"), on.stderr
    off = stdhub("shell", "-c", "from django.conf import settings as s; "
                 "print(s.SESSION_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, s.ALLOWED_HOSTS)",
                 data_dir=tmp_path)
    assert (off.stdout.strip().splitlines()[-1]
            == "False 0 ['localhost', '127.0.0.1', '[::1]']"), off.stderr


@pytest.mark.django_db
def test_a_forged_host_is_refused(client):
    assert client.get("/api/v1/", HTTP_HOST="evil.example").status_code == 400
    assert client.get("/api/v1/", HTTP_HOST="localhost").status_code == 200


def test_init_keeps_the_generated_password_out_of_the_log_and_files_private(tmp_path):
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    data.chmod(0o755)  # as a careless operator made it: init takes others' access away
    proc = stdhub("init", data_dir=data)
    assert proc.returncode == 0, proc.stderr
    password_file = data / "admin_password.txt"
    username, password = password_file.read_text().split()
    assert username == "admin" and len(password) >= 20
    assert password not in proc.stdout + proc.stderr
    assert str(password_file) in proc.stdout
    assert mode(data) == 0o700
    for name in ("admin_password.txt", "secret_key"):
        assert mode(data / name) == 0o600, name
    assert mode(data / "stdhub.sqlite3") & 0o077 == 0
    assert not list(data.glob(".*.tmp"))  # no temporary file left behind


@pytest.mark.parametrize("weak", ["1", "password", "20261130123"])
def test_a_weak_admin_password_is_refused_before_anything_is_written(tmp_path, weak):
    proc = stdhub("init", data_dir=tmp_path, STDHUB_ADMIN_PASSWORD=weak)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "STDHUB_ADMIN_PASSWORD is refused" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "stdhub.sqlite3").exists()


def test_private_files_are_created_0600_whatever_the_umask(tmp_path):
    old = os.umask(0)
    try:
        key = read_or_create_private(tmp_path / "secret_key", lambda: "first")
        again = read_or_create_private(tmp_path / "secret_key", lambda: "second")
        loose = tmp_path / "admin_password.txt"
        loose.write_text("old")
        loose.chmod(0o644)
        write_private(loose, "admin\nnew\n")
    finally:
        os.umask(old)
    assert (key, again) == ("first", "first")
    assert mode(tmp_path / "secret_key") == 0o600
    assert mode(loose) == 0o600 and loose.read_text() == "admin\nnew\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["admin_password.txt", "secret_key"]


def test_processes_racing_for_the_secret_key_agree(tmp_path):
    script = ("import sys; from pathlib import Path; from stdhub.core.files import "
              "read_or_create_private as r; import secrets; "
              "print(r(Path(sys.argv[1]), lambda: secrets.token_hex(16)))")
    procs = [subprocess.Popen([sys.executable, "-c", script, str(tmp_path / "secret_key")],
                              stdout=subprocess.PIPE, text=True) for _ in range(6)]
    keys = {p.communicate(timeout=60)[0].strip() for p in procs}
    assert len(keys) == 1 and len(keys.pop()) == 32


def test_uploaded_files_and_their_folders_are_private(tmp_path, settings):
    storage = FileSystemStorage(location=tmp_path / "media")
    name = storage.save("datasets/2026/upload.csv", ContentFile(b"a,b\n1,2\n"))
    assert mode(Path(storage.path(name))) == 0o600
    assert mode(tmp_path / "media" / "datasets" / "2026") == 0o700
