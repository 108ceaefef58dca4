"""Developer machine: debug on, e-mails on the console, tasks run immediately."""

from .base import *  # noqa: F403
from .base import env
from .security import logging_config

DEBUG = env.bool("DEBUG", default=True)
# E-mail verification stays mandatory (base.py): the console e-mail backend prints the link.
LOGGING = logging_config(  # readable lines on a developer's console
    level=env("LOG_LEVEL", default="INFO"), json_lines=env("LOG_FORMAT", default="text") == "json"
)
