"""The audit log ("Protokoll", issue 16): every recorded change of every model, newest first.

Sources are the historical tables of all models with a history (found through
django-simple-history's registration, so a new app's models join without a registry), Wagtail's
page log (pages: edits, publishing, moves …), Wagtail's log of the models without a history of
their own (documents, images, sites, collections …) and the sign-ins (kek.accounts).

One page of the log is one UNION ALL query over the filtered sources (when, source, id, who),
ordered by time and cut by LIMIT/OFFSET in the database, plus a count; then each source loads
and describes only its rows of that page (kek.core.changes: a few queries per source).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import CharField, F, Q, QuerySet, Value
from django.urls import NoReverseMatch, reverse

from kek.accounts.models import SignInEvent

from .changes import HistoryEntry, describe, history_of

PAGES, WAGTAIL, SIGN_INS = "pages", "wagtail", "signins"


@dataclass(frozen=True)
class Source:
    """One table of the log: how to filter it, and how to describe the rows of a page."""

    key: str
    label: str
    queryset: Callable[[], QuerySet]
    when: str
    names: tuple[str, ...]  # columns a "who" search looks in
    load: Callable[[list[int]], dict[int, HistoryEntry]]

    def rows(self, who: str = "", since=None, until=None, extra: Q | None = None) -> QuerySet:
        query = self.queryset().order_by()
        if extra is not None:
            query = query.filter(extra)
        if who:
            query = query.filter(_any_contains(self.names, who))
        if since is not None:
            query = query.filter(**{f"{self.when}__gte": since})
        if until is not None:
            query = query.filter(**{f"{self.when}__lt": until})
        return query.values(
            log_at=F(self.when),
            log_source=Value(self.key, output_field=CharField()),
            log_row=F("pk"),
        )


def _any_contains(names: Iterable[str], text: str) -> Q:
    query = Q()
    for name in names:
        query |= Q(**{f"{name}__icontains": text})
    return query


# ----------------------------------------------------------------------------- the sources


def recorded_models() -> list[type[models.Model]]:
    """Every model with a history (kek.core.history), in app order."""
    return [m for m in apps.get_models() if hasattr(m._meta, "simple_history_manager_attribute")]


def record_source(model: type[models.Model]) -> Source:
    history_model = history_of(model)
    return Source(
        key=model._meta.label_lower,
        label=str(model._meta.verbose_name_plural),
        queryset=history_model.objects.all,
        when="history_date",
        names=("history_actor", "history_user__username"),
        load=lambda ids: _load_records(history_model, ids),
    )


def _load_records(history_model, ids: list[int]) -> dict[int, HistoryEntry]:
    records = list(history_model.objects.filter(history_id__in=ids))
    links = snippet_links(history_model, records)
    found = {}
    for record, entry in zip(records, describe(records), strict=True):
        entry.url = links.get(record.pk, "")
        found[record.pk] = entry
    return found


def page_source() -> Source:
    from wagtail.models import PageLogEntry

    return Source(
        key=PAGES,
        label="Seiten",
        queryset=PageLogEntry.objects.all,
        when="timestamp",
        names=("user__username",),
        load=lambda ids: _load_log(PageLogEntry, ids, "Seite"),
    )


def wagtail_source() -> Source:
    """Wagtail's log of the models that keep no history of their own (their edits are in
    their historical tables already, in more detail)."""
    from wagtail.models import ModelLogEntry

    recorded = ContentType.objects.get_for_models(*recorded_models()).values()

    def rows() -> QuerySet:
        return ModelLogEntry.objects.exclude(content_type__in=[c.pk for c in recorded])

    return Source(
        key=WAGTAIL,
        label="Dateien, Bilder, Websites und Weiteres (Wagtail)",
        queryset=rows,
        when="timestamp",
        names=("user__username",),
        load=lambda ids: _load_log(ModelLogEntry, ids, ""),
    )


def _load_log(model, ids: list[int], kind: str) -> dict[int, HistoryEntry]:
    from wagtail.log_actions import registry
    from wagtail.models import Page

    found = {}
    entries = list(model.objects.filter(pk__in=ids).select_related("user", "content_type"))
    pages = {e.page_id for e in entries if kind}
    existing = set(Page.objects.filter(pk__in=pages).values_list("pk", flat=True))
    for entry in entries:
        user = entry.user
        found[entry.pk] = HistoryEntry(
            when=entry.timestamp,
            who=(user.get_full_name() or user.get_username()) if user else "System",
            action=str(registry.get_action_label(entry.action)),
            kind=kind or str(entry.content_type.name if entry.content_type else ""),
            label=entry.label,
            url=_page_history_url(entry, existing) if kind else "",
        )
    return found


def _page_history_url(entry, existing: set[int]) -> str:
    if entry.page_id not in existing:
        return ""
    return reverse("wagtailadmin_pages:history", args=[entry.page_id])


def sign_in_source() -> Source:
    return Source(
        key=SIGN_INS,
        label="Anmeldungen",
        queryset=SignInEvent.objects.all,
        when="when",
        names=("username",),
        load=_load_sign_ins,
    )


def _load_sign_ins(ids: list[int]) -> dict[int, HistoryEntry]:
    return {
        event.pk: HistoryEntry(
            when=event.when,
            who=event.username or "(ohne Benutzernamen)",
            action=event.get_kind_display(),
            kind="Anmeldung",
            label=f"von {event.ip_address}" if event.ip_address else "",
        )
        for event in SignInEvent.objects.filter(pk__in=ids)
    }


def all_sources() -> list[Source]:
    return [
        *(record_source(m) for m in recorded_models()),
        page_source(),
        wagtail_source(),
        sign_in_source(),
    ]


# ----------------------------------------------------------------------------- links


def snippet_links(history_model, records: Sequence[Any]) -> dict[int, str]:
    """history id → the back-office history of its object (or of the parent the row belongs
    to, for child rows), where that object still exists."""
    model = history_model.instance_type
    target, attname = model, model._meta.pk.attname
    parent = next((f for f in model._meta.fields if _is_parental(f)), None)
    if parent is not None:
        target, attname = parent.related_model, parent.attname
    url_name = _history_url_name(target)
    if url_name is None:
        return {}
    wanted = {getattr(r, attname) for r in records} - {None}
    existing = set(target._base_manager.filter(pk__in=wanted).values_list("pk", flat=True))
    return {
        r.pk: reverse(url_name, args=[getattr(r, attname)])
        for r in records
        if getattr(r, attname) in existing
    }


def _is_parental(f) -> bool:
    from modelcluster.fields import ParentalKey

    return isinstance(f, ParentalKey)


def _history_url_name(model) -> str | None:
    viewset = getattr(model, "snippet_viewset", None)
    if viewset is None:
        return None
    name = viewset.get_url_name("history")
    try:
        reverse(name, args=[0])
    except NoReverseMatch:
        return None
    return name


# ----------------------------------------------------------------------------- one page


@dataclass(frozen=True)
class Filters:
    who: str = ""
    kinds: tuple[str, ...] = ()  # source keys; empty: all
    since: datetime | None = None
    until: datetime | None = None


class LogPage(Sequence):
    """The log as a sequence for Django's paginator: len() is one COUNT of the union, a slice
    is one query for the page's rows plus the sources' loading of exactly those rows."""

    def __init__(self, sources: list[Source], filters: Filters, extra=None) -> None:
        self.sources = {s.key: s for s in sources}
        chosen = [s for s in sources if not filters.kinds or s.key in filters.kinds]
        parts = [
            s.rows(filters.who, filters.since, filters.until, (extra or {}).get(s.key))
            for s in chosen
        ]
        self.query: QuerySet | None = None
        if parts:
            self.query = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
        self._count: int | None = None

    def __len__(self) -> int:
        if self._count is None:
            self._count = self.query.count() if self.query is not None else 0
        return self._count

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        if self.query is None:
            return []
        rows = list(self.query.order_by("-log_at", "-log_row")[index])
        wanted: dict[str, list[int]] = defaultdict(list)
        for row in rows:
            wanted[row["log_source"]].append(row["log_row"])
        loaded = {key: self.sources[key].load(ids) for key, ids in wanted.items()}
        return [loaded[row["log_source"]][row["log_row"]] for row in rows]
