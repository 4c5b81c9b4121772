"""Adopted versions are a record in the back office too (issue 11).

Only a draft of the concept may change (`Concept.is_editable`). `VersionedViewSet`, mixed into
the SnippetViewSet of a model that belongs to a concept version, keeps every object of another
version read-only, checked on the server:

- its edit and delete views refuse: a GET leads to the read-only inspect view, a POST is
  answered 403 with the German reason and changes nothing;
- the inspect view shows the reason, the same object in the district's working draft if there
  is one, else "Neue Version daraus anlegen" (goals.copy_concept);
- listings link such objects to the inspect view without edit or delete, and bulk deletion
  skips them (the permission policy answers per object);
- the add and edit forms offer only parents of draft versions (`version_choices`), and a form
  whose object would land in another version is refused with the reason.

The viewset names the path from its model to the concept (`concept_path`), so that other apps'
per-version content can use the mechanism as it is.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any
from urllib.parse import urlencode

import django_filters  # type: ignore[import-untyped]
from django import forms
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views import View
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry, register_permission_policy
from wagtail.snippets.views.snippets import (
    CreateView,
    DeleteView,
    EditView,
    IndexView,
    InspectView,
)

from .models import Concept
from .rules import concept_of

WRITES = frozenset({"add", "change", "delete"})
DRAFT_STATUS = Concept.Status.DRAFT
DRAFTS_ONLY = "Nur Versionen im Entwurf: eine beschlossene Version ändert sich nicht mehr."
NO_DRAFT = (
    "Zurzeit ist keine Version im Entwurf; legen Sie unter „Konzeptversionen“ zuerst eine "
    "neue Version an („Neue Version daraus anlegen“)."
)


def editable(queryset: QuerySet, path: str) -> QuerySet:
    """The objects of `queryset` that belong to a draft version (`path` leads to the concept)."""
    return queryset.filter(**{f"{path}__status" if path else "status": Concept.Status.DRAFT})


class VersionedPolicy(ModelPermissionPolicy):
    """The model's permissions (django-rules), and no `locked` action on an object whose
    concept version is not a draft, whoever asks (superusers too)."""

    def __init__(self, model, concept_path: str, locked=WRITES) -> None:
        super().__init__(model)
        self.concept_path = concept_path
        self.locked = frozenset(locked)

    def concept(self, instance) -> Concept | None:
        return concept_of(instance, self.concept_path)

    def read_only_reason(self, instance) -> str:
        concept = self.concept(instance)
        return "" if concept is None or concept.is_editable else concept.read_only_reason

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        if action in self.locked and self.read_only_reason(instance):
            return False
        return user.has_perm(self._get_permission_name(action), instance)

    def instances_user_has_any_permission_for(self, user, actions):
        found = super().instances_user_has_any_permission_for(user, actions)
        return editable(found, self.concept_path) if set(actions) <= self.locked else found


def policy_of(view) -> VersionedPolicy | None:
    policy = view.permission_policy
    return policy if isinstance(policy, VersionedPolicy) else None


def locked_reason(view, obj, action: str) -> str:
    """Why `action` on `obj` is refused because of its version; "" if it is not."""
    policy = policy_of(view)
    if policy is None or action not in policy.locked:
        return ""
    return policy.read_only_reason(obj)


def refuse(request, view, obj, reason: str):
    """GET: the read-only inspect view (it names the reason); POST: 403 with the reason."""
    inspect_url = reverse(view.inspect_url_name, args=[quote(obj.pk)])
    if request.method in ("GET", "HEAD"):
        return redirect(inspect_url)
    context = {
        "page_title": "Nicht änderbar",
        "header_title": "Nicht änderbar",
        "object": obj,
        "read_only_reason": reason,
        "inspect_url": inspect_url,
        **version_links(request.user, obj, policy_of(view), view.edit_url_name, inspect_url),
    }
    return TemplateResponse(request, "goals/admin/read_only.html", context, status=403)


def version_links(user, obj, policy, edit_url_name: str | None, back_url: str) -> dict:
    """Where a planner goes on from a read-only object: the same object (same key) in the
    district's working draft, else a new version from the object's one."""
    concept = policy.concept(obj) if policy else None
    if concept is None:
        return {}
    draft = Concept.objects.working_draft(concept.region)
    found: dict[str, Any] = {"draft": draft}
    key = getattr(obj, "key", None)
    if draft is not None and key is not None and edit_url_name:
        lookup = {"key": key, policy.concept_path: draft} if policy.concept_path else None
        twin = type(obj).objects.filter(**lookup).first() if lookup else None
        if twin is not None:
            found["draft_url"] = reverse(edit_url_name, args=[quote(twin.pk)])
    if draft is None and user.has_perm("goals.copy_concept"):
        found["new_version_url"] = (
            f"{reverse('kek_new_version', args=[concept.pk])}?{urlencode({'next': back_url})}"
        )
    return found


class _ChecksTheResult:
    """Add and edit: the saved object must belong to a draft version (its parent's)."""

    def is_valid(self, form) -> bool:
        valid = super().is_valid(form)  # type: ignore[misc]
        reason = locked_reason(self, form.instance, "change") if valid else ""
        if reason:
            form.add_error(None, reason)
            self.produced_error_message = reason
            return False
        return valid


class VersionedCreateView(_ChecksTheResult, CreateView):
    pass


class _RefusesLocked(PermissionCheckedMixin, View):
    """Edit and delete views: an object of a non-draft version is refused with the reason."""

    locked_action = ""
    object: Any

    def dispatch(self, request, *args, **kwargs):
        if not self.user_has_permission(self.permission_required):
            raise PermissionDenied
        if reason := locked_reason(self, self.object, self.locked_action):
            return refuse(request, self, self.object, reason)
        return super().dispatch(request, *args, **kwargs)


class VersionedEditView(_RefusesLocked, _ChecksTheResult, EditView):
    locked_action = "change"


class VersionedDeleteView(_RefusesLocked, DeleteView):
    locked_action = "delete"
    inspect_url_name = None
    edit_url_name = None


class VersionedInspectView(InspectView):
    """The read-only view of an object; for one of a non-draft version with the reason."""

    template_name = "goals/admin/inspect.html"
    history_url_name = None
    inspect_url_name = None

    @cached_property
    def read_only_reason(self) -> str:
        return locked_reason(self, self.object, "change")

    def get_edit_url(self):
        return None if self.read_only_reason else super().get_edit_url()

    def get_delete_url(self):
        if locked_reason(self, self.object, "delete"):
            return None
        return super().get_delete_url()

    def get_field_label(self, field_name, field):
        if field is not None and field.one_to_many:  # evidence and other child rows
            return str(field.related_model._meta.verbose_name_plural)
        return super().get_field_label(field_name, field)

    def get_field_display_value(self, field_name, field):
        if field_name == "field":  # Wagtail would call this very method for a field "field"
            return str(getattr(self.object, field_name))
        return super().get_field_display_value(field_name, field)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["read_only_reason"] = self.read_only_reason
        if self.history_url_name:
            context["history_url"] = reverse(self.history_url_name, args=[quote(self.object.pk)])
        if self.read_only_reason:
            here = reverse(self.inspect_url_name, args=[quote(self.object.pk)])
            context |= version_links(
                self.request.user, self.object, policy_of(self), self.edit_url_name, here
            )
        return context


class VersionedIndexView(IndexView):
    """Objects of a non-draft version open read-only: no edit or delete in the listing."""

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        policy = policy_of(self)
        related = {policy.concept_path} if policy and policy.concept_path else set()
        if any(f.name == "concept" for f in self.model._meta.fields):
            related.add("concept")
        return queryset.select_related(*related) if related else queryset

    def get_edit_url(self, instance):
        return None if locked_reason(self, instance, "change") else super().get_edit_url(instance)

    def get_delete_url(self, instance):
        if locked_reason(self, instance, "delete"):
            return None
        return super().get_delete_url(instance)


class EditableChoices:
    """Form mixin: the fields in `version_choices` (field name → path from the chosen model to
    its concept, "" for a concept) offer only objects of draft versions, as a plain select."""

    version_choices: dict[str, str] = {}
    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, path in self.version_choices.items():
            field = self.fields.get(name)
            if not isinstance(field, forms.ModelChoiceField) or field.disabled:
                continue
            if field.queryset is None:
                continue
            queryset = editable(field.queryset, path)
            field.queryset = queryset.select_related(path) if path else queryset
            field.help_text = DRAFTS_ONLY
            if not field.queryset.exists():
                field.help_text += f" {NO_DRAFT}"
            if isinstance(field, forms.ModelMultipleChoiceField):
                continue
            field.label_from_instance = _choice_label(path)  # type: ignore[method-assign]
            field.widget = forms.Select()
            field.widget.choices = field.choices


def _choice_label(path: str):
    def label(obj) -> str:
        concept = concept_of(obj, path)
        if concept is None or concept is obj:
            return str(obj)
        return f"{obj} – {concept.title}, Version {concept.version}"

    return label


def version_column(path: str) -> Column:
    """The concept version of an object, e.g. "KEK Nordsachsen 2030 (Version 2, Entwurf)"."""
    return Column(
        "concept_version",
        label="Konzeptversion",
        accessor=lambda obj: str(concept_of(obj, path) or ""),
        sort_key=f"{path}__version" if path else "version",
    )


class _VersionLabelledChoiceField(forms.ModelChoiceField):
    """A filter's choice of parents named with their version ("1 Wirtschaft – …, Version 2")."""

    def __init__(self, *args: Any, version_path: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.label_from_instance = _choice_label(version_path)  # type: ignore[method-assign]


class _VersionLabelledFilter(django_filters.ModelChoiceFilter):
    field_class = _VersionLabelledChoiceField


def version_filterset(model, fields, parents: dict[str, str]) -> type[WagtailFilterSet]:
    """Filters of a listing: the concept version (labelled "Konzeptversion", also where the
    model's field has no German name), its status, and `fields`; parents (name → path to their
    concept) are offered with their version."""
    filters: dict[str, Any] = {
        "concept": django_filters.ModelChoiceFilter(
            field_name="concept", label="Konzeptversion", queryset=Concept.objects.all()
        ),
        "version_status": django_filters.ChoiceFilter(
            field_name="concept__status", label="Status der Version", choices=Concept.Status.choices
        ),
    }
    for name in fields:
        if name in parents:
            related = model._meta.get_field(name).related_model
            filters[name] = _VersionLabelledFilter(
                field_name=name,
                label=str(related._meta.verbose_name),
                queryset=related.objects.select_related(parents[name]),
                version_path=parents[name],
            )
    rest = [name for name in fields if name not in filters]
    meta = type("Meta", (), {"model": model, "fields": rest})
    return type(f"{model.__name__}VersionFilterSet", (WagtailFilterSet,), {**filters, "Meta": meta})


class VersionedViewSet:
    """Mixin for the SnippetViewSet of a model that belongs to a concept version."""

    model: Any
    concept_path = "concept"  # "" for the concept itself
    locked_actions = WRITES
    version_choices: dict[str, str] = {}
    form_class_base: type | None = None  # the form the panels build on, if not the model's
    inspect_view_enabled = True
    index_view_class = VersionedIndexView
    add_view_class = VersionedCreateView
    edit_view_class = VersionedEditView
    delete_view_class = VersionedDeleteView
    inspect_view_class = VersionedInspectView

    @cached_property
    def filterset_class(self):
        """Goal lists filter by version (models with a `concept` field of their own)."""
        if not self.concept_path or not any(f.name == "concept" for f in self.model._meta.fields):
            return super().filterset_class  # type: ignore[misc]
        fields = [f for f in (self.list_filter or []) if f != "concept"]  # type: ignore[attr-defined]
        return version_filterset(self.model, fields, self.version_choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if policy_registry.get_by_type(self.model, fallback=False) is None:
            policy = VersionedPolicy(self.model, self.concept_path, self.locked_actions)
            register_permission_policy(self.model, policy, exact_class=True)

    def get_edit_handler(self):
        handler = super().get_edit_handler()  # type: ignore[misc]
        if handler is not None and self.form_class_base is not None:
            handler.base_form_class = self.form_class_base
        if handler is not None and self.version_choices:
            base = handler.base_form_class or getattr(
                self.model, "base_form_class", WagtailAdminModelForm
            )
            handler.base_form_class = type(base)(
                f"{self.model.__name__}VersionedForm",
                (EditableChoices, base),
                {"version_choices": self.version_choices, "__module__": __name__},
            )
        return handler


RECORD_FIELDS = ("region", "title", "horizon_year", "version")


class ConceptRecordForm(WagtailAdminModelForm):
    """A version that is no longer a draft stays what it is (district, title, number, horizon
    year, and never a draft again); its adoption, its note and a later status may still be
    recorded."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None or self.instance.is_editable:
            return
        for name in RECORD_FIELDS:
            if name in self.fields:
                self.fields[name].disabled = True
                self.fields[name].help_text = self.instance.read_only_reason
        status = self.fields.get("status")
        if isinstance(status, forms.ChoiceField):
            status.choices = [
                (value, label) for value, label in Concept.Status.choices if value != DRAFT_STATUS
            ]
