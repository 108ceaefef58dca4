"""Status histories drawn from the real rules, never restated here.

- `status_path` / `event_steps`: the way a new event (a draft) goes to a status along
  `events.rules.transitions.EVENT_TRANSITIONS`, with at most one detour where the table has a
  loop (a round of « modifications demandées », say);
- `SessionSeats`: one session's seats while its class requests, approvals, refusals and
  cancellations are replayed in time order, each move checked against
  `REGISTRATION_TRANSITIONS`, each confirmation against `events.rules.capacity.seats_fit`;
  freed seats go to the waiting list first-fit, in order of request.

Both read the tables when called, so that a change of the rules changes the demo with them.
"""

from collections import deque

from ..models import ClassRegistration, Event
from ..rules import capacity, transitions
from .data import PLACE_FREED_REASON
from .errors import DemoSeedError

EVENT_INITIAL = Event._meta.get_field("status").default  # a new event is a draft
PENDING, CONFIRMED, WAITLISTED, DECLINED, CANCELLED = (
    ClassRegistration.Status.PENDING,
    ClassRegistration.Status.CONFIRMED,
    ClassRegistration.Status.WAITLISTED,
    ClassRegistration.Status.DECLINED,
    ClassRegistration.Status.CANCELLED,
)


# --- events ---------------------------------------------------------------------------------


def status_path(*, table: dict, start: str, target: str) -> list[str]:
    """The statuses from `start` to `target` (both included) along `table`, the shortest way;
    ValueError when `target` cannot be reached."""
    previous = {start: None}
    queue = deque([start])
    while queue:
        status = queue.popleft()
        if status == target:
            path = []
            while status is not None:
                path.append(status)
                status = previous[status]
            return path[::-1]
        for following in table.get(status, ()):
            if following not in previous:
                previous[following] = status
                queue.append(following)
    raise ValueError(f"{target!r} cannot be reached from {start!r}")


def status_loop(*, table: dict, status: str) -> list[str]:
    """The shortest way from `status` back to itself (both ends included), [] when none."""
    best: list[str] = []
    for following in table.get(status, ()):
        try:
            back = status_path(table=table, start=following, target=status)
        except ValueError:
            continue
        if not best or len(back) + 1 < len(best):
            best = [status, *back]
    return best


def event_steps(*, target: str, rng, detour_chance: float = 0.0) -> list[tuple[str, str]]:
    """The (from, to) transitions that lead a new event to `target`."""
    table = transitions.EVENT_TRANSITIONS
    try:
        path = status_path(table=table, start=EVENT_INITIAL, target=target)
    except ValueError as error:
        raise DemoSeedError(str(error)) from error
    if rng.random() < detour_chance:
        loops = [
            (i, loop) for i, s in enumerate(path) if (loop := status_loop(table=table, status=s))
        ]
        if loops:
            index, loop = rng.choice(loops)
            path = path[:index] + loop + path[index + 1 :]
    return list(zip(path, path[1:], strict=False))


# --- class registrations --------------------------------------------------------------------


class SessionSeats:
    """The seats of one session while its registrations (dicts with "status" and "students";
    "status" is "" before the request) are replayed in time order.

    Every move goes to `log(registration, from_status, to_status, at, by, reason)`. A move the
    transition table does not allow is skipped (`move` returns False); a confirmation beyond
    the capacity is a bug of the caller and raises.
    """

    def __init__(self, *, capacity: int | None, log):
        self.capacity = capacity
        self.confirmed = 0
        self.log = log

    def fits(self, students: int) -> bool:
        return capacity.seats_fit(
            capacity=self.capacity, confirmed=self.confirmed, students=students
        )

    def move(self, registration: dict, to_status: str, *, at, by, reason: str = "") -> bool:
        previous = registration["status"]
        if previous == "":
            allowed = to_status in transitions.REGISTRATION_INITIAL
        else:
            allowed = transitions.registration_may_move(from_status=previous, to_status=to_status)
        if not allowed:
            return False
        students = registration["students"]
        held = capacity.SEAT_HOLDING_STATUS
        if to_status == held:
            if not self.fits(students):
                raise DemoSeedError(f"{students} students do not fit in {self.capacity}")
            self.confirmed += students
        elif previous == held:
            self.confirmed -= students
        registration["status"] = to_status
        self.log(registration, previous, to_status, at, by, reason)
        return True

    def _confirmed_or_waitlisted(self, registration: dict) -> str:
        return CONFIRMED if self.fits(registration["students"]) else WAITLISTED

    def request(self, registration: dict, *, approval: bool, at, by) -> bool:
        """A teacher's request: pending in approval mode, else confirmed while seats remain,
        else on the waiting list."""
        status = PENDING if approval else self._confirmed_or_waitlisted(registration)
        return self.move(registration, status, at=at, by=by)

    def approve(self, registration: dict, *, at, by) -> bool:
        return self.move(registration, self._confirmed_or_waitlisted(registration), at=at, by=by)

    def decline(self, registration: dict, *, at, by, reason: str) -> bool:
        return self.move(registration, DECLINED, at=at, by=by, reason=reason)

    def cancel(self, registration: dict, *, at, by, reason: str, waiting: list[dict]) -> bool:
        """Cancel a class; seats it held go to `waiting` (in order of request) first-fit."""
        freed = registration["status"] == capacity.SEAT_HOLDING_STATUS
        if not self.move(registration, CANCELLED, at=at, by=by, reason=reason):
            return False
        if freed:
            self.serve_waitlist(waiting, at=at, by=by)
        return True

    def serve_waitlist(self, registrations: list[dict], *, at, by) -> None:
        for registration in registrations:
            if registration["status"] == WAITLISTED and self.fits(registration["students"]):
                self.move(registration, CONFIRMED, at=at, by=by, reason=PLACE_FREED_REASON)
