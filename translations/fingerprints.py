"""A fingerprint and a readable text of a field's value, whatever its type (text, rich text, stream).

Stream blocks are fingerprinted by type and content, not by their ids: each language's stream has ids of its
own, and moving a block without changing its text changes what readers read, so order counts.
"""

from __future__ import annotations

import hashlib
import html
import json
import re

TAG = re.compile(r"<[^>]*>")
BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote)>|<br\s*/?>", re.IGNORECASE)


def canonical(value):
    """A JSON-able form of ``value`` without block ids."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if hasattr(value, "raw_data"):  # StreamValue
        return canonical(list(value.raw_data))
    if hasattr(value, "source") and isinstance(getattr(value, "source", None), str):  # RichText
        return value.source.strip()
    if isinstance(value, dict):
        return {key: canonical(child) for key, child in sorted(value.items()) if key != "id"}
    if isinstance(value, (list, tuple)):
        return [canonical(child) for child in value]
    return value


def fingerprint(value) -> str:
    data = json.dumps(canonical(value), ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha1(data.encode()).hexdigest()


def plain(markup: str) -> str:
    text = BLOCK_END.sub("\n", markup)
    return html.unescape(TAG.sub("", text)).strip()


def display_text(value) -> str:
    """What a translator reads: the text of each block on its own line, markup removed."""
    parts: list[str] = []

    def walk(node):
        if isinstance(node, str):
            text = plain(node) if "<" in node else node.strip()
            if text:
                parts.append(text)
        elif isinstance(node, dict):
            if "type" in node and "value" in node:
                walk(node["value"])
            else:
                for key, child in node.items():
                    if key != "id":
                        walk(child)
        elif isinstance(node, (list, tuple)):
            for child in node:
                walk(child)

    walk(canonical(value))
    return "\n".join(parts)
