"""One JSON object a line: the log format of production (``LOG_FORMAT=json``), for Django's and gunicorn's logs.

A log collector reads fields instead of parsing text. Gunicorn's access log passes its request data as a
dictionary of "atoms"; the formatter keeps the useful ones under plain names (method, path, status, bytes,
duration) instead of the formatted line. Secrets never reach a log from here: only the message, the logger, the
level and, for errors, the traceback.
"""

import json
import logging
from datetime import UTC, datetime

# Gunicorn access-log atoms kept, and the names they get in the JSON line.
ACCESS_FIELDS = {
    "h": "remote",
    "m": "method",
    "U": "path",
    "q": "query",
    "s": "status",
    "B": "bytes",
    "D": "duration_us",
    "a": "user_agent",
    "f": "referer",
}


class JSONFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
        }
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            entry["message"] = "request"
            for atom, name in ACCESS_FIELDS.items():
                value = record.args.get(atom)
                if value not in (None, "-", ""):
                    entry[name] = int(value) if name in ("status", "bytes", "duration_us") and _is_int(value) else value
        else:
            entry["message"] = record.getMessage()
        status = getattr(record, "status_code", None)
        if status is not None:
            entry["status"] = status
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "method"):
            entry["method"] = request.method
            entry["path"] = request.path
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def _is_int(value) -> bool:
    try:
        int(value)
    except (TypeError, ValueError):
        return False
    return True
