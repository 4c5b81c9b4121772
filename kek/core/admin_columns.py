"""Booleans in the back office as "ja" or "nein" (issue 11): Wagtail shows a model's boolean
named in `list_display` as "True"/"False", and its inspect view the same.

`YesNoColumn("is_example", "Beispielinhalt")` is the listing column (sortable by the field);
every BooleanField in an inspect view gets `YesNoDisplay` (registered in CoreConfig.ready)."""

from typing import Any

from wagtail.admin.ui.fields import BaseFieldDisplay
from wagtail.admin.ui.tables import BooleanColumn

YES, NO, UNKNOWN = "ja", "nein", "unbekannt"


class YesNoColumn(BooleanColumn):
    """A boolean field's column: "ja", "nein" (or "unbekannt" for an empty value)."""

    cell_template_name = "core/admin/yes_no_cell.html"

    def __init__(self, name: str, label: str | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("sort_key", name)
        super().__init__(name, label=label, **kwargs)


class YesNoDisplay(BaseFieldDisplay):
    """A boolean's value in an inspect view."""

    template_name = "core/admin/yes_no.html"
