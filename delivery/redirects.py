"""Editors' redirects (``wagtail.contrib.redirects``) on the CMS's own addresses, to public pages only.

Wagtail's middleware turns any 404 whose path has a redirect into a redirect to the target page's URL, the
frontend path of that page. A redirect to a draft, scheduled, expired or restricted page, or to an alias of
one, would then name the hidden page's path (its slug, often its title) in ``Location``: such a path keeps
its 404, the same answer as an address that never existed, as ``resolve/`` does (``cms.visibility``).
"""

from __future__ import annotations

from urllib.parse import urlparse

from django import http
from wagtail.contrib.redirects.middleware import RedirectMiddleware, get_redirect
from wagtail.contrib.redirects.models import Redirect

from cms.visibility import is_public_page


def find_redirect(request):
    """The redirect of the requested path, with its query string, else without it (Wagtail's own order)."""
    path = Redirect.normalise_path(request.get_full_path(), decode_unicode=False)
    redirect = get_redirect(request, path)
    if redirect is None:
        path_without_query = urlparse(path).path
        if path_without_query != path:
            redirect = get_redirect(request, path_without_query)
    return redirect


class PublicRedirectMiddleware(RedirectMiddleware):
    def process_response(self, request, response):
        if response.status_code != 404:
            return response
        redirect = find_redirect(request)
        if redirect is None:
            return response
        if redirect.redirect_page_id and not is_public_page(redirect.redirect_page):
            return response
        link = redirect.link
        if link is None:
            return response
        if redirect.is_permanent:
            return http.HttpResponsePermanentRedirect(link)
        return http.HttpResponseRedirect(link)
