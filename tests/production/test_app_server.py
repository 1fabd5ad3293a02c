"""The app server as production runs it: gunicorn with gunicorn.conf.py, static files through WhiteNoise with
hashed names, JSON logs, ``/healthz``.

Under gunicorn the static files (Swagger UI, admin CSS) used to be 404. Here ``collectstatic`` fills a fresh
STATIC_ROOT, gunicorn starts on a free local port with the production settings, and a client asks what a
browser and a load balancer would.
"""

import http.client
import json
import re
import socket
import subprocess
import sys
import time

import pytest

from .conftest import BASE_DIR, run

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port, path, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers={"Host": "127.0.0.1", **(headers or {})})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from .conftest import production_env

    tmp_path = tmp_path_factory.mktemp("serve")
    port = free_port()
    env = production_env(
        tmp_path,
        ALLOWED_HOSTS="127.0.0.1",
        CMS_SSL_REDIRECT="false",
        WEB_CONCURRENCY="2",
        PORT=str(port),
    )
    collected = run([sys.executable, "manage.py", "collectstatic", "--noinput"], env, timeout=600)
    assert collected.returncode == 0, collected.stderr[-3000:]
    stdout, stderr = open(tmp_path / "out.log", "w+"), open(tmp_path / "err.log", "w+")
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py"],
        cwd=BASE_DIR,
        env=env,
        stdout=stdout,
        stderr=stderr,
        stdin=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if get(port, "/healthz")[0].status == 200:
                    break
            except OSError:
                pass
            assert process.poll() is None, open(tmp_path / "err.log").read()[-3000:]
            assert time.monotonic() < deadline, "gunicorn did not answer within 60 s"
            time.sleep(0.5)
        yield {"port": port, "stdout": tmp_path / "out.log", "stderr": tmp_path / "err.log", "process": process}
    finally:
        process.terminate()
        process.wait(timeout=30)
        stdout.close()
        stderr.close()


def test_healthz_under_gunicorn(server):
    response, body = get(server["port"], "/healthz")
    assert response.status == 200
    assert json.loads(body) == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}, **_duration(body)}


def _duration(body):
    return {"duration_ms": json.loads(body)["duration_ms"]}


def test_static_files_are_served_with_hashed_names_compressed_and_cached_for_long(server):
    response, body = get(server["port"], "/api/v1/docs/")
    assert response.status == 200
    scripts = re.findall(r'<script src="(/static/[^"]+)"', body.decode())
    bundle = next(src for src in scripts if "swagger-ui-bundle" in src)
    assert re.search(r"swagger-ui-bundle\.[0-9a-f]{12}\.js$", bundle), bundle
    static, content = get(server["port"], bundle, {"Accept-Encoding": "gzip"})
    assert static.status == 200
    assert static.getheader("Content-Encoding") == "gzip"
    assert "immutable" in static.getheader("Cache-Control")
    assert len(content) > 1000
    # The admin's stylesheets too.
    css, _ = get(server["port"], _hashed_admin_css(server))
    assert css.status == 200


def _hashed_admin_css(server):
    manifest = json.loads((server["stdout"].parent / "static" / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"]["wagtailadmin/css/core.css"]


def test_api_answers_under_gunicorn_with_security_headers(server):
    response, body = get(server["port"], "/api/v1/languages/")
    assert response.status == 200
    assert json.loads(body)["source"] == "ar"
    assert response.getheader("X-Frame-Options") == "DENY"
    assert "default-src 'none'" in response.getheader("Content-Security-Policy")
    assert response.getheader("X-Content-Type-Options") == "nosniff"


def test_the_access_log_is_one_json_object_a_line(server):
    get(server["port"], "/api/v1/languages/?lang=en")
    time.sleep(0.5)
    lines = [json.loads(line) for line in server["stdout"].read_text().splitlines() if line.strip()]
    entry = next(line for line in lines if line.get("path") == "/api/v1/languages/" and line.get("query") == "lang=en")
    assert entry["logger"] == "gunicorn.access" and entry["method"] == "GET" and entry["status"] == 200
    assert isinstance(entry["duration_us"], int)
    errors = [json.loads(line) for line in server["stderr"].read_text().splitlines() if line.strip()]
    assert any(line["logger"] == "gunicorn.error" and "Booting worker" in line["message"] for line in errors)


def test_django_logs_are_json_too(server):
    """Django's own warnings (here a 400 of the API) reach standard error as JSON objects."""
    response, _ = get(server["port"], "/api/v1/languages/?lang=xx")
    assert response.status == 400
    time.sleep(0.5)
    errors = [json.loads(line) for line in server["stderr"].read_text().splitlines() if line.strip()]
    entry = next(line for line in errors if line["logger"] == "django.request")
    assert entry["level"] == "WARNING" and entry["status"] == 400
    assert entry["path"] == "/api/v1/languages/" and entry["method"] == "GET"
