"""Change records of the content models (issue 16, "Everything on record").

Every content model declares `history = History()` (django-simple-history's `HistoricalRecords`
with three additions), so each change is a row of its historical table: who (`history_user`,
and `history_actor` in words, see kek.core.audit), when, what kind (+ ~ -), all field values
and, for the many-to-many fields a model names in `m2m_fields`, the links at that moment.

- A save that changes nothing recorded (Wagtail's inline panels save every child row on each
  edit; signing in saves `last_login`) writes no record.
- Links changed right after the save that wrote an object's latest record (a form saves the
  fields, then the links) go into that record instead of one record per add and remove.
- Bulk writes through `bulk_create_with_history`/`bulk_update_with_history` name the actor
  and store the links too; `record_links` records links written in bulk with `bulk_create`
  on the through table, `links_in_latest` puts them into the records just written.

Observations (statistics values) are not recorded one by one: their import batch is.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Max
from django.dispatch import receiver
from django.utils import timezone
from modelcluster.fields import ParentalKey
from simple_history.manager import HistoryManager
from simple_history.models import HistoricalRecords
from simple_history.signals import post_create_historical_record, pre_create_historical_record

from . import audit

# Links changed this soon after the save of the same object belong to that save's record.
SAME_EDIT = timedelta(seconds=10)


class AuditRecord(models.Model):
    """Base of every historical model: who acted, in words."""

    # A record refers to documents, regions … as they were; Wagtail must not count that as
    # a use of them ("Verwendung"), nor index every record it saves.
    wagtail_reference_index_ignore = True

    history_actor = models.CharField("Handelnd", max_length=255, blank=True, default="")

    class Meta:
        abstract = True


class AuditLinkRecord(models.Model):
    """Base of the historical link tables (the links a record holds)."""

    wagtail_reference_index_ignore = True

    class Meta:
        abstract = True


def in_web_request() -> bool:
    """simple_history's middleware keeps the current request while a view runs."""
    return getattr(HistoricalRecords.context, "request", None) is not None


def actor_for(user: Any) -> str:
    return audit.actor_label(user, web=in_web_request())[:255]


class AuditHistoryManager(HistoryManager):
    """Bulk records name the actor and hold the links, like single ones."""

    def bulk_history_create(
        self,
        objs,
        batch_size=None,
        update=False,
        default_user=None,
        default_change_reason="",
        default_date=None,
        custom_historical_attrs=None,
    ):
        fallback = default_user or self.model.get_default_history_user(None)
        by_user: dict[Any, tuple[Any, list]] = {}
        for obj in objs:
            user = getattr(obj, "_history_user", fallback)
            by_user.setdefault(getattr(user, "pk", None), (user, []))[1].append(obj)
        created: list = []
        for user, group in by_user.values():
            attrs = {"history_actor": actor_for(user), **(custom_historical_attrs or {})}
            created += (
                super().bulk_history_create(
                    group,
                    batch_size=batch_size,
                    update=update,
                    default_user=user,
                    default_change_reason=default_change_reason or audit.scope_reason(),
                    default_date=default_date,
                    custom_historical_attrs=attrs,
                )
                or []
            )
        store_links(self.model, created)
        return created


class History(HistoricalRecords):
    """`HistoricalRecords` with the actor, no empty records and one record per edit."""

    def __init__(
        self,
        verbose_name: str = "Änderungsverlauf",
        bases: Iterable[type] = (AuditRecord,),
        m2m_bases: Iterable[type] = (AuditLinkRecord,),
        history_manager: type[HistoryManager] = AuditHistoryManager,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            verbose_name=verbose_name,
            bases=tuple(bases),
            m2m_bases=tuple(m2m_bases),
            history_manager=history_manager,
            **kwargs,
        )

    def copy_fields(self, model):
        """A child row's ParentalKey becomes a plain foreign key in its record: the record is
        no child of the parent's cluster (modelcluster refuses related_name "+" on it)."""
        fields = super().copy_fields(model)
        for field in fields.values():
            if isinstance(field, ParentalKey):
                field.__class__ = models.ForeignKey  # as simple_history turns AutoField
        return fields

    def get_history_user(self, instance):
        """The explicit `_history_user`, the request's account, or the command's `--user`."""
        return super().get_history_user(instance) or audit.scope_user()

    def post_save(self, instance, created, using=None, **kwargs):
        if not created and self._nothing_recorded_changed(instance, kwargs.get("update_fields")):
            return
        super().post_save(instance, created, using=using, **kwargs)

    def _nothing_recorded_changed(self, instance, update_fields) -> bool:
        if update_fields and set(update_fields) <= set(self.excluded_fields):
            return True
        if getattr(instance, "_change_reason", None):
            return False
        # A timestamp the save itself sets (auto_now) is no change of its own.
        fields = [f for f in self.fields_included(instance) if not getattr(f, "auto_now", False)]
        latest = (
            getattr(instance, self.manager_name)
            .order_by("-history_date", "-history_id")
            .values_list("history_type", *[f.attname for f in fields])
            .first()
        )
        if latest is None or latest[0] == "-":
            return False
        return all(
            _same(field, stored, getattr(instance, field.attname))
            for field, stored in zip(fields, latest[1:], strict=True)
        )

    def m2m_changed(self, instance, action, attr, pk_set, reverse, model=None, **kwargs):
        if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
            return
        if reverse:
            self._reverse_links_changed(instance, action, attr, pk_set)
        elif action in ("post_add", "post_remove", "post_clear") and not hasattr(
            instance, "skip_history_when_saving"
        ):
            self.links_changed(instance)

    def links_changed(self, instance) -> None:
        """Record the links of `instance`: in the record its last save just wrote, or anew."""
        record = getattr(instance, "_audit_record", None)
        if record is not None and self._is_latest_and_recent(instance, record):
            for field in record._history_m2m_fields:
                self.m2m_models[field].objects.filter(history=record).delete()
            self.create_historical_record_m2ms(record, instance)
        else:
            self.create_historical_record(instance, "~")

    def _is_latest_and_recent(self, instance, record) -> bool:
        if timezone.now() - record.history_date > SAME_EDIT:
            return False
        latest = getattr(instance, self.manager_name).order_by("-history_date", "-history_id")
        return latest.values_list("history_id", flat=True).first() == record.pk

    def _reverse_links_changed(self, target, action, attr, pk_set) -> None:
        """`goal.swot_items.add(item)`: the records belong to the items, not to the goal."""
        field = self.cls._meta.get_field(attr)
        through = field.remote_field.through
        source, target_name = field.m2m_field_name(), field.m2m_reverse_field_name()
        if action == "pre_clear":
            rows = through.objects.filter(**{target_name: target})
            target._audit_cleared = list(rows.values_list(f"{source}_id", flat=True))
            return
        if action == "post_clear":
            pk_set = target.__dict__.pop("_audit_cleared", [])
        elif action not in ("post_add", "post_remove"):
            return
        for obj in self.cls._default_manager.filter(pk__in=list(pk_set or ())):
            self.create_historical_record(obj, "~")


def _same(field, stored, value) -> bool:
    """Whether a stored value and the instance's value are the same (a form or a script may
    have set "2024-01-01" where the database gives a date)."""
    if stored == value:
        return True
    try:
        return field.to_python(stored) == field.to_python(value)
    except (TypeError, ValueError, ValidationError):
        return False


@receiver(pre_create_historical_record, dispatch_uid="kek-audit-actor")
def _name_the_actor(sender, history_instance, history_user=None, **kwargs) -> None:
    if isinstance(history_instance, AuditRecord) and not history_instance.history_actor:
        history_instance.history_actor = actor_for(history_user)
    if isinstance(history_instance, AuditRecord) and not getattr(
        history_instance, "history_change_reason", None
    ):
        history_instance.history_change_reason = audit.scope_reason() or None  # type: ignore[attr-defined]


@receiver(post_create_historical_record, dispatch_uid="kek-audit-latest")
def _remember_the_record(sender, instance, history_instance, **kwargs) -> None:
    if isinstance(history_instance, AuditRecord):
        instance._audit_record = history_instance


def is_recorded(model: type[models.Model]) -> bool:
    return hasattr(model._meta, "simple_history_manager_attribute")


# ----------------------------------------------------------------------------- links in bulk


def _m2m_fields(history_model) -> list:
    return list(getattr(history_model, "_history_m2m_fields", []))


def _link_rows(field, object_ids: Iterable[int]) -> dict[int, list[dict]]:
    """The through rows of `field` per object id, as attribute values."""
    through = field.remote_field.through
    source = f"{field.m2m_field_name()}_id"
    names = [f.attname for f in through._meta.concrete_fields]
    result: dict[int, list[dict]] = {}
    for row in through.objects.filter(**{f"{source}__in": list(object_ids)}).values(*names):
        result.setdefault(row[source], []).append(row)
    return result


def store_links(history_model, records: list) -> None:
    """Write the current links of each record's object into the record (records of a bulk
    write; a single save stores them itself)."""
    fields = _m2m_fields(history_model)
    if not records or not fields:
        return
    pk_name = history_model.instance_type._meta.pk.attname
    if any(record.pk is None for record in records):  # no RETURNING on this database
        latest = latest_records(history_model, [getattr(r, pk_name) for r in records])
        records = list(history_model.objects.filter(history_id__in=latest.values()))
    object_ids = {getattr(record, pk_name) for record in records}
    for field in fields:
        m2m_history = HistoricalRecords.m2m_models[field]
        rows = _link_rows(field, object_ids)
        m2m_history.objects.bulk_create(
            [
                m2m_history(history_id=record.pk, **row)
                for record in records
                for row in rows.get(getattr(record, pk_name), [])
            ]
        )


def latest_records(history_model, object_ids: Iterable[int]) -> dict[int, int]:
    """object id → history id of its latest record."""
    pk_name = history_model.instance_type._meta.pk.attname
    rows = (
        history_model.objects.filter(**{f"{pk_name}__in": list(object_ids)})
        .values(pk_name)
        .annotate(latest=Max("history_id"))
        .values_list(pk_name, "latest")
    )
    return dict(rows)


def links_in_latest(model: type[models.Model], object_ids: list[int]) -> None:
    """Put the current links of the objects into their latest records (records a bulk write
    has just created, before the links were written in bulk)."""
    history_model = model.history.model  # type: ignore[attr-defined]
    latest = latest_records(history_model, object_ids)
    for field in _m2m_fields(history_model):
        HistoricalRecords.m2m_models[field].objects.filter(history_id__in=latest.values()).delete()
    store_links(history_model, list(history_model.objects.filter(history_id__in=latest.values())))


def _stored_link_sets(history_model, field, record_ids: Iterable[int]) -> dict[int, set]:
    target = f"{field.m2m_reverse_field_name()}_id"
    rows = HistoricalRecords.m2m_models[field].objects.filter(history_id__in=list(record_ids))
    result: dict[int, set] = {}
    for history_id, value in rows.values_list("history_id", target):
        result.setdefault(history_id, set()).add(value)
    return result


def record_links(model: type[models.Model], object_ids: list[int], *, user=None, reason=None):
    """A "changed" record for each object whose links differ from its latest record (links
    written in bulk on the through table: no signal tells simple_history). Returns the ids."""
    history_model = model.history.model  # type: ignore[attr-defined]
    latest = latest_records(history_model, object_ids)
    changed: set[int] = set()
    for field in _m2m_fields(history_model):
        target = f"{field.m2m_reverse_field_name()}_id"
        current = {
            obj: {row[target] for row in rows}
            for obj, rows in _link_rows(field, object_ids).items()
        }
        stored = _stored_link_sets(history_model, field, latest.values())
        for obj in object_ids:
            if current.get(obj, set()) != stored.get(latest.get(obj, -1), set()):
                changed.add(obj)
    if changed:
        objs = list(model._default_manager.filter(pk__in=changed))
        model.history.bulk_history_create(  # type: ignore[attr-defined]
            objs, update=True, default_user=user, default_change_reason=reason
        )
    return changed


def _recorded_links() -> dict[type[models.Model], tuple[Any, str]]:
    """through model → (the m2m field, its source column) for every recorded link table."""
    return {
        field.remote_field.through: (field, f"{field.m2m_field_name()}_id")
        for field in HistoricalRecords.m2m_models
    }


def _linked_in(collector) -> dict[type[models.Model], set[int]]:
    """The objects whose recorded links a deletion by `collector` removes, per model."""
    recorded = _recorded_links()
    found: dict[type[models.Model], set[int]] = {}
    batches = [(qs.model, qs) for qs in collector.fast_deletes if hasattr(qs, "model")]
    batches += [(model, list(objs)) for model, objs in collector.data.items()]
    for model, rows in batches:
        if model not in recorded:
            continue
        field, source = recorded[model]
        if isinstance(rows, list):
            ids = {getattr(row, source) for row in rows}
        else:
            ids = set(rows.values_list(source, flat=True))
        found.setdefault(field.model, set()).update(ids)
    return found


def links_removed_by(instances: Iterable[models.Model]) -> dict[type[models.Model], set[int]]:
    """Before deleting `instances` (one model): the objects whose recorded links the deletion
    and its cascade remove, per model (a sub-goal's projects, a goal's SWOT items)."""
    from django.db import router
    from django.db.models.deletion import Collector

    instances = list(instances)
    if not instances:
        return {}
    collector = Collector(using=router.db_for_write(type(instances[0])))
    collector.collect(instances)
    return _linked_in(collector)


def record_removed_links(affected: dict[type[models.Model], set[int]], user=None) -> None:
    """After the deletion: a "changed" record for each object that lost links and lives on."""
    for model, ids in affected.items():
        record_links(model, sorted(ids), user=user)


@contextmanager
def recording_removed_links(collector, user=None) -> Iterator[None]:
    """Around `collector.delete()` (an import's removal): the links it removes, with what it
    deletes or as link rows of their own, are recorded on the objects that keep living."""
    affected = _linked_in(collector)
    yield
    record_removed_links(affected, user)
