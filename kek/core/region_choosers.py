"""Choosing regions in the back office by search instead of a select with every region of
Germany (issue 11: after a municipal import 13,500 <option>s made every form with a region
field slow).

Wagtail's chooser (a `ChooserViewSet` for `Region`, at /admin/kek/gebiete/) lists the regions a
field accepts, 20 per page, searched by name or official key (AGS). Every region field of a
back-office form gets it, without a panel naming it (`register_form_fields`, called in
CoreConfig.ready):

- a foreign key to Region: `RegionChooser`, Wagtail's chooser widget (one region);
- a many-to-many field to Region: `RegionsChooser`, the chosen regions as ticked boxes (untick
  to remove) and "Gebiete hinzufügen", which opens the same chooser for several regions
  (kek/region-chooser.js); its form field, `RegionMultipleChoiceField`, accepts only what the
  widget offers.

What a field offers is its `RegionScope`: the model field's `limit_choices_to`, a level, and
"within": only the regions below a region. A panel narrows it with its own widget, e.g. the
municipalities of the edited object's district:

    FieldPanel("municipalities", widget=RegionsChooser(level=MUNICIPALITY, in_district=True))

The district is the one chosen in the form (its field `region`) or the object's
(`district_of`). The form field applies the same scope to its queryset, so a region outside it
is refused with a German message, whatever the browser sends.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.safestring import SafeString, mark_safe
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.staticfiles import versioned_static
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.widgets.chooser import BaseChooser

from kek.regions.models import Region

VIEWSET_NAME = "kek_gebiete"
# A municipality's parent is its district or a Gemeindeverband/Regierungsbezirk in between.
DEPTH = 3


@dataclass(frozen=True)
class RegionScope:
    """Which regions a field offers: `source` ("app_label.Model.field", whose
    limit_choices_to applies), `level` (Region.Level), `within` (pk: regions below it)."""

    source: str = ""
    level: str = ""
    within: int | None = None

    def filter(self, regions: QuerySet) -> QuerySet:
        limit = limit_of(self.source)
        if limit:
            regions = regions.complex_filter(limit)
        if self.level:
            regions = regions.filter(level=self.level)
        if self.within is not None:
            below = Q()
            for depth in range(1, DEPTH + 1):
                below |= Q(**{"__".join(["parent"] * depth) + "_id": self.within})
            regions = regions.filter(below)
        return regions

    def params(self) -> dict[str, str]:
        found = {"source": self.source, "level": self.level}
        if self.within is not None:
            found["within"] = str(self.within)
        return {key: value for key, value in found.items() if value}

    @classmethod
    def from_query(cls, query: Any) -> RegionScope:
        within = query.get("within", "")
        levels = {value for value, _ in Region.Level.choices}
        level = query.get("level", "")
        return cls(
            source=query.get("source", "") if limit_of(query.get("source", "")) is not None else "",
            level=level if level in levels else "",
            within=int(within) if within.isdigit() else None,
        )

    def describe(self) -> str:
        """What the scope offers, in German: "Gemeinden in Nordsachsen"."""
        level = dict(Region.Level.choices).get(self.level, "Gebietseinheiten")
        plural = {"Gemeinde": "Gemeinden", "Kreis": "Kreise", "Land": "Länder",
                  "Staat": "Staaten", "Regierungsbezirk": "Regierungsbezirke"}  # fmt: skip
        words = plural.get(level, level)
        if self.within is not None:
            region = Region.objects.filter(pk=self.within).first()
            if region is not None:
                return f"{words} in {region.name}"
        return words


def limit_of(source: str) -> Any:
    """The limit_choices_to of a model field named "app_label.Model.field" that relates to
    Region ({} without a limit); None if there is no such field."""
    try:
        app_label, model_name, field_name = source.split(".")
        field = apps.get_model(app_label, model_name)._meta.get_field(field_name)
    except (ValueError, LookupError, FieldDoesNotExist):
        return None
    if field.related_model is not Region or not hasattr(field, "get_limit_choices_to"):
        return None
    return field.get_limit_choices_to() or {}


def source_of(db_field: models.Field) -> str:
    return f"{db_field.model._meta.label}.{db_field.name}"


def district_of(form: Any) -> int | None:
    """The district (region pk) of the object a back-office form edits: the one chosen in the
    form (a field `region`), else the object's `region`, else its concept's (`concept`, as
    projects had before they got a region of their own), else that of one of its `concepts`."""
    if form.is_bound and "region" in form.fields:
        chosen = str(form.data.get(form.add_prefix("region")) or "")
        if chosen.isdigit():
            return int(chosen)
    instance = form.instance
    if getattr(instance, "region_id", None):
        return instance.region_id
    opts = type(instance)._meta
    if getattr(instance, "concept_id", None):
        concept = opts.get_field("concept").related_model
        return concept.objects.filter(pk=instance.concept_id).values_list("region_id").first()[0]
    if instance.pk and any(f.name == "concepts" for f in opts.get_fields()):
        first = instance.concepts.values_list("region_id", flat=True).first()
        if first is not None:
            return first
    return None


# ----------------------------------------------------------------------------- chooser views


class RegionSearchForm(BaseFilterForm):
    q = forms.CharField(
        label="Suche",
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "Name oder amtlicher Schlüssel"}),
    )

    def filter(self, objects: QuerySet) -> QuerySet:
        query = " ".join(self.cleaned_data.get("q", "").split())
        if not query:
            return objects
        self.is_searching = True
        self.search_query = query
        if query.isdigit():
            return objects.filter(ags__startswith=query)
        for word in query.split():
            objects = objects.filter(name__icontains=word)
        return objects


class RegionListing:
    """The chooser's list: the scope from the URL, search, name, level and parent."""

    filter_form_class = RegionSearchForm
    ordering = ("name", "ags")
    request: Any

    def get_object_list(self) -> QuerySet:
        scope = RegionScope.from_query(self.request.GET)
        return scope.filter(Region.objects.select_related("parent"))

    @property
    def title_column(self) -> Any:
        column = super().title_column  # type: ignore[misc]
        column.label = "Gebiet"
        return column

    @property
    def columns(self) -> list:
        return [
            *super().columns,  # type: ignore[misc]
            Column("level", label="Ebene", accessor="get_level_display"),
            Column(
                "parent", label="Gehört zu", accessor=lambda r: r.parent.name if r.parent else ""
            ),
        ]


class RegionChooseView(RegionListing, chooser_views.ChooseView):
    pass


class RegionChooseResultsView(RegionListing, chooser_views.ChooseResultsView):
    pass


class RegionChooserViewSet(ChooserViewSet):
    model = Region
    icon = "site"
    choose_one_text = "Gebiet wählen"
    choose_another_text = "Anderes Gebiet wählen"
    page_title = "Gebiet wählen"
    edit_item_text = "Bearbeiten"
    per_page = 20
    preserve_url_parameters = ["multiple", "source", "level", "within"]
    choose_view_class = RegionChooseView
    choose_results_view_class = RegionChooseResultsView
    register_widget = False  # register_form_fields passes each field's scope

    def get_urlpatterns(self) -> list:
        # Regions come from the official register and imports, never from this chooser.
        return [p for p in super().get_urlpatterns() if p.name != "create"]


region_chooser_viewset = RegionChooserViewSet(VIEWSET_NAME, url_prefix="kek/gebiete")


# ----------------------------------------------------------------------------- widgets


class ScopedWidget:
    """A widget that knows which regions its field offers."""

    def __init__(
        self,
        *args: Any,
        scope: RegionScope | None = None,
        level: str = "",
        in_district: bool = False,
        **kwargs: Any,
    ) -> None:
        self.scope = scope or RegionScope()
        if level:
            self.scope = replace(self.scope, level=level)
        self.in_district = in_district
        super().__init__(*args, **kwargs)

    def with_source(self, db_field: models.Field) -> None:
        if not self.scope.source:
            self.scope = replace(self.scope, source=source_of(db_field))

    def modal_url(self) -> str:
        url = reverse(region_chooser_viewset.get_url_name("choose"))
        params = self.scope.params()
        return f"{url}?{urlencode(params)}" if params else url


class RegionChooser(ScopedWidget, BaseChooser):
    """One region (a foreign key): Wagtail's chooser widget on the region chooser."""

    model = Region
    icon = "site"
    choose_one_text = "Gebiet wählen"
    choose_another_text = "Anderes Gebiet wählen"
    link_to_chosen_text = "Bearbeiten"
    show_edit_link = False
    chooser_modal_url_name = f"{VIEWSET_NAME}:choose"

    def get_chooser_modal_url(self) -> str:
        return self.modal_url()


class RegionsChooser(ScopedWidget, forms.Widget):
    """Several regions (many-to-many): the chosen ones as ticked boxes, more from the chooser.
    Only the chosen regions are in the page, never the whole list."""

    allow_multiple_selected = True
    template_name = "core/admin/regions_chooser.html"

    def value_from_datadict(self, data: Any, files: Any, name: str) -> list[str]:
        getter = getattr(data, "getlist", None)
        return getter(name) if getter else list(data.get(name) or [])

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return False  # no box ticked means no region

    def format_value(self, value: Any) -> list[str]:
        if value is None:
            return []
        values = value if isinstance(value, (list, tuple)) else [value]
        return [str(getattr(v, "pk", v)) for v in values]

    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> SafeString:
        keys = [v for v in self.format_value(value) if v.isdigit()]
        chosen = {str(r.pk): r for r in Region.objects.filter(pk__in=keys)}
        attrs = self.build_attrs(self.attrs, attrs)
        own_id = attrs.get("id", f"id_{name}")
        # the district's chooser in the same form: its hidden input, "id_region" (with prefix)
        district_id = own_id.removesuffix(name.rpartition("-")[2]) + "region"
        html = render_to_string(
            self.template_name,
            {
                "name": name,
                "id": own_id,
                "chosen": [chosen[k] for k in keys if k in chosen],
                "modal_url": self.modal_url(),
                "scope": json.dumps(self.scope.params()),
                "linked": district_id if self.in_district else "",
                "offered": self.scope.describe(),
            },
        )
        return mark_safe(html)  # noqa: S308 - a template with autoescape

    @cached_property
    def media(self) -> forms.Media:
        return forms.Media(
            js=[
                versioned_static("wagtailadmin/js/chooser-modal.js"),
                versioned_static("kek/region-chooser.js"),
            ],
            css={"all": [versioned_static("kek/region-chooser.css")]},
        )


# ----------------------------------------------------------------------------- form field


class RegionMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Accepts only the regions its widget offers (its scope, within the object's district
    where the widget says so)."""

    def get_bound_field(self, form: Any, field_name: str) -> Any:
        widget = self.widget
        if isinstance(widget, ScopedWidget) and self.queryset is not None:
            if widget.in_district:
                widget.scope = replace(widget.scope, within=district_of(form))
            self.queryset = widget.scope.filter(self.queryset)
        return super().get_bound_field(form, field_name)

    def clean(self, value: Any) -> Any:
        try:
            return super().clean(value)
        except ValidationError as error:
            if getattr(error, "code", None) != "invalid_choice":
                raise
            keys = [str(v) for v in (value or []) if str(v).isdigit()]
            offered = self.queryset if self.queryset is not None else Region.objects.none()
            allowed = set(offered.filter(pk__in=keys).values_list("pk", flat=True))
            refused = Region.objects.filter(pk__in=keys).exclude(pk__in=allowed)
            names = ", ".join(f"„{region}“" for region in refused) or "Unbekanntes Gebiet"
            scope = getattr(self.widget, "scope", RegionScope()).describe()
            raise ValidationError(
                f"Nicht wählbar: {names}. Hier sind nur {scope} wählbar.",
                code="invalid_choice",
            ) from error


def _many_to_many_override(db_field: models.Field) -> dict[str, Any]:
    if db_field.related_model is not Region:
        return {}
    widget = RegionsChooser()
    widget.with_source(db_field)
    return {"form_class": RegionMultipleChoiceField, "widget": widget}


def _foreign_key_override(db_field: models.Field) -> dict[str, Any]:
    widget = RegionChooser()
    widget.with_source(db_field)
    return {"widget": widget}


def register_form_fields() -> None:
    """Every region field of a Wagtail admin form gets the chooser (see the module
    docstring); a panel's own widget (FieldPanel(widget=…)) takes precedence."""
    register_form_field_override(models.ForeignKey, to=Region, override=_foreign_key_override)
    register_form_field_override(models.ManyToManyField, override=_many_to_many_override)


def district_municipalities() -> RegionsChooser:
    """The widget of a field such as a project's "Betroffene Gemeinden": the municipalities of
    the district the edited object belongs to (`district_of`), none of any other."""
    return RegionsChooser(level=Region.Level.MUNICIPALITY, in_district=True)
