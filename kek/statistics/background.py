"""A django-tasks backend that runs each task in a thread of the web process (F31).

The embedded default: no worker process, no Redis, no extra service. A task is lost if the
process stops while it runs (its import transaction is then rolled back). Configure another
backend (e.g. a database queue with a worker) through KEK_TASK_BACKEND in production.
"""

import threading

from django.db import connections
from django_tasks.backends.immediate import ImmediateBackend


class ThreadBackend(ImmediateBackend):
    """Like ImmediateBackend, but `enqueue` returns at once and the task runs in a thread."""

    def __init__(self, alias: str, params: dict):
        super().__init__(alias, params)
        self.threads: list[threading.Thread] = []

    def _execute_task(self, task_result) -> None:
        thread = threading.Thread(
            target=self._run, args=(task_result,), name=f"kek-task-{task_result.id}", daemon=True
        )
        self.threads = [t for t in self.threads if t.is_alive()] + [thread]
        thread.start()

    def _run(self, task_result) -> None:
        try:
            super()._execute_task(task_result)
        finally:
            connections.close_all()
