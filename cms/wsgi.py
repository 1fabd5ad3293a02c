"""The WSGI application for gunicorn (``make serve``, gunicorn.conf.py).

Production settings unless ``DJANGO_SETTINGS_MODULE`` says otherwise: with it forgotten, the server refuses to
start without a strong SECRET_KEY and ALLOWED_HOSTS instead of running with DEBUG on.
"""

import os
from importlib import import_module

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

application = get_wsgi_application()
# The URL configuration and every view it names, imported now: gunicorn loads this module once before it
# starts its workers (``preload_app``), so a new worker (one is started every few thousand requests) does not
# import them on its first request (150 ms).
import_module(settings.ROOT_URLCONF)
