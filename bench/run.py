"""Delivery benchmark: our API against Wagtail's own API v2 and v3 on the same database, under gunicorn,
driven by wrk, alternating in the same run; writes ``bench/results/<date>.md``.

    make bench                          # 2,000 items, SQLite and PostgreSQL, growth 1,000 -> 10,000
    make bench BENCH_ARGS=--quick       # CI: 300 items, SQLite, short runs, no growth
    .venv/bin/python bench/run.py --items 2000 --growth 1000,10000,100000

For each database: a fresh database (``bench/.data/`` for SQLite, ``cms_bench`` on the local PostgreSQL
socket), ``seed_demo --volume N`` (trilingual items with topics and places), demo images set as the
synthetic items' main images, renditions, Wagtail's search index (for v2 search), our stored documents
(``build_readmodel``). Two gunicorn servers (2 sync workers each) serve ``bench.settings`` on loopback:
one with the response cache off (our stored-document path; Wagtail's views are not cached by us either)
and one with it on (cache hits, 304s). Each case runs wrk (1 thread, 4 connections) for ``--duration``
seconds per side, sides alternating, ``--passes`` times. SQL queries per request are counted in-process
(Django's test client) on the same database. A worker's peak memory is its ``VmHWM``.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / ".data"
RESULTS = ROOT / "bench" / "results"
PYTHON = sys.executable
WRK = os.environ.get("WRK", "/usr/bin/wrk")
PORT_PLAIN, PORT_CACHED = 8711, 8712

ASSIGN_IMAGES = """
from wagtail.images import get_image_model
from news.selectors import ITEM_TYPES
images = list(get_image_model().objects.order_by("pk").values_list("pk", flat=True))
for model in ITEM_TYPES.values():
    ids = list(model.objects.filter(main_image__isnull=True).order_by("pk").values_list("pk", flat=True))
    for n, image in enumerate(images):
        model.objects.filter(pk__in=ids[n :: len(images)]).update(main_image_id=image)
print("images:", len(images))
"""


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def manage(env, *args, quiet=True) -> str:
    started = time.monotonic()
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}")
    if args[0] != "shell" or len(args[-1]) < 500:
        log(f"manage.py {args[0]}: {time.monotonic() - started:.0f} s")
    return result.stdout


def prepare(database: str, items: int, *, wagtail_index: bool = True, reuse: bool = False) -> dict:
    """A fresh database of ``items`` synthetic items plus the demo content; returns the environment. With
    ``reuse``, a database this function finished before (its ``.ready`` marker) is only migrated (its stored
    documents are those of that run): seeding 100,000 items takes most of an hour."""
    DATA.mkdir(exist_ok=True)
    media = DATA / f"media-{database}-{items}"
    marker = DATA / f"bench-{database}-{items}-{int(wagtail_index)}.ready"
    if database == "sqlite":
        path = DATA / f"bench-{items}.sqlite3"
        url = f"sqlite:///{path}"
    else:
        name = f"cms_bench_{items}"
        url = f"postgresql:///{name}"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "MEDIA_ROOT": str(media),
        "PYTHONPATH": str(ROOT),
    }
    if reuse and marker.exists():
        manage(env, "migrate", "--noinput")
        log(f"{database}: {items} items reused")
        return env
    marker.unlink(missing_ok=True)
    if database == "sqlite":
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    else:
        subprocess.run(["dropdb", "--if-exists", name], check=True)
        subprocess.run(["createdb", name], check=True)
    started = time.monotonic()
    manage(env, "migrate", "--noinput")
    manage(env, "seed_demo", "--volume", str(items))
    manage(env, "shell", "-c", ASSIGN_IMAGES)
    manage(env, "generate_renditions")
    if wagtail_index:
        manage(env, "update_index")
    manage(env, "build_readmodel")
    marker.write_text("ready\n")
    log(f"{database}: {items} items ready in {time.monotonic() - started:.0f} s")
    return env


class Server:
    """gunicorn on loopback with 2 sync workers (the issue's setting)."""

    def __init__(self, env: dict, port: int, response_cache: bool):
        self.port = port
        env = {**env, "CMS_API_RESPONSE_CACHE": "1" if response_cache else "0"}
        self.process = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "cms.wsgi:application",
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        for _ in range(100):
            try:
                urllib.request.urlopen(self.url("/bench/trivial/"), timeout=2).read()
                return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise SystemExit(f"gunicorn on port {port} did not start")

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def worker_peak_kib(self) -> int:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        peaks = []
        for pid in children:
            status = Path(f"/proc/{pid}/status").read_text()
            found = re.search(r"VmHWM:\s+(\d+) kB", status)
            if found:
                peaks.append(int(found.group(1)))
        return max(peaks) if peaks else 0

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()


def _ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(url: str, duration: int, headers: dict | None = None) -> dict:
    command = [WRK, "-t1", "-c4", f"-d{duration}s", "--latency", "--timeout", "10s"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = re.search(r"50%\s+([\d.]+)(us|ms|s)", output)
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", output)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": rps,
        "p50": _ms(*p50.groups()),
        "p99": _ms(*p99.groups()),
        "errors": int(errors.group(1)) if errors else 0,
    }


def fetch(url: str, headers: dict | None = None) -> tuple[int, bytes, dict]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


QUERY_COUNTER = """
import json
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
import time
result = {}
client = Client()
for name, (path, cached, conditional) in json.loads(PATHS).items():
    with override_settings(CMS_API_RESPONSE_CACHE=cached):
        first = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
        headers = {"HTTP_ACCEPT_LANGUAGE": "en"}
        if conditional and first.get("ETag"):
            headers["HTTP_IF_NONE_MATCH"] = first["ETag"]
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, **headers)
        counted = len(queries)  # now: the requests below may rotate the connection's query log
        started, rounds = time.process_time(), 0
        while time.process_time() - started < 1.0:
            client.get(path, **headers)
            rounds += 1
        cpu_ms = (time.process_time() - started) * 1000 / rounds
    result[name] = [response.status_code, counted, cpu_ms]
print("QUERIES=" + json.dumps(result))
"""


def count_queries(env: dict, paths: dict) -> dict:
    code = QUERY_COUNTER.replace("json.loads(PATHS)", f"json.loads({json.dumps(json.dumps(paths))})")
    output = manage(env, "shell", "-c", code)
    return json.loads(output.split("QUERIES=", 1)[1])


def pick_ids(base: str) -> dict:
    """A news item to show in detail (ours and Wagtail's share ids) and its frontend path."""
    _, body, _ = fetch(base + "/api/v1/news/?lang=en&limit=1")
    item = json.loads(body)["results"][0]
    return {"id": item["id"], "path": item["path"]}


def cases(item: dict) -> list[tuple[str, str, str, str]]:
    """``(case, side, server, path)``; server ``plain`` (no response cache) or ``cached``."""
    pk = item["id"]
    v2_cards = "type=news.NewsPage&fields=title,slug,date,summary,main_image_small,topics&limit=20"
    return [
        ("list of 20 (en)", "ours", "plain", "/api/v1/news/?lang=en&limit=20"),
        ("list of 20 (en)", "v2 same fields", "plain", f"/api/v2/pages/?{v2_cards}"),
        ("list of 20 (en)", "v2 fields=*", "plain", "/api/v2/pages/?type=news.NewsPage&fields=*&limit=20"),
        ("list of 20 (en)", "v3", "plain", "/api/v3/pages/?type=news.NewsPage&limit=20"),
        ("detail (en)", "ours", "plain", f"/api/v1/news/{pk}/?lang=en"),
        ("detail (en)", "v2", "plain", f"/api/v2/pages/{pk}/"),
        ("detail (en)", "v3", "plain", f"/api/v3/pages/{pk}/"),
        ("search workshop (en)", "ours", "plain", "/api/v1/search/?q=workshop&lang=en"),
        ("search workshop (en)", "v2", "plain", "/api/v2/pages/?search=workshop&type=news.NewsPage"),
        ("304 (If-None-Match)", "ours", "cached", "/api/v1/news/?lang=en&limit=20"),
        ("304 (If-None-Match)", "trivial view", "cached", "/bench/trivial/"),
        ("cache hit (list)", "ours", "cached", "/api/v1/news/?lang=en&limit=20"),
        ("cache hit (list)", "trivial view", "cached", "/bench/trivial/"),
    ]


def run_database(database: str, items: int, duration: int, passes: int, reuse: bool = False) -> dict:
    env = prepare(database, items, reuse=reuse)
    servers = {"plain": Server(env, PORT_PLAIN, False), "cached": Server(env, PORT_CACHED, True)}
    try:
        item = pick_ids(servers["plain"].url(""))
        plan = cases(item)
        info = {}
        for case, side, server, path in plan:
            url = servers[server].url(path)
            headers = {"Accept-Language": "en"}
            status, body, response_headers = fetch(url, headers)
            if case.startswith("304"):
                etag = response_headers.get("ETag")
                if etag:
                    headers["If-None-Match"] = etag
                status, body, _ = fetch(url, headers)
            info[(case, side)] = {"status": status, "bytes": len(body), "headers": headers, "url": url}
            wrk(url, 1, headers)  # warm-up
        runs = {key: [] for key in info}
        for number in range(passes):
            log(f"{database}: pass {number + 1}/{passes}")
            for case, side, _, _ in plan:
                meta = info[(case, side)]
                runs[(case, side)].append(wrk(meta["url"], duration, meta["headers"]))
        paths = {
            f"{case}|{side}": (path, server == "cached", case.startswith("304")) for case, side, server, path in plan
        }
        queries = count_queries(env, paths)
        memory = max(server.worker_peak_kib() for server in servers.values())
    finally:
        for server in servers.values():
            server.stop()
    return {"database": database, "items": items, "info": info, "runs": runs, "queries": queries, "memory": memory}


def run_growth(sizes: list[int], duration: int, reuse: bool = False) -> list[dict]:
    rows = []
    for size in sizes:
        env = prepare("sqlite", size, wagtail_index=False, reuse=reuse)
        server = Server(env, PORT_PLAIN, False)
        try:
            item = pick_ids(server.url(""))
            paths = {
                "list": "/api/v1/news/?lang=en&limit=20",
                "detail": f"/api/v1/news/{item['id']}/?lang=en",
                "search": "/api/v1/search/?q=workshop&lang=en",
            }
            result = {"items": size}
            for name, path in paths.items():
                wrk(server.url(path), 1, {"Accept-Language": "en"})
                result[name] = wrk(server.url(path), duration, {"Accept-Language": "en"})
            result["memory"] = server.worker_peak_kib()
            rows.append(result)
            log(f"growth {size}: done")
        finally:
            server.stop()
    return rows


# -- report ---------------------------------------------------------------------------------------------------

TARGETS = {
    ("list of 20 (en)", "v2 same fields"): 5.0,
    ("list of 20 (en)", "v3"): 2.0,
    ("detail (en)", "v2"): 3.0,
    ("detail (en)", "v3"): 2.0,
    ("search workshop (en)", "v2"): 20.0,
    ("304 (If-None-Match)", "trivial view"): 0.8,
    ("cache hit (list)", "trivial view"): 0.5,
}


def _range(values) -> str:
    low, high = min(values), max(values)
    return f"{low:.0f}" if round(low) == round(high) else f"{low:.0f}–{high:.0f}"


def _median(values):
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def machine() -> str:
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1)) // 1024
    load = os.getloadavg()
    return (
        f"{os.cpu_count()} CPU(s) ({cpu}), {memory} MiB RAM, {platform.platform()}, Python "
        f"{platform.python_version()}; load average at the end {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    )


def report(results: list[dict], growth: list[dict], args) -> str:
    lines = [
        f"# Delivery benchmark, {datetime.date.today().isoformat()}",
        "",
        f"Machine: {machine()}.",
        "",
        f"Command: `make bench` (`bench/run.py {' '.join(sys.argv[1:])}`): {args.items} items, gunicorn 2 sync "
        f"workers, wrk 1 thread 4 connections, {args.duration} s per run, {args.passes} pass(es), sides "
        "alternating. Ours: stored documents with the response cache off (`plain`), except the 304 and cache-hit "
        "rows. SQL queries per request counted in-process on the same database.",
        "",
    ]
    for result in results:
        lines += [
            f"## {result['database']} — {result['items']} items",
            "",
            "| case | side | req/s | p50 ms | p99 ms | SQL/req | CPU ms/req | bytes | ours/side (req/s) | "
            "ours/side (CPU) | target |",
            "|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        runs, info = result["runs"], result["info"]
        ours = {case: runs[(case, "ours")] for case, side in runs if side == "ours"}
        for (case, side), measured in runs.items():
            rps = [m["rps"] for m in measured]
            ratio = target = ""
            if side != "ours":
                ratio_value = _median([m["rps"] for m in ours[case]]) / max(_median(rps), 0.001)
                ratio = f"{ratio_value:.2f}×" if _median(rps) > 0 else "—"
                wanted = TARGETS.get((case, side))
                if wanted is not None:
                    verdict = "met" if ratio_value >= wanted else f"missed ({ratio_value / wanted:.0%} of it)"
                    target = f"≥ {wanted}× — {verdict}"
            queries = result["queries"].get(f"{case}|{side}")
            status = info[(case, side)]["status"]
            cpu_ratio = ""
            if side != "ours" and queries and result["queries"].get(f"{case}|ours"):
                cpu_ratio = f"{queries[2] / max(result['queries'][f'{case}|ours'][2], 0.001):.2f}×"
            lines.append(
                f"| {case} | {side} | {_range(rps)} | {_median([m['p50'] for m in measured]):.1f} | "
                f"{_median([m['p99'] for m in measured]):.1f} | {queries[1] if queries else '—'} | "
                f"{queries[2] if queries else 0:.2f} | {info[(case, side)]['bytes']} (HTTP {status}) | {ratio} | "
                f"{cpu_ratio} | {target} |"
            )
        lines += ["", f"A worker's peak memory: {result['memory'] / 1024:.0f} MiB.", ""]
    if growth:
        base = growth[0]
        lines += [
            "## Growth (SQLite, ours, p50 ms and ratio to the smallest)",
            "",
            "| items | list p50 | detail p50 | search p50 | worker peak MiB |",
            "|---|---|---|---|---|",
        ]
        for row in growth:
            cells = [
                f"{row[name]['p50']:.1f} ({row[name]['p50'] / max(base[name]['p50'], 0.001):.2f}×)"
                for name in ("list", "detail", "search")
            ]
            lines.append(f"| {row['items']} | {' | '.join(cells)} | {row['memory'] / 1024:.0f} |")
        lines.append("")
    lines += [
        "Targets (issue 10): list ≥ 5× v2 same fields and ≥ 2× v3; detail ≥ 3× v2 and ≥ 2× v3; search ≥ 20× v2;",
        "304 ≥ 0.8× and cache hit ≥ 0.5× the trivial view; latency at 100,000 ≤ 1.5× that at 1,000; worker ≤ 200 MB.",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="CI: 300 items, SQLite, 2 s runs, one pass, no growth")
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--duration", type=int, default=5)
    parser.add_argument("--passes", type=int, default=2)
    parser.add_argument("--growth", default="1000,10000", help="comma-separated sizes, or '' for none")
    parser.add_argument("--output", default="")
    parser.add_argument("--reuse", action="store_true", help="reuse databases an earlier run finished (only migrated)")
    args = parser.parse_args()
    if args.quick:
        args.items, args.databases, args.duration, args.passes, args.growth = 300, "sqlite", 2, 1, ""
    results = [
        run_database(name, args.items, args.duration, args.passes, args.reuse)
        for name in args.databases.split(",")
        if name.strip()
    ]
    sizes = [int(size) for size in args.growth.split(",") if size.strip()]
    growth = run_growth(sizes, args.duration, args.reuse) if sizes else []
    text = report(results, growth, args)
    RESULTS.mkdir(exist_ok=True)
    output = Path(args.output) if args.output else RESULTS / f"{datetime.date.today().isoformat()}.md"
    output.write_text(text)
    print(text)
    log(f"written to {output}")


if __name__ == "__main__":
    main()
