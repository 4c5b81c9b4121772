"""The back office's project form: a version's catalogue is frozen once the version is adopted
(or superseded, or in consultation), so the form refuses to add a project to it, drop one from
it, or change which of its sub-goals a project serves. A Fortschreibung changes that."""

from typing import Any

from wagtail.admin.forms import WagtailAdminModelForm

from kek.goals.models import Concept, SubGoal


class ProjectAdminForm(WagtailAdminModelForm):
    def clean(self) -> dict[str, Any]:
        data = super().clean()
        pk = self.instance.pk
        self._refuse_frozen(
            "concepts",
            set(Concept.objects.filter(projects=pk)) if pk else set(),
            set(data.get("concepts") or ()),
            lambda concept: concept,
        )
        self._refuse_frozen(
            "subgoals",
            set(SubGoal.objects.filter(projects=pk).select_related("concept")) if pk else set(),
            set(data.get("subgoals") or ()),
            lambda subgoal: subgoal.concept,
        )
        return data

    def _refuse_frozen(self, field: str, live: set, wanted: set, version_of) -> None:
        """Against the published row, not the draft: a change to a frozen version's catalogue."""
        if field not in self.fields:
            return
        frozen = {version_of(obj) for obj in live ^ wanted} - {None}
        for concept in sorted(frozen, key=lambda c: c.version):
            if not concept.is_editable:
                self.add_error(field, concept.read_only_reason)
