"""The relevance set: the search must keep finding what readers of each language look for, typed the way
they type it (quotes and apostrophes, Arabic word forms, Turkish keyboards, names in another script, many
words of which one is not in the item).

Relied on by anyone who changes normalisation, ranking or the index. It runs through the HTTP API
(``/api/v1/search/``), as the website calls it, over the demo content (``seed_demo``) with a thousand
synthetic items that share its words (titles such as "Workshop on human rights in Hajin") as distractors.
A query passes when every item it names is in the first five results. The hit rate over all queries must
be 97% or more, on SQLite in ``make test`` and on PostgreSQL in ``make test-postgres`` (the same test run
against PostgreSQL); the rate of each class is printed.
"""

import io
import json
from collections import defaultdict
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from news.models import CONTENT_PAGE_MODELS

RELEVANCE = json.loads((Path(__file__).parent / "relevance.json").read_text(encoding="utf-8"))
THRESHOLD = 0.97
SYNTHETIC = 1000


@pytest.fixture(scope="module")
def demo(module_db):
    """Item ids by the keys of ``relevance.json`` (the demo items' English slugs, shortened)."""
    call_command("seed_demo", volume=SYNTHETIC, stdout=io.StringIO())
    ids = {}
    for model in CONTENT_PAGE_MODELS:
        ids.update(dict(model.objects.values_list("slug_en", "pk")))
    return {key: ids[slug] for key, slug in RELEVANCE["items"].items()}


def evaluate(client, demo) -> tuple[dict, list[str]]:
    key_of = {pk: key for key, pk in demo.items()}
    per_class = defaultdict(lambda: [0, 0])
    misses = []
    for case in RELEVANCE["queries"]:
        response = client.get("/api/v1/search/", {"q": case["q"], "lang": case["lang"], "limit": RELEVANCE["top"]})
        assert response.status_code == 200, (case, response.content[:300])
        found = [key_of.get(card["id"], card["id"]) for card in response.json()["results"]]
        hit = all(key in found for key in case["expect"])
        tally = per_class[(case["class"], case["lang"])]
        tally[0] += hit
        tally[1] += 1
        if not hit:
            misses.append(f"{case['class']} {case['lang']} {case['q']!r}: expected {case['expect']}, got {found}")
    return per_class, misses


def test_relevance_set_covers_every_class_in_every_language():
    """The issue asks for at least 150 queries, each class in all three languages."""
    queries = RELEVANCE["queries"]
    assert len(queries) >= 150
    classes = {case["class"] for case in queries}
    assert classes == {"quotes", "word_forms", "spelling", "names", "many_words", "topic"}
    for name in classes:
        assert {case["lang"] for case in queries if case["class"] == name} == {"ar", "ku", "en"}, name
    assert all(set(case["expect"]) <= set(RELEVANCE["items"]) for case in queries)


@pytest.mark.slow
@pytest.mark.django_db
def test_relevance_through_the_api(client, demo):
    per_class, misses = evaluate(client, demo)
    hits = sum(hit for hit, _ in per_class.values())
    total = sum(count for _, count in per_class.values())
    rate = hits / total
    print(f"\nsearch relevance through the API on {connection.vendor}: {rate:.1%} of {total} queries")
    for (name, lang), (hit, count) in sorted(per_class.items()):
        print(f"  {name:11} {lang}: {hit}/{count} ({hit / count:.0%})")
    for miss in misses:
        print("  miss:", miss)
    assert rate >= THRESHOLD, "\n".join(misses)
