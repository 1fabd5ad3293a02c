"""Under load: mixed public reads against gunicorn while an editor publishes, on PostgreSQL with Redis.

As production runs: a migrated PostgreSQL database with the demo content and 150 synthetic items,
gunicorn with gunicorn.conf.py and the production settings, the cache on Redis (``CACHE_URL``, else the
local server's database 4). Reader threads ask, as fast as the server answers, for lists, details, search,
suggest, resolve, home, feeds and the sitemap in the three languages, keeping their connections open like a
browser or a CDN; an editor's process publishes a new title of one item every second. The readers must see
no error at all (no 5xx, no dropped connection, no unexpected status), and each published title must be
served by the origin within ``CMS_API_MAX_AGE`` seconds of its publish (caches in front may keep an answer
that long; the origin itself is expected to answer with it at once).

``CMS_LOAD_SECONDS`` sets the length of the run (60 by default); the rate held is printed (``-s``), not
asserted: throughput is measured by ``bench/``, under a quiet machine.
"""

import http.client
import json
import os
import random
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from urllib.parse import quote

import pytest

from .conftest import BASE_DIR, production_env, run
from .test_app_server import free_port

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

SECONDS = int(os.environ.get("CMS_LOAD_SECONDS", "60"))
READERS = 8
MAX_AGE = 60

PUBLISHER = """
import json, sys, time
from news.models import NewsPage
page = NewsPage.objects.live().order_by("pk").first()
print(json.dumps({"id": page.pk}), flush=True)
n = 0
deadline = time.monotonic() + float(sys.argv[1])
while time.monotonic() < deadline:
    n += 1
    page = NewsPage.objects.get(pk=page.pk)
    page.title_en = f"Published under load {n}"
    page.save_revision().publish()
    print(json.dumps({"n": n, "at": time.time()}), flush=True)
    time.sleep(1)
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("load")
    name = f"cms_load_{uuid.uuid4().hex[:8]}"
    subprocess.run(["createdb", name], check=True)
    port = free_port()
    env = production_env(
        tmp_path,
        migrate=False,
        DATABASE_URL=f"postgresql:///{name}",
        CACHE_URL=os.environ.get("CACHE_URL") or "redis://127.0.0.1:6379/4",
        CMS_CACHE_KEY_PREFIX=f"load-{name}",
        ALLOWED_HOSTS="127.0.0.1",
        CMS_SSL_REDIRECT="false",
        CMS_API_THROTTLE_RATE="off",
        CMS_API_MAX_AGE=str(MAX_AGE),
        WEB_CONCURRENCY="3",
        PORT=str(port),
    )
    process = None
    try:
        for args in (
            ["migrate", "--noinput", "-v", "0"],
            ["seed_demo", "--volume", "150"],
            ["build_readmodel"],
            ["collectstatic", "--noinput", "-v", "0"],
        ):
            done = run([sys.executable, "manage.py", *args], env, timeout=900)
            assert done.returncode == 0, done.stderr[-3000:]
        log = open(tmp_path / "gunicorn.log", "w+")
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py"],
            cwd=BASE_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
            stdin=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while not _answers(port):
            assert process.poll() is None, (tmp_path / "gunicorn.log").read_text()[-3000:]
            assert time.monotonic() < deadline, "gunicorn did not answer within 60 s"
            time.sleep(0.5)
        yield {"port": port, "env": env, "log": tmp_path / "gunicorn.log"}
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=30)
        subprocess.run(["dropdb", "--if-exists", "--force", name], capture_output=True)


def _answers(port) -> bool:
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        connection.request("GET", "/healthz")
        return connection.getresponse().status == 200
    except OSError:
        return False


def reader_paths(port) -> list[str]:
    """Every public surface in every language, with real ids and paths taken from the API itself."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    paths = []
    for lang in ("ar", "ku", "en"):
        connection.request("GET", f"/api/v1/items/?lang={lang}&limit=20")
        cards = json.loads(connection.getresponse().read())["results"]
        plural = {"news": "news", "statement": "statements", "dialogue_session": "dialogue-sessions"}
        paths += [f"/api/v1/{plural[card['type']]}/{card['id']}/?lang={lang}" for card in cards[:8]]
        paths += [f"/api/v1/resolve/?path={quote(card['path'])}" for card in cards[:4]]
        paths += [
            f"/api/v1/items/?lang={lang}",
            f"/api/v1/news/?lang={lang}&limit=10",
            f"/api/v1/statements/?lang={lang}",
            f"/api/v1/dialogue-sessions/?lang={lang}",
            f"/api/v1/home/?lang={lang}",
            f"/api/v1/site/?lang={lang}",
            f"/api/v1/topics/?lang={lang}",
            f"/feeds/{lang}/all.xml",
        ]
    paths += [
        "/api/v1/search/?q=%D9%88%D8%B1%D8%B4%D8%A9&lang=ar",
        "/api/v1/search/?q=xebat&lang=ku",
        "/api/v1/search/?q=women%27s%20participation&lang=en",
        "/api/v1/search/suggest/?q=wor&lang=en",
        "/sitemap.xml",
    ]
    connection.close()
    return paths


class Readers:
    def __init__(self, port, paths, stop):
        self.port, self.paths, self.stop = port, paths, stop
        self.statuses, self.errors, self.lock = Counter(), [], threading.Lock()

    def work(self, seed):
        rng = random.Random(seed)
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        while not self.stop.is_set():
            path = rng.choice(self.paths)
            try:
                connection.request("GET", path, headers={"Accept-Encoding": "gzip"})
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as error:
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                status, path = type(error).__name__, f"{path} ({error})"
            with self.lock:
                self.statuses[status] += 1
                if status != 200:
                    self.errors.append((status, path))
        connection.close()


def watch(port, page_id, stop, seen):
    """When each published title is first served by the origin (the detail, in English)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while not stop.is_set():
        try:
            connection.request("GET", f"/api/v1/news/{page_id}/?lang=en")
            response = connection.getresponse()
            body = response.read()
            title = json.loads(body)["title"]
        except Exception as error:  # recorded: a watcher that stopped would look like a title never served
            seen.setdefault("errors", []).append(f"{type(error).__name__}: {error}")
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            time.sleep(0.05)
            continue
        if title.startswith("Published under load "):
            seen.setdefault(int(title.rsplit(" ", 1)[1]), time.time())
        seen["last"] = title
        time.sleep(0.05)
    connection.close()


def test_a_minute_of_mixed_reads_while_an_editor_publishes(server):
    port = server["port"]
    paths = reader_paths(port)
    stop, seen = threading.Event(), {}
    readers = Readers(port, paths, stop)
    publisher = subprocess.Popen(
        [
            sys.executable,
            "-c",
            'import django, os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")\n'
            "django.setup()\n" + PUBLISHER,
            str(SECONDS),
        ],
        cwd=BASE_DIR,
        env=server["env"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    page_id = json.loads(publisher.stdout.readline())["id"]
    threads = [threading.Thread(target=readers.work, args=(n,)) for n in range(READERS)]
    threads.append(threading.Thread(target=watch, args=(port, page_id, stop, seen)))
    started = time.monotonic()
    for thread in threads:
        thread.start()
    out, err = publisher.communicate(timeout=SECONDS + 120)
    assert publisher.returncode == 0, err[-3000:]
    published = {line["n"]: line["at"] for line in map(json.loads, out.splitlines()) if "n" in line}
    deadline = time.time() + MAX_AGE  # the readers go on until the last title is served (or the max-age ends)
    while published and max(published) not in seen and time.time() < deadline:
        time.sleep(0.2)
    stop.set()
    for thread in threads:
        thread.join(timeout=60)
    elapsed = time.monotonic() - started

    total = sum(readers.statuses.values())
    delays = sorted(seen[n] - at for n, at in published.items() if n in seen)
    print(
        f"\nunder load: {total} reads in {elapsed:.0f} s ({total / elapsed:.0f} req/s, {READERS} connections, "
        f"{len(paths)} addresses), {len(published)} publishes, statuses {dict(readers.statuses)}, "
        f"publish-to-origin delay max {max(delays, default=0) * 1000:.0f} ms"
    )
    assert readers.errors == [], readers.errors[:20]
    assert len(published) >= 3 and total > len(paths)
    # The last title is served, and none was served later than the max-age after its publish; titles
    # replaced within the watcher's polling interval may never be seen, which is fine.
    assert seen.get("errors", []) == [], seen["errors"][:5]
    assert max(published) in seen, seen.get("last")
    assert max(delays) <= MAX_AGE
