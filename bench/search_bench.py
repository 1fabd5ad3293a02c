"""Search benchmark: ``/api/v1/search/`` and ``/api/v1/search/suggest/`` against Wagtail's own API v2 search
(``/api/v2/pages/?search=``) on the same data, served by gunicorn and loaded by wrk, on SQLite or PostgreSQL.

One line per run (from the repository root; the machine should be quiet, the load average is recorded):

    .venv/bin/python bench/search_bench.py --database sqlite --items 10000
    .venv/bin/python bench/search_bench.py --database postgresql --items 10000

What it does:

1. a database with the demo content plus ``--items`` synthetic items (``seed_demo --volume``), built once and
   kept (``bench/.data/search-<items>.sqlite3`` or the PostgreSQL database ``cms_bench_<items>``; ``--fresh``
   builds it again), migrated to the current code, its stored documents built (``build_readmodel``);
2. the project's index rebuilt (``rebuild_search_index``, timed: entries per second) and Wagtail's
   (``update_index``, built once with the database);
3. gunicorn (``--workers``, default 2) serving ``bench.settings`` (the test settings plus Wagtail's API v2),
   with the response cache off so that every request searches, each worker replaced after
   ``--max-requests`` requests as in production (``gunicorn.conf.py``: 2,000; ``0``: never). At the
   benchmark's hundreds of requests per second that is every few seconds, and wrk, which accounts for the
   requests a stalled server would have delayed, turns each worker's start into a tail of slow requests:
   compare with ``--max-requests 0`` to tell the search's own tail from the workers' starts;
4. for each endpoint, wrk (``/usr/bin/wrk``, ``--connections`` open connections, ``--duration`` seconds after a
   warm-up) cycling through the same query texts: the relevance set's 232 queries plus the common words of
   ``QUERIES`` for search and Wagtail; title prefixes as typed for suggest;
5. results in ``bench/results/search-<date>-<database>-<items>.json`` and, for every run of that date, the
   table in ``bench/results/search-<date>.md``.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DATA = ROOT / "bench" / ".data"
PYTHON = sys.executable
WRK = "/usr/bin/wrk"

# Common words (thousands of matches at 10,000 items) on top of the relevance set.
QUERIES = [
    ("ar", "ورشة"),
    ("ar", "المدرسة"),
    ("ar", "حقوق الانسان"),
    ("ar", "الأمان النفسي"),
    ("ku", "Kargeh"),
    ("ku", "mafên mirovan"),
    ("ku", "Qamislo"),
    ("en", "workshop"),
    ("en", "human rights"),
    ("en", "displaced persons"),
]
SUGGEST = [
    ("ar", "ورش"),
    ("ar", "جلسة حو"),
    ("ar", "بيان بش"),
    ("ar", "مشاركة الم"),
    ("ku", "Atoly"),
    ("ku", "Rûniştineke di"),
    ("ku", "beşdariya j"),
    ("en", "Works"),
    ("en", "Dialogue se"),
    ("en", "Statement on hu"),
    ("en", "women"),
    ("en", "advocacy m"),
]

ENDPOINTS = (("search", "/api/v1/search/"), ("suggest", "/api/v1/search/suggest/"), ("wagtail", "Wagtail API v2"))

_LUA = """
local paths = {%s}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %%f %%f %%f %%f %%d %%d %%d\\n", latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.mean / 1000, summary.requests,
    e.status + e.connect + e.read + e.write + e.timeout, summary.duration))
end
"""


def relevance_queries() -> list[tuple[str, str]]:
    data = json.loads((ROOT / "tests" / "search" / "relevance.json").read_text(encoding="utf-8"))
    return [(case["lang"], case["q"]) for case in data["queries"]]


def database_url(database: str, items: int) -> str:
    if database == "sqlite":
        return f"sqlite:///{DATA / f'search-{items}.sqlite3'}"
    return f"postgresql:///cms_bench_{items}"


def manage(env, *args) -> float:
    started = time.perf_counter()
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def prepare(database: str, items: int, fresh: bool, env: dict) -> dict:
    """The database with its content and Wagtail's index (built once), migrated to the current code."""
    timings = {}
    marker = DATA / f"search-{database}-{items}.ready"
    if fresh or not marker.exists():
        DATA.mkdir(exist_ok=True)
        if database == "sqlite":
            for suffix in ("", "-journal", "-wal", "-shm"):
                Path(f"{DATA / f'search-{items}.sqlite3'}{suffix}").unlink(missing_ok=True)
        else:
            name = f"cms_bench_{items}"
            subprocess.run(["dropdb", "--if-exists", name], check=True)
            subprocess.run(["createdb", name], check=True)
        timings["migrate"] = manage(env, "migrate", "--noinput", "-v0")
        timings["seed"] = manage(env, "seed_demo", f"--volume={items}")
        timings["wagtail index"] = manage(env, "update_index", "-v0")
        timings["stored documents"] = manage(env, "build_readmodel")
        if database == "postgresql":  # as autovacuum would leave a live site's tables: planner figures, no dead rows
            subprocess.run(["psql", "-d", f"cms_bench_{items}", "-qc", "VACUUM ANALYZE"], check=True)
        marker.write_text("ok")
    else:
        timings["migrate"] = manage(env, "migrate", "--noinput", "-v0")
    return timings


def rebuild(env: dict) -> dict:
    out = subprocess.run(
        [PYTHON, "manage.py", "rebuild_search_index"], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout
    entries, seconds = re.search(r"Indexed (\d+) entries in ([\d.]+)s", out).groups()
    return {"entries": int(entries), "seconds": float(seconds), "entries_per_s": int(entries) / float(seconds)}


def load(url: str, paths: list[str], connections: int, duration: int) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(_LUA % ",".join(json.dumps(path) for path in paths))
    try:
        command = [WRK, "-t1", f"-c{connections}", f"-s{script.name}", url]
        subprocess.run([*command, "-d3s"], check=True, capture_output=True)  # warm-up
        out = subprocess.run([*command, f"-d{duration}s"], check=True, capture_output=True, text=True).stdout
    finally:
        os.unlink(script.name)
    p50, p95, p99, mean, requests, errors, micros = re.search(r"RESULT (.*)", out).group(1).split()
    return {
        "p50_ms": float(p50),
        "p95_ms": float(p95),
        "p99_ms": float(p99),
        "mean_ms": float(mean),
        "requests": int(requests),
        "errors": int(errors),
        "rps": int(requests) / (int(micros) / 1e6),
    }


def cpu_probe() -> None:
    """In a process of its own: CPU time per request, in-process (Django's test client), for each endpoint.
    CPU time does not grow with the machine's load the way wall time does, so it is the estimate of the
    latency on a quiet machine that a shared machine can give."""
    import statistics

    import django

    django.setup()
    from django.test import Client

    client = Client()
    paths = json.loads(sys.stdin.read())
    result = {}
    for name, urls in paths.items():
        for url in urls[:20]:
            client.get(url)  # warm-up
        times = []
        for url in urls:
            started = time.process_time()
            response = client.get(url)
            times.append((time.process_time() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        ordered = sorted(times)
        result[name] = {
            "cpu_p50_ms": statistics.median(ordered),
            "cpu_p95_ms": ordered[int(0.95 * (len(ordered) - 1))],
        }
    print(json.dumps(result))


def serve(env: dict, port: int, workers: int):
    server = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "cms.wsgi:application",
            f"--workers={workers}",
            f"--bind=127.0.0.1:{port}",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            subprocess.run(
                ["curl", "-sf", "-o", "/dev/null", f"http://127.0.0.1:{port}/api/v1/search/?q=x&lang=en"], check=True
            )
            return server
        except subprocess.CalledProcessError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def run(args) -> dict:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=args.url or database_url(args.database, args.items),
        DJANGO_SETTINGS_MODULE="bench.settings",
        PYTHONPATH=str(ROOT),
        # Every request searches: wrk cycles through a few hundred queries, which the response cache would
        # answer from memory after the first round.
        CMS_API_RESPONSE_CACHE="0",
        GUNICORN_MAX_REQUESTS=str(args.max_requests),
    )
    setup = prepare(args.database, args.items, args.fresh, env)
    index = rebuild(env)
    searches = relevance_queries() + QUERIES
    ours = ["/api/v1/search/?" + urlencode({"q": q, "lang": lang, "limit": 20}) for lang, q in searches]
    suggest = ["/api/v1/search/suggest/?" + urlencode({"q": q, "lang": lang}) for lang, q in SUGGEST]
    wagtail = ["/api/v2/pages/?" + urlencode({"search": q, "limit": 20}) for _, q in searches]
    cpu = subprocess.run(
        [PYTHON, __file__, "--cpu-probe"],
        cwd=ROOT,
        env=env,
        # Wagtail's search takes seconds per request at 100,000 items on SQLite: one query in six is enough.
        input=json.dumps({"search": ours, "suggest": suggest, "wagtail": wagtail[::6]}),
        check=True,
        capture_output=True,
        text=True,
    )
    cpu = json.loads(cpu.stdout.strip().splitlines()[-1])
    load_before = os.getloadavg()
    server = serve(env, args.port, args.workers)
    base = f"http://127.0.0.1:{args.port}"
    try:
        measured = {
            name: load(base, paths, args.connections, args.duration)
            for name, paths in (("search", ours), ("suggest", suggest), ("wagtail", wagtail))
        }
    finally:
        server.terminate()
        server.wait()
    return {
        "date": datetime.date.today().isoformat(),
        "database": args.database,
        "items": args.items,
        "workers": args.workers,
        "connections": args.connections,
        "max_requests": args.max_requests,
        "duration_s": args.duration,
        "cpus": os.cpu_count(),
        "load_before": [round(value, 2) for value in load_before],
        "load_after": [round(value, 2) for value in os.getloadavg()],
        "setup_s": {name: round(value, 1) for name, value in setup.items()},
        "index": index,
        "queries": {"search": len(ours), "suggest": len(suggest)},
        **{name: {**values, **cpu[name]} for name, values in measured.items()},
    }


def report(date: str) -> str:
    runs = [json.loads(path.read_text()) for path in sorted(RESULTS.glob(f"search-{date}-*.json"))]
    lines = [
        f"# Search benchmark, {date}",
        "",
        "Produced by `bench/search_bench.py` (its docstring has the one-line command). gunicorn serving the",
        "project with Wagtail's API v2 added (`bench.settings`), wrk cycling through the same query texts for",
        "each endpoint (the relevance set plus common words); latency in ms. Ratio = ours / Wagtail's API",
        "search (below 1: ours is faster). CPU p50/p95: CPU time per request in-process, one request at a",
        "time (what a quiet machine's latency approaches). The load average (1, 5, 15 min) is the machine's,",
        "shared with other work, before and after the run.",
        "",
        "| database | items | endpoint | p50 | p95 | p99 | req/s | errors | p50 ratio | p95 ratio | CPU p50 | CPU p95 "
        "| load before → after |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for run_ in runs:
        wagtail = run_["wagtail"]
        for name, label in ENDPOINTS:
            m = run_[name]
            ratio = (
                f"{m['p50_ms'] / wagtail['p50_ms']:.2f} | {m['p95_ms'] / wagtail['p95_ms']:.2f}"
                if name == "search" and wagtail["p50_ms"]
                else "no answer in time | "
                if name == "search"
                else "| "  # every Wagtail request timed out
            )
            lines.append(
                f"| {run_['database']} | {run_['items']} | {label} | {m['p50_ms']:.1f} | {m['p95_ms']:.1f} | "
                f"{m['p99_ms']:.1f} | {m['rps']:.1f} | {m['errors']} | {ratio} | {m.get('cpu_p50_ms', 0):.1f} | "
                f"{m.get('cpu_p95_ms', 0):.1f} | {run_['load_before']} → {run_['load_after']} |"
            )
    lines += [
        "",
        "| database | items | index entries | build s | entries/s | workers | connections | worker replaced after |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for run_ in runs:
        index = run_["index"]
        lines.append(
            f"| {run_['database']} | {run_['items']} | {index['entries']} | {index['seconds']:.1f} | "
            f"{index['entries_per_s']:.0f} | {run_['workers']} | {run_['connections']} | "
            f"{run_.get('max_requests', 2000) or 'never'} |"
        )
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--url", help="a PostgreSQL URL to use instead of cms_bench_<items> (must be prepared)")
    parser.add_argument("--fresh", action="store_true", help="build the database again")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=2)
    parser.add_argument(
        "--max-requests",
        type=int,
        default=int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000")),
        help="requests after which gunicorn replaces a worker (gunicorn.conf.py's default; 0: never)",
    )
    parser.add_argument("--duration", type=int, default=20)
    parser.add_argument("--port", type=int, default=8931)
    parser.add_argument("--cpu-probe", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cpu_probe:
        return cpu_probe()
    result = run(args)
    RESULTS.mkdir(parents=True, exist_ok=True)
    name = f"search-{result['date']}-{args.database}-{args.items}.json"
    (RESULTS / name).write_text(json.dumps(result, indent=1, ensure_ascii=False))
    text = report(result["date"])
    (RESULTS / f"search-{result['date']}.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
