"""The WSGI application for gunicorn (``make serve``, gunicorn.conf.py).

Production settings unless ``DJANGO_SETTINGS_MODULE`` says otherwise: with it forgotten, the server refuses to
start without a strong SECRET_KEY and ALLOWED_HOSTS instead of running with DEBUG on.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

application = get_wsgi_application()
