"""Every public API answer of a site, for comparing a database with its restored copy.

Run in the test process and, with ``python -m tests.backup.snapshot``, in a subprocess on the restored
database; the output is JSON: {url: [status, body]}. ETags are left out: they name the content version
(``cms.api.cache``), which each database has its own of, so clients revalidate once after a restore.
"""

import json
import sys

DETAIL = {"news": "news", "statement": "statements", "dialogue_session": "dialogue-sessions"}
LISTS = ["items/", "news/", "statements/", "dialogue-sessions/", "topics/", "places/", "projects/",
         "organisations/", "people/", "home/", "site/", "languages/"]  # fmt: skip
SEARCHES = {"ar": "ورشة", "ku": "xebat", "en": "workshop"}


def api_snapshot(client, languages) -> dict:
    answers = {}

    def get(url):
        response = client.get("/api/v1/" + url, HTTP_HOST="localhost")
        answers[url] = [response.status_code, response.content.decode()]
        return response

    for lang in languages:
        items = get(f"items/?lang={lang}&limit=100").json()["results"]
        assert items, lang
        for item in items:
            get(f"{DETAIL[item['type']]}/{item['id']}/?lang={lang}")
            get(f"resolve/?path={item['path']}")
        for url in LISTS:
            get(f"{url}{'&' if '?' in url else '?'}lang={lang}")
        if lang in SEARCHES:
            get(f"search/?q={SEARCHES[lang]}&lang={lang}")
    return answers


if __name__ == "__main__":
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    json.dump(api_snapshot(Client(), settings.CMS_LANGUAGES), sys.stdout, ensure_ascii=False)
