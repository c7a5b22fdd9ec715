import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings


def test_production_settings_pass_check_deploy():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "desaku.settings_production",
           "SECRET_KEY": "k" * 20 + "production-secret-0123456789-abcdefghijklmnop",
           "ALLOWED_HOSTS": "desaku.malangkota.go.id", "FIELD_ENCRYPTION_KEYS": "a" * 43 + "=",
           "BLIND_INDEX_KEY": "b" * 40}
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            cwd=Path(settings.BASE_DIR), env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_refuse_to_start_without_secrets():
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "FIELD_ENCRYPTION_KEYS")}
    env["DJANGO_SETTINGS_MODULE"] = "desaku.settings_production"
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=Path(settings.BASE_DIR), env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0 and "must be set in production" in result.stderr
