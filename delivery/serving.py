"""The CMS's own page addresses: every page lives on the frontend, so the CMS answers a page path with a
redirect to the frontend URL of a public page, or a JSON 404; never a 500. With no frontend configured
(``CMS_FRONTEND_URL`` empty, as in development), a public page is shown with the built-in view instead.

Replaces Wagtail's catch-all ``wagtail_serve`` (same name, so ``reverse("wagtail_serve")`` still works).
Only pages the API would show are redirected to (``cms.visibility``): a draft, a scheduled or expired page, a
restricted one or an alias of one is a 404 here as in the API.
"""

from __future__ import annotations

from urllib.parse import unquote

from django.conf import settings
from django.http import HttpResponseRedirect, JsonResponse
from django.views.decorators.http import require_safe
from wagtail.models import Page

from cms import languages
from cms.api.problems import PROBLEM_CONTENT_TYPE, problem_body
from cms.paths import Paths
from cms.visibility import public_pages


def problem(status: int, detail: str) -> JsonResponse:
    response = JsonResponse(problem_body(status, detail), status=status, content_type=PROBLEM_CONTENT_TYPE)
    response["Cache-Control"] = "no-store"
    return response


def frontend_url(page, code: str, paths: Paths | None = None) -> str:
    return settings.CMS_FRONTEND_URL + (paths or Paths()).path(page, code)


def find_public_page(path: str):
    """``(page, language)`` of the public page at a CMS path: ``/<lang>/<translated path>/``, or a path
    without language as Wagtail made them (tried in each language, the source first); else ``(None, None)``."""
    text = unquote(path or "")
    if "\x00" in text:
        return None, None
    segments = [segment for segment in text.split("/") if segment]
    if any(segment in (".", "..") for segment in segments):
        return None, None
    paths = Paths()
    if paths.root is None:
        return None, None
    candidates = []
    codes = languages.enabled_codes()
    if segments and segments[0].lower() in codes:
        candidates.append((segments[0].lower(), "/".join(segments[1:])))
    candidates += [(code, "/".join(segments)) for code in codes]
    public = public_pages(Page.objects.all())
    for code, rest in candidates:
        page = paths.find(code, rest, public)
        if page is not None:
            return page, code
    return None, None


@require_safe
def serve(request, path=""):
    page, code = find_public_page(path)
    if page is None:
        return problem(404, "Nothing is published at this address. Pages are read through /api/v1/.")
    if not settings.CMS_FRONTEND_URL:
        from .rendering import serve_live

        return serve_live(request, page.specific, code)
    return HttpResponseRedirect(frontend_url(page, code))


def method_not_allowed_as_problem(view):
    """``require_safe`` answers other methods with a bare 405: give it the problem shape."""

    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 405:
            allow = response.get("Allow", "GET, HEAD")
            response = problem(405, "Page addresses only answer GET and HEAD.")
            response["Allow"] = allow
        return response

    return wrapped


serve_page = method_not_allowed_as_problem(serve)
