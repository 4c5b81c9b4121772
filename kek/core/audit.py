"""Who is acting, for the change records (issue 16, "Everything on record").

Every change record names the account (`history_user`) and, in words, who acted
(`history_actor`): the account's name for a web request, the command and the operating-system
user for a `kek` command ("Befehl kek import-concept (Betriebssystem-Benutzer root)"), with
the `--user` account in front when one was given. The `kek` dispatcher opens one scope per
command (`acting_as`); `core.commands.acting_user` adds the `--user` account to it, so that
every record the command writes names that account, however deep the write happens.

Nothing here imports Django models; `kek.core.history` reads the scope when it writes a record.
"""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any


@dataclass
class Scope:
    """One command run: its label and, once `--user` is checked, the account it acts for."""

    label: str
    user: Any = None
    reason: str = ""  # the change reason of every record written inside ("Import 7")


_scope: ContextVar[Scope | None] = ContextVar("kek_audit_scope", default=None)


def os_user() -> str:
    """The operating-system user running this process."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for the uid (containers)
        return str(os.getuid()) if hasattr(os, "getuid") else "unbekannt"


def command_label(name: str) -> str:
    """'Befehl kek import-concept (Betriebssystem-Benutzer root)'."""
    return f"Befehl kek {name} (Betriebssystem-Benutzer {os_user()})"


def process_label() -> str:
    """For writes outside a command scope and a web request (shell, migrations, workers)."""
    program = " ".join([os.path.basename(sys.argv[0] or "python"), *sys.argv[1:2]]).strip()
    return f"Prozess {program} (Betriebssystem-Benutzer {os_user()})"


@contextmanager
def acting_as(label: str) -> Iterator[Scope]:
    """Every record written inside is attributed to `label` (and the scope's user, if set)."""
    token = _scope.set(Scope(label))
    try:
        yield _scope.get()  # type: ignore[misc]
    finally:
        _scope.reset(token)


def current_scope() -> Scope | None:
    return _scope.get()


def act_for(user: Any) -> None:
    """The running command acts for `user` (its `--user`); ignored outside a command scope,
    so that nothing leaks into later work of the same process."""
    scope = _scope.get()
    if scope is not None:
        scope.user = user


def scope_user() -> Any:
    scope = _scope.get()
    return scope.user if scope is not None else None


def scope_reason() -> str:
    scope = _scope.get()
    return scope.reason if scope is not None else ""


@contextmanager
def giving_reason(reason: str) -> Iterator[None]:
    """Every record written inside has `reason` as its change reason (unless it has its own);
    outside a command scope a scope without a label of its own is opened for it."""
    scope = _scope.get()
    inner = Scope(scope.label, scope.user, reason) if scope else Scope("", None, reason)
    token = _scope.set(inner)
    try:
        yield
    finally:
        if scope is not None:
            scope.user = inner.user
        _scope.reset(token)


def actor_label(user: Any, *, web: bool = False) -> str:
    """Who acted, in words, for a record by `user` (or None) written now."""
    name = user.get_username() if user is not None else ""
    scope = _scope.get()
    if scope is not None and scope.label:
        return f"{name} über {scope.label}" if name else scope.label
    if name:
        return name
    return "Web (nicht angemeldet)" if web else process_label()
