"""gunicorn's settings, read from ./gunicorn.conf.py (the Docker image's working directory).

Django writes one JSON line per request itself (semaine.logs.RequestIdMiddleware, with the
request id): no gunicorn access log. gunicorn's own lines (start, workers, timeouts) are
JSON lines on stdout too, unless LOG_FORMAT=text.
"""

import os

# More workers: GUNICORN_CMD_ARGS="--workers 5" (read by gunicorn itself).
bind = "0.0.0.0:8000"
workers = 3
accesslog = None

if os.environ.get("LOG_FORMAT", "json").strip().lower() != "text":
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
                "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
                "datefmt": "%Y-%m-%dT%H:%M:%S%z",
            }
        },
        "handlers": {
            "stdout": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "formatter": "json",
            }
        },
        # gunicorn requires a root logger; Django's LOGGING takes it over in each worker.
        "root": {"handlers": ["stdout"], "level": "INFO"},
        "loggers": {
            "gunicorn.error": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        },
    }
