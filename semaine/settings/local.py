"""Developer machine: debug on, e-mails on the console, tasks run immediately."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
# E-mail verification stays mandatory (base.py): the console e-mail backend prints the link.
