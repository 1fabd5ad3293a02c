"""Elasticsearch / OpenSearch for larger deployments (untested here: no such server runs in development or CI).

The database backends are enough for tens of thousands of items. Beyond that, or to take search load off
the database, point ``CMS_SEARCH_BACKEND`` at :class:`ElasticsearchBackend` and set::

    CMS_SEARCH_BACKEND = "search.backends.elasticsearch.ElasticsearchBackend"
    CMS_SEARCH_ELASTICSEARCH = {
        "URL": "https://search.internal:9200",   # from the environment in production
        "INDEX": "cms-search",
        "TIMEOUT": 5,
    }

and install the client matching the server (``elasticsearch`` 8.x or ``opensearch-py``). Entries are still
written to ``SearchEntry`` by the same signals; ``manage.py rebuild_search_index`` followed by
``ElasticsearchBackend().sync()`` copies them to the server. The documents hold the *normalised* columns, so
the server sees exactly the words the database backends see; the per-language analyzers below add what
Lucene does well on top (Arabic normalisation again, Kurmanji and English folding, English stemming), and a
query is analysed by the analyzer of its language, identically to the indexed text.

Visibility is applied after the server answers: hits are intersected with the public, filtered page ids of
the request (the same subquery the database backends use), so a stale document never reaches a reader.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from . import ALL, Backend, Match, Scope

#: Index settings: one analyzer per content language (``text_ar``, ``text_ku``, ``text_en``; ``ckb`` uses
#: the Arabic one) and an edge-n-gram analyzer for title completion.
INDEX_SETTINGS = {
    "settings": {
        "analysis": {
            "filter": {
                "english_stemmer": {"type": "stemmer", "language": "english"},
                "english_possessive": {"type": "stemmer", "language": "possessive_english"},
                "title_edge": {"type": "edge_ngram", "min_gram": 1, "max_gram": 20},
            },
            "analyzer": {
                "text_ar": {
                    "tokenizer": "standard",
                    "filter": ["lowercase", "decimal_digit", "arabic_normalization"],
                },
                "text_ku": {"tokenizer": "standard", "filter": ["lowercase", "decimal_digit", "asciifolding"]},
                "text_en": {
                    "tokenizer": "standard",
                    "filter": ["english_possessive", "lowercase", "decimal_digit", "asciifolding", "english_stemmer"],
                },
                "title_prefix": {"tokenizer": "standard", "filter": ["lowercase", "asciifolding", "title_edge"]},
            },
        }
    },
    "mappings": {
        "properties": {
            "page_id": {"type": "long"},
            "lang": {"type": "keyword"},
            **{
                f"{part}_{code}": {
                    "type": "text",
                    "analyzer": f"text_{'ar' if code == 'ckb' else code}",
                    **({"fields": {"prefix": {"type": "text", "analyzer": "title_prefix"}}} if part == "title" else {}),
                }
                for part in ("title", "summary", "body", "names")
                for code in ("ar", "ku", "en", "ckb")
            },
        }
    },
}

#: Field boosts: title > summary > body > names (the database backends' weights).
BOOSTS = {"title": 10, "summary": 4, "body": 2, "names": 1}


def query_body(match: Match, lang: str, size: int, offset: int) -> dict:
    """The search request for one language's normalised terms."""
    words = " ".join(term.core for term in match.terms)
    if match.title_only:
        fields = [f"title_{lang}.prefix"]
    else:
        fields = [f"{part}_{lang}^{boost}" for part, boost in BOOSTS.items()]
    return {
        "from": offset,
        "size": size,
        "_source": ["page_id"],
        "query": {
            "bool": {
                "filter": [{"term": {"lang": lang}}],
                "must": [
                    {
                        "multi_match": {
                            "query": words,
                            "fields": fields,
                            "operator": "and" if match.mode == ALL else "or",
                            "type": "best_fields",
                        }
                    }
                ],
            }
        },
    }


class ElasticsearchBackend(Backend):
    """Search through Elasticsearch/OpenSearch; page visibility still comes from the database."""

    CANDIDATES = 1000

    def __init__(self):
        config = getattr(settings, "CMS_SEARCH_ELASTICSEARCH", None)
        if not config or not config.get("URL"):
            raise ImproperlyConfigured("CMS_SEARCH_ELASTICSEARCH with a URL is needed for this backend.")
        try:
            from elasticsearch import Elasticsearch
        except ImportError as error:  # pragma: no cover - optional dependency
            raise ImproperlyConfigured("Install the elasticsearch client to use this backend.") from error
        self.client = Elasticsearch(config["URL"], request_timeout=config.get("TIMEOUT", 5))
        self.index = config.get("INDEX", "cms-search")

    def _allowed(self, scope: Scope) -> set[int]:
        sql = f"SELECT pk FROM ({scope.pages_sql}) AS allowed(pk)"
        params = list(scope.pages_params)
        if scope.without_lang:
            sql += " WHERE NOT EXISTS (SELECT 1 FROM cms_search_searchentry o WHERE o.page_id = pk AND o.lang = %s)"
            params.append(scope.without_lang)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return {row[0] for row in cursor.fetchall()}

    def _hits(self, match: Match, scope: Scope) -> list[tuple[int, float]]:
        if not match.terms:
            return []
        body = query_body(match, scope.lang, self.CANDIDATES, 0)
        answer = self.client.search(index=self.index, body=body)
        allowed = self._allowed(scope)
        return [
            (hit["_source"]["page_id"], hit["_score"])
            for hit in answer["hits"]["hits"]
            if hit["_source"]["page_id"] in allowed
        ]

    def ranked(self, match, scope, limit, offset=0):
        return self._hits(match, scope)[offset : offset + limit]

    def count(self, match, scope):
        return len(self._hits(match, scope))

    def sync(self) -> None:
        """Recreate the server's index from the ``SearchEntry`` rows."""
        from ..models import SearchEntry

        self.client.indices.delete(index=self.index, ignore_unavailable=True)
        self.client.indices.create(index=self.index, body=INDEX_SETTINGS)
        for entry in SearchEntry.objects.iterator(chunk_size=500):
            document = {"page_id": entry.page_id, "lang": entry.lang}
            for part in ("title", "summary", "body", "names"):
                document[f"{part}_{entry.lang}"] = getattr(entry, f"{part}_norm")
            self.client.index(index=self.index, id=f"{entry.page_id}-{entry.lang}", document=document)
