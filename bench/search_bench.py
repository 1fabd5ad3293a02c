"""Search benchmark: latency (p50/p95) and throughput of ``/api/v1/search/`` against Wagtail's own API v2
search (``/api/v2/pages/?search=``) on the same data, on SQLite and PostgreSQL.

    .venv/bin/python bench/search_bench.py --database sqlite --items 10000
    .venv/bin/python bench/search_bench.py --database postgresql --items 10000

Each run builds a fresh database (``bench/.data/`` for SQLite, ``cms_search_bench`` on the local PostgreSQL
socket or ``--url``), loads the demo content plus ``--items`` synthetic items (``seed_demo --volume``), builds
both indexes (``rebuild_search_index`` and Wagtail's ``update_index``), then sends every query of ``QUERIES``
``--repeat`` times to each endpoint in-process (Django's test client, one client, sequential), after one
warm-up round. Results go to ``bench/results/search-<database>.json`` and, for every database measured so
far, to ``bench/results/search.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"

QUERIES = [
    ("ar", "ورشة"),
    ("ar", "المدرسة"),
    ("ar", "بالمدرسة"),
    ("ar", "حقوق الانسان"),
    ("ar", "الأمان النفسي"),
    ("ku", "Kargeh"),
    ("ku", "mafên mirovan"),
    ("ku", "Qamislo"),
    ("en", "workshop"),
    ("en", "workshops"),
    ("en", "human rights"),
    ("en", "displaced persons"),
]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def prepare(database: str, url: str | None) -> str:
    if database == "sqlite":
        path = ROOT / "bench" / ".data" / "search.sqlite3"
        path.parent.mkdir(exist_ok=True)
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    url = url or "postgres:///cms_search_bench"
    name = url.rsplit("/", 1)[-1].split("?")[0]
    subprocess.run(["dropdb", "--if-exists", name], check=True)
    subprocess.run(["createdb", name], check=True)
    return url


def measure(client, make_url, repeat):
    timings, totals = [], {}
    for _ in range(repeat):
        for lang, q in QUERIES:
            started = time.perf_counter()
            response = client.get(make_url(lang, q))
            timings.append(time.perf_counter() - started)
            if response.status_code != 200:
                raise SystemExit(f"{make_url(lang, q)} answered {response.status_code}: {response.content[:300]!r}")
            data = response.json()
            totals[f"{lang}:{q}"] = data["count"] if "count" in data else data["meta"]["total_count"]
    return {
        "requests": len(timings),
        "p50_ms": percentile(timings, 0.5) * 1000,
        "p95_ms": percentile(timings, 0.95) * 1000,
        "mean_ms": statistics.mean(timings) * 1000,
        "throughput_rps": len(timings) / sum(timings),
        "found": totals,
    }


def run(database: str, items: int, repeat: int, url: str | None) -> dict:
    os.environ["DATABASE_URL"] = prepare(database, url)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from search.models import SearchEntry

    timings = {}
    for label, command, kwargs in (
        ("migrate", "migrate", {"verbosity": 0}),
        ("seed", "seed_demo", {"volume": items}),
        ("project index", "rebuild_search_index", {}),
        ("wagtail index", "update_index", {"verbosity": 0}),
    ):
        started = time.perf_counter()
        call_command(command, **kwargs)
        timings[label] = time.perf_counter() - started
    client = Client()

    def ours(lang, q):
        return "/api/v1/search/?" + urlencode({"q": q, "lang": lang, "limit": 20})

    def wagtails(lang, q):
        return "/api/v2/pages/?" + urlencode({"search": q, "limit": 20})

    measure(client, ours, 1)
    measure(client, wagtails, 1)
    from wagtail.models import Page

    return {
        "database": database,
        "items": Page.objects.filter(depth__gte=4).count(),
        "entries": SearchEntry.objects.count(),
        "setup_s": timings,
        "ours": measure(client, ours, repeat),
        "wagtail": measure(client, wagtails, repeat),
    }


def report() -> str:
    runs = [json.loads(p.read_text()) for p in sorted(RESULTS.glob("search-*.json"))]
    lines = [
        "# Search benchmark",
        "",
        "`/api/v1/search/` (this project) against Wagtail's API v2 `/api/v2/pages/?search=` on the same data.",
        "Produced by `bench/search_bench.py` (see its docstring for the commands); in-process requests,",
        "one client, sequential. Ratio = ours / Wagtail (below 1 = ours is faster, above 1 = ours serves more).",
        "",
        "| database | items | endpoint | p50 ms | p95 ms | req/s |",
        "|---|---|---|---|---|---|",
    ]
    for run_ in runs:
        for name in ("ours", "wagtail"):
            m = run_[name]
            label = "/api/v1/search/" if name == "ours" else "Wagtail API v2"
            lines.append(
                f"| {run_['database']} | {run_['items']} | {label} | {m['p50_ms']:.1f} | {m['p95_ms']:.1f} | "
                f"{m['throughput_rps']:.1f} |"
            )
    lines += ["", "| database | p50 ratio | p95 ratio | throughput ratio |", "|---|---|---|---|"]
    for run_ in runs:
        o, w = run_["ours"], run_["wagtail"]
        lines.append(
            f"| {run_['database']} | {o['p50_ms'] / w['p50_ms']:.2f} | {o['p95_ms'] / w['p95_ms']:.2f} | "
            f"{o['throughput_rps'] / w['throughput_rps']:.2f} |"
        )
    lines += ["", "Results found per query (ours in the query's language / Wagtail over all pages):", ""]
    lines += ["| database | query | ours | Wagtail |", "|---|---|---|---|"]
    for run_ in runs:
        for key, count in run_["ours"]["found"].items():
            lines.append(f"| {run_['database']} | `{key}` | {count} | {run_['wagtail']['found'].get(key)} |")
    lines += [
        "",
        "Setup times (s): "
        + "; ".join(f"{r['database']}: " + ", ".join(f"{k} {v:.0f}" for k, v in r["setup_s"].items()) for r in runs),
    ]
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--url", help="PostgreSQL URL of a database this script may drop and recreate")
    args = parser.parse_args()
    result = run(args.database, args.items, args.repeat, args.url)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"search-{args.database}.json").write_text(json.dumps(result, indent=1, ensure_ascii=False))
    (RESULTS / "search.md").write_text(report())
    print(report())


if __name__ == "__main__":
    main()
