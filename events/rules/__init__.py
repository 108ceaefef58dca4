"""The rules of the events domain, one home each; services, selectors, admin, demo and
templates ask them instead of restating them.

- `capacity`: confirmed students and places left (the SQL expression and its Python twin);
- `booking`: when a session takes classes, when a class may still be cancelled, when the
  waiting list may be served;
- `editions`: the accepted window, the current edition and where today stands in it;
- `transitions`: which status may follow which, for events and class registrations.
"""
