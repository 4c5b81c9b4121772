"""The press series in the Wagtail back office: series and their articles (Presseartikel),
with change history, in the menu group "Presse"."""

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from kek.core.admin_columns import YesNoColumn
from kek.core.admin_history import HistoryPanel, RecordedHistory

from .forms import PressArticleForm
from .models import PressArticle, PressSeries


class PressSeriesViewSet(RecordedHistory, SnippetViewSet):
    model = PressSeries
    icon = "list-ol"
    menu_label = "Presseserien"
    list_display = ["title", "period", "region", "position",
                    YesNoColumn("is_example", "Beispielinhalt")]  # fmt: skip
    list_filter = ["region"]
    search_fields = ["title", "description"]
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = ["region", "title", "period", "description", "position", "is_example"]
    panels = [
        FieldPanel("region"),
        FieldRowPanel([FieldPanel("title"), FieldPanel("period"), FieldPanel("position")]),
        FieldPanel("description"),
        FieldPanel("is_example"),
        HistoryPanel(heading="Änderungsverlauf"),
    ]


class PressArticleViewSet(RecordedHistory, SnippetViewSet):
    model = PressArticle
    icon = "doc-full"
    menu_label = "Presseartikel"
    list_display = ["title", "series", "part", "medium",
                    Column("published", label="Erschienen"), "region",
                    YesNoColumn("is_example", "Beispielinhalt")]  # fmt: skip
    list_filter = ["region", "series", "medium"]
    search_fields = ["title", "medium", "teaser", "author"]
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = ["region", "series", "part", "title", "medium", "first_date",
                           "last_date", "period", "author", "teaser", "url", "document",
                           "fields_of_action", "is_example"]  # fmt: skip
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("region"), FieldPanel("series"), FieldPanel("part")]),
            FieldPanel("title"),
            FieldPanel("medium"),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("first_date"), FieldPanel("last_date")]),
                    FieldPanel("period"),
                ],
                heading="Erscheinungsdatum",
            ),
            FieldPanel("author"),
            FieldPanel("teaser"),
            FieldRowPanel([FieldPanel("url"), FieldPanel("document")]),
            FieldPanel("fields_of_action"),
            FieldPanel("is_example"),
            HistoryPanel(heading="Änderungsverlauf"),
        ],
        base_form_class=PressArticleForm,
    )


class PressGroup(SnippetViewSetGroup):
    menu_label = "Presse"
    menu_icon = "doc-full"
    menu_order = 170
    items = (PressSeriesViewSet, PressArticleViewSet)


register_snippet(PressGroup)
