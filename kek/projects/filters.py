"""Filters of the public project catalogue (a GET form)."""

from collections import Counter
from typing import Any

from django import forms

from kek.goals.models import Concept, FieldOfAction, StrategicGoal
from kek.regions.models import Region

from .models import Project

ALL = ("", "Alle")
SELECT = {"class": "kern-form-input__select"}


class CatalogueFilter(forms.Form):
    """GET filters of the project catalogue; the choices are the current concept's."""

    q = forms.CharField(
        label="Suchbegriff",
        required=False,
        max_length=200,
        help_text="Sucht in Projektnummer, Titel und Beschreibung.",
        widget=forms.TextInput(attrs={"type": "search", "class": "kern-form-input__input"}),
    )
    handlungsfeld = forms.ChoiceField(
        label="Handlungsfeld", required=False, widget=forms.Select(attrs=SELECT)
    )
    ziel = forms.ChoiceField(
        label="Strategisches Ziel", required=False, widget=forms.Select(attrs=SELECT)
    )
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[ALL, *Project.Status.choices],
        widget=forms.Select(attrs=SELECT),
    )
    federfuehrung = forms.ChoiceField(
        label="Federführung", required=False, widget=forms.Select(attrs=SELECT)
    )
    gemeinde = forms.ChoiceField(
        label="Gemeinde", required=False, widget=forms.Select(attrs=SELECT)
    )

    def __init__(self, concept: Concept, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        fields = FieldOfAction.objects.filter(concept=concept).order_by("position", "id")
        self._choices("handlungsfeld", [ALL] + [(f.slug, str(f)) for f in fields])
        self._choices("ziel", [ALL, *_goal_groups(concept)])
        projects = Project.objects.filter(concepts=concept)
        # Without order_by() the model's ordering (region, number) would join the DISTINCT and
        # list a lead body once per project.
        leads = projects.exclude(lead_body="").order_by().values_list("lead_body", flat=True)
        self._choices("federfuehrung", [ALL] + [(lead, lead) for lead in sorted(set(leads))])
        self._choices("gemeinde", [ALL] + municipality_choices(concept, projects))

    def _choices(self, name: str, choices: list[Any]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices

    def filters(self) -> dict[str, str]:
        """The valid, non-empty filters (an invalid one is reported and ignored)."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


def municipality_choices(concept: Concept, projects) -> list[tuple[str, str]]:
    """The municipalities of the district (official eight-digit keys), and any other region a
    listed project names, each once, by name (a name that occurs twice gets its key)."""
    own = Region.objects.filter(
        level=Region.Level.MUNICIPALITY,
        ags__startswith=concept.region.ags,
        ags__regex=r"^[0-9]{8}$",
    )
    named = Region.objects.filter(projects__in=projects.order_by().values("pk"))
    places = sorted(
        {region.pk: region for region in [*own, *named]}.values(),
        key=lambda region: (region.name.casefold(), region.ags),
    )
    names = Counter(region.name for region in places)
    return [
        (region.ags, region.name if names[region.name] == 1 else f"{region.name} ({region.ags})")
        for region in places
    ]


def _goal_groups(concept: Concept) -> list[tuple[str, list[tuple[str, str]]]]:
    """Strategic goals grouped by field of action (an <optgroup> per field)."""
    goals = (
        StrategicGoal.objects.filter(concept=concept)
        .select_related("field")
        .order_by("field__position", "field_id", "position", "id")
    )
    groups: dict[str, list[tuple[str, str]]] = {}
    for goal in goals:
        groups.setdefault(f"Handlungsfeld {goal.field}", []).append((goal.number, str(goal)))
    return list(groups.items())
