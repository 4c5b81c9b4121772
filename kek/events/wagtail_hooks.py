"""The events in the Wagtail back office, menu group "Veranstaltungen": the events with
their counts of registrations, and per event the list of registrations, its CSV export and
"Veranstaltung absagen"."""

from django.db.models import Count, Q
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from kek.core.admin_history import HistoryPanel, RecordedHistory

from . import admin_views, registrations
from .forms import EventForm
from .models import Event, EventState
from .models import RegistrationStatus as S


class EventViewSet(RecordedHistory, SnippetViewSet):
    model = Event
    icon = "date"
    menu_label = "Veranstaltungen"
    # Few columns, so that the title and its buttons keep their width ("kind" is a filter).
    list_display = ["title", "start", "state",
                    Column("registered", label="Angemeldet", sort_key="registered"),
                    Column("waiting", label="Warteliste", sort_key="waiting"),
                    "capacity", "region"]  # fmt: skip
    list_filter = ["region", "kind", "state"]
    search_fields = ["title", "text"]
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = ["region", "kind", "title", "start", "end", "location", "text",
                           "registration", "capacity", "registration_opens",
                           "registration_closes", "state", "reason", "is_example"]  # fmt: skip
    edit_handler = ObjectList([
        FieldRowPanel([FieldPanel("region"), FieldPanel("kind")]),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldPanel("location"),
        FieldPanel("text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("registration"), FieldPanel("capacity")]),
                FieldRowPanel(
                    [FieldPanel("registration_opens"), FieldPanel("registration_closes")]
                ),
            ],
            heading="Anmeldung",
        ),
        FieldRowPanel([FieldPanel("state"), FieldPanel("reason")]),
        FieldPanel("is_example"),
        HistoryPanel(heading="Änderungsverlauf"),
    ], base_form_class=EventForm)  # fmt: skip

    def get_queryset(self, request):
        return Event.objects.select_related("region").annotate(
            registered=Count("registrations", filter=Q(registrations__status=S.REGISTERED)),
            waiting=Count("registrations", filter=Q(registrations__status=S.WAITING)),
        )


class EventGroup(SnippetViewSetGroup):
    menu_label = "Veranstaltungen"
    menu_icon = "date"
    menu_order = 175
    items = (EventViewSet,)


register_snippet(EventGroup)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "kek/veranstaltungen/<int:pk>/anmeldungen/",
            admin_views.registration_list,
            name="kek_event_registrations",
        ),
        path(
            "kek/veranstaltungen/<int:pk>/anmeldungen/csv/",
            admin_views.registration_csv,
            name="kek_event_registrations_csv",
        ),
        path(
            "kek/veranstaltungen/<int:pk>/absagen/",
            admin_views.cancel_event,
            name="kek_cancel_event",
        ),
    ]


@hooks.register("register_snippet_listing_buttons")
def event_buttons(snippet, user, next_url=None):
    if not isinstance(snippet, Event):
        return
    if user.has_perm("events.view_registration"):
        url = reverse("kek_event_registrations", args=[snippet.pk])
        yield ListingButton("Anmeldungen", url, icon_name="group", priority=30)
    if user.has_perm("events.cancel_event", snippet) and snippet.state != EventState.CANCELLED:
        url = reverse("kek_cancel_event", args=[snippet.pk])
        yield ListingButton("Veranstaltung absagen …", url, icon_name="warning", priority=31)


@hooks.register("after_edit_snippet")
def fill_new_places(request, instance):
    """More places after an edit: the first on the waiting list move up (and are told)."""
    if isinstance(instance, Event):
        registrations.fill_after_change(instance, admin_views.site_of(request, instance))
