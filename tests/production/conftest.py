"""Helpers for the production suite: Django in a child process with exactly the environment an operator sets.

Settings are read once per process from the environment, so what production does with a given environment is
seen only in a process of its own: ``django_child`` runs a snippet there and returns what it prints as JSON.
"""

import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# The variables README.md's "Production" section lists as the minimum for a deployment.
STRONG_KEY = "k" + secrets.token_urlsafe(64)


_migrated = {}


def migrated_database() -> Path:
    """A SQLite file migrated once per run (as ``make serve`` migrates before serving); each test copies it."""
    if "path" not in _migrated:
        path = Path(tempfile.mkdtemp(prefix="cms-prod-db-")) / "cms.sqlite3"
        env = production_env(path.parent, migrate=False)
        result = run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], env, timeout=600)
        assert result.returncode == 0, result.stderr[-3000:]
        _migrated["path"] = path
    return _migrated["path"]


def production_env(tmp_path, migrate=True, **extra) -> dict:
    """A clean environment (no DJANGO_SETTINGS_MODULE: the default must be production) plus the documented
    production variables, on a migrated copy of the database in ``tmp_path``."""
    if migrate and not (tmp_path / "cms.sqlite3").exists():
        shutil.copyfile(migrated_database(), tmp_path / "cms.sqlite3")
    keep = {name: os.environ[name] for name in ("PATH", "HOME", "LANG", "PYTHONPATH") if name in os.environ}
    env = {
        **keep,
        "SECRET_KEY": STRONG_KEY,
        "ALLOWED_HOSTS": "cms.example.org",
        "CSRF_TRUSTED_ORIGINS": "https://cms.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'cms.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "STATIC_ROOT": str(tmp_path / "static"),
        "WAGTAILADMIN_BASE_URL": "https://cms.example.org",
        "CMS_FRONTEND_URL": "https://www.example.org",
    }
    env.update({key: value for key, value in extra.items() if value is not None})
    for key, value in extra.items():
        if value is None:
            env.pop(key, None)
    return env


def run(args, env, timeout=120):
    return subprocess.run(
        args, cwd=BASE_DIR, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=timeout
    )


def django_child(code: str, env: dict, timeout=120):
    """Run ``code`` after ``django.setup()`` in a new interpreter; the last line it prints is parsed as JSON."""
    script = (
        'import os, json\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")\n'
        "import django\ndjango.setup()\n" + code
    )
    result = run([sys.executable, "-c", script], env, timeout=timeout)
    assert result.returncode == 0, result.stderr[-4000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def prod_env(tmp_path):
    return lambda **extra: production_env(tmp_path, **extra)
