from .event import Event, Session
from .log import EventStatusChange, RegistrationStatusChange
from .reference import ActionType, Audience, Edition, PublishedFigure, Theme
from .registration import ClassRegistration

__all__ = [
    "ActionType",
    "Audience",
    "ClassRegistration",
    "Edition",
    "Event",
    "EventStatusChange",
    "PublishedFigure",
    "RegistrationStatusChange",
    "Session",
    "Theme",
]
