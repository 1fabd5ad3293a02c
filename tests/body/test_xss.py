"""Hostile HTML written straight into the database (an import, a script, a compromised account's API call)
comes out inert. The website inserts rich text and embed HTML as markup and relies on this."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from wagtail.embeds.models import Embed

from cms.api.body import serialize_stream
from cms.richtext import sanitize_html
from news.factories import NewsPageFactory

from .conftest import index_for, write_raw_body

ALLOWED_TAGS = {"p", "br", "b", "strong", "i", "em", "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "a", "img"}
ALLOWED_SCHEMES = {"", "http", "https", "mailto", "tel"}

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    '<p onmouseover="alert(1)">hover</p>',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href="&#106;avascript:alert(1)">click</a>',
    '<a href="java\tscript:alert(1)">click</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">click</a>',
    '<svg onload="alert(1)"><script>alert(1)</script></svg>',
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<<script>script>alert(1)<</script>/script>",
    '<p><b><i><a href="javascript:alert(1)">unclosed',
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="evil.swf"></object><embed src="evil.swf">',
    '<form action="javascript:alert(1)"><button>go</button></form>',
    '<a linktype="page" id="1" onclick="alert(1)" href="javascript:alert(1)">x</a>',
    '<a linktype="page" id=\'1" onmouseover="alert(1)\'>x</a>',
    '<embed embedtype="image" id="1" onerror="alert(1)"/>',
    '<embed embedtype="image" id="1" format="left&quot; onerror=&quot;alert(1)"/>',
    '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    "<!--<img src=x onerror=alert(1)>-->",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
]


class _Inspector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag {tag}")
        for name, value in attrs:
            if name.startswith("on") or name in {"style", "srcdoc", "formaction"}:
                self.problems.append(f"attribute {name}")
            if name in {"href", "src"}:
                scheme = urlsplit((value or "").strip()).scheme.lower()
                if scheme not in ALLOWED_SCHEMES:
                    self.problems.append(f"{name} {value}")

    def handle_comment(self, data):
        self.problems.append("comment")


def assert_inert(html):
    inspector = _Inspector()
    inspector.feed(html)
    inspector.close()
    assert inspector.problems == [], html
    assert "<script" not in html.lower()


@pytest.mark.parametrize("payload", PAYLOADS)
def test_sanitize_html_neutralises(payload):
    assert_inert(sanitize_html(payload))


@pytest.mark.parametrize("code", ["ar", "ku", "en"])
def test_hostile_rich_text_stored_directly_is_inert(site_tree, image, code):
    page = NewsPageFactory(parent=site_tree["news"], title_en="x")
    blocks = [
        {"type": "paragraph", "value": f"<p>نص {payload}</p>", "id": str(n)} for n, payload in enumerate(PAYLOADS)
    ]
    page = write_raw_body(page, f"body_{code}", blocks)

    result = serialize_stream(getattr(page, f"body_{code}"), index_for([page], code))

    assert len(result) == len(PAYLOADS)
    for block in result:
        assert_inert(block["value"])


def test_hostile_embed_html_and_urls_are_inert(site_tree):
    Embed.objects.create(
        url="https://video.example/1",
        hash="h-hostile",
        type="video",
        html='<iframe src="javascript:alert(1)" onload="alert(1)"></iframe><script>alert(1)</script>'
        '<img src=x onerror=alert(1)><iframe srcdoc="<script>alert(1)</script>"></iframe>',
    )
    page = NewsPageFactory(parent=site_tree["news"])
    page = write_raw_body(
        page,
        "body_ar",
        [
            {"type": "embed", "value": "https://video.example/1", "id": "a"},
            {"type": "embed", "value": "javascript:alert(1)", "id": "b"},
            {"type": "embed", "value": "data:text/html,<script>alert(1)</script>", "id": "c"},
        ],
    )

    [block] = serialize_stream(page.body_ar, index_for([page], "ar"))

    assert block["value"]["url"] == "https://video.example/1"
    html = block["value"]["html"]
    assert "<script" not in html and "onload" not in html and "onerror" not in html and "srcdoc" not in html
    assert "javascript:" not in html and "<img" not in html


def test_hostile_values_in_structured_blocks_do_not_break_serialising(site_tree):
    page = NewsPageFactory(parent=site_tree["news"])
    page = write_raw_body(
        page,
        "body_ar",
        [
            {"type": "image", "value": {"image": "1 OR 1=1", "caption": "x"}, "id": "a"},
            {"type": "document", "value": {"document": ["x"], "title": "x"}, "id": "b"},
            {"type": "image", "value": {"image": 10**30, "caption": "x"}, "id": "b2"},
            {"type": "paragraph", "value": f'<p><a linktype="page" id="{10**30}">big</a></p>', "id": "b3"},
            {"type": "quote", "value": "not a struct", "id": "c"},
            {"type": "key_figures", "value": [{"figure": "1", "label": "x"}, "junk"], "id": "d"},
            {"type": "removed_block_type", "value": "<script>alert(1)</script>", "id": "e"},
        ],
    )

    result = serialize_stream(page.body_ar, index_for([page], "ar"))

    assert result == [
        {"type": "paragraph", "id": "b3", "value": "<p>big</p>"},
        {"type": "key_figures", "id": "d", "value": [{"figure": "1", "label": "x"}]},
    ]
