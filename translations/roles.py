"""Translator roles: one group per enabled language ("Translators · Kurmancî")."""

from __future__ import annotations


def connect():
    pass
