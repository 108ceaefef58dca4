"""One shape for every state change: lock, check, log, notify on commit.

A service locks the rows it changes (`lock`), checks its rule, writes, then calls
`change_record` with the history row: the row is validated and appended, and what must
wait for the commit (e-mails, cache invalidation) is queued with `transaction.on_commit`,
so a rolled-back write never e-mails anybody.
"""

from collections.abc import Callable, Iterable
from functools import partial

from django.db import models, transaction


def lock(queryset: models.QuerySet, pk):
    """The row `pk` of `queryset`, locked until the end of the transaction.

    Only that row: the rows its `select_related` joins (an event's académie…) stay free,
    or every write of an académie would queue behind one session's lock.
    """
    return queryset.select_for_update(of=("self",)).get(pk=pk)


def change_record(
    *, change: models.Model, notify=None, after_commit: Iterable[Callable[[], None]] = ()
) -> models.Model:
    """Append `change` to its history; after the commit, enqueue `notify` (a task taking
    `change_id`) and run the `after_commit` callbacks."""
    change.full_clean()
    change.save()
    if notify is not None:
        transaction.on_commit(partial(notify.enqueue, change_id=change.pk))
    for callback in after_commit:
        transaction.on_commit(callback)
    return change
