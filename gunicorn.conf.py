"""Gunicorn's configuration (``make serve``; gunicorn reads this file from the working directory).

Every value can be changed by the environment named next to it; the defaults suit one machine behind a
reverse proxy. ``cms.wsgi`` loads the production settings unless ``DJANGO_SETTINGS_MODULE`` says otherwise.
"""

import multiprocessing
import os

wsgi_app = "cms.wsgi:application"

bind = [os.environ.get("GUNICORN_BIND", f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}")]

# Workers from the cores: (2 × cores) + 1, the usual figure for synchronous workers waiting on a database.
workers = int(os.environ.get("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 12)))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# The app is loaded once before forking: workers share its memory and a broken configuration stops the
# master at once instead of every worker failing in a loop.
preload_app = True

# A request taking longer than this is killed (its worker restarted); a worker finishes its requests in the
# grace period on reload or stop. Idle keep-alive connections are closed after a few seconds.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Workers are recycled now and then, so a slow leak never grows without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "200"))
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"  # heartbeat files off the disk, so a slow disk does not kill workers

# Proxy headers (X-Forwarded-Proto…) only from our own proxies, as in the Django settings: with
# CMS_TRUST_PROXY_HEADERS unset, none is believed, whoever sends it.
if os.environ.get("CMS_TRUST_PROXY_HEADERS", "").strip().lower() in ("1", "true", "yes", "on"):
    forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
else:
    forwarded_allow_ips = ""
    secure_scheme_headers = {}

# Access log on standard output, errors on standard error; one JSON object a line unless LOG_FORMAT=text.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
if os.environ.get("LOG_FORMAT", "json") == "json":
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "cms.logging.JSONFormatter"}},
        "handlers": {
            "console": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"},
            "access": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stdout"},
        },
        "root": {"level": "WARNING", "handlers": ["console"]},
        "loggers": {
            "gunicorn.error": {"level": loglevel.upper(), "handlers": ["console"], "propagate": False},
            "gunicorn.access": {"level": "INFO", "handlers": ["access"], "propagate": False},
        },
    }
