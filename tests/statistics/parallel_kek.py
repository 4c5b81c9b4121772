"""Run one `kek` command in N processes at once: `python -m tests.statistics.parallel_kek N
import-stats FILE`. Prints a JSON list with each process's exit code, stdout and stderr.

The processes are forked from one that has loaded Django (starting Django twenty times took
most of a test's time); each opens its own database connection, and all start together."""

import json
import os
import sys
import tempfile
import traceback
from contextlib import ExitStack


def run_child(args: list[str], start: int, out, err) -> None:
    os.read(start, 1)  # wait until every process is forked
    os.dup2(out.fileno(), 1)
    os.dup2(err.fileno(), 2)
    code = 0
    try:
        from django.core.management import execute_from_command_line

        execute_from_command_line(["kek", "kek", *args])
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    except BaseException:
        traceback.print_exc()
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def finished(pid: int, out, err) -> dict:
    _, status = os.waitpid(pid, 0)
    out.seek(0)
    err.seek(0)
    return {
        "returncode": os.waitstatus_to_exitcode(status),
        "stdout": out.read().decode(),
        "stderr": err.read().decode(),
    }


def main() -> None:
    count, args = int(sys.argv[1]), sys.argv[2:]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kek.settings")
    import django
    from django.db import connections

    django.setup()
    connections.close_all()  # no connection is shared across the fork
    start, go = os.pipe()
    with ExitStack() as files:
        children = []
        for _ in range(count):
            out = files.enter_context(tempfile.TemporaryFile())
            err = files.enter_context(tempfile.TemporaryFile())
            sys.stdout.flush()
            sys.stderr.flush()
            pid = os.fork()
            if pid == 0:
                os.close(go)
                run_child(args, start, out, err)
            children.append((pid, out, err))
        os.write(go, b"x" * count)
        results = [finished(*child) for child in children]
    print(json.dumps(results))


if __name__ == "__main__":
    main()
