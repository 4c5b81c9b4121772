"""The forum topics in the Wagtail back office (menu "Foren"), for planners and the moderators
of a district: a moderator sees, edits and deletes only the topics of the districts assigned
to them, and the form offers only those districts (forms.TopicForm). Each object view checks
the permission on the topic itself (django-rules, kek/forums/rules.py)."""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    CreateView,
    DeleteView,
    EditView,
    InspectView,
    SnippetViewSet,
    UsageView,
)

from kek.core.admin_history import HistoryPanel, RecordedHistory, RecordedHistoryView
from kek.participation.models import Comment

from .forms import TopicForm, districts_for
from .models import Topic


class TopicPolicy(ModelPermissionPolicy):
    """The model's permissions, asked with the topic (its district) where there is one."""

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        return user.has_perm(self._get_permission_name(action), instance)

    def user_has_any_permission_for_instance(self, user, actions, instance) -> bool:
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        found = super().instances_user_has_any_permission_for(user, actions)
        return found.filter(district__in=districts_for(user))


POLICY = TopicPolicy(Topic)
register_permission_policy(Topic, POLICY, exact_class=True)


class CheckedObject:
    """An object view that refuses (403) a topic the user may not `object_action`."""

    object_action = "change"

    def get_object(self, queryset=None):
        topic = super().get_object(queryset)  # type: ignore[misc]
        if not POLICY.user_has_permission_for_instance(
            self.request.user,  # type: ignore[attr-defined]
            self.object_action,
            topic,
        ):
            raise PermissionDenied
        return topic


class OwnDistrictOnly:
    """A POST naming a district the user does not act on is refused (403) before the form is
    read; the form offers only their districts anyway."""

    def post(self, request, *args, **kwargs):
        district = request.POST.get("district", "")
        allowed = {str(pk) for pk in districts_for(request.user).values_list("pk", flat=True)}
        if district and district not in allowed:
            raise PermissionDenied
        return super().post(request, *args, **kwargs)  # type: ignore[misc]


class TopicCreateView(OwnDistrictOnly, CreateView):
    pass


class TopicEditView(OwnDistrictOnly, CheckedObject, EditView):
    object_action = "change"


KEEP_COMMENTS = (
    "Zu diesem Thema gibt es schon Kommentare; es lässt sich nicht mehr löschen, damit die "
    "Beiträge erhalten bleiben. Beenden Sie stattdessen die Beteiligung („Beteiligung offen "
    "bis“)."
)


class TopicDeleteView(CheckedObject, DeleteView):
    """A topic with comments stays: its participants' contributions are not deleted with it
    (closing the phase ends the discussion instead)."""

    object_action = "delete"

    def dispatch(self, request, *args, **kwargs):
        if has_comments(self.object):
            messages.error(request, KEEP_COMMENTS)
            return redirect(reverse(self.edit_url_name, args=[self.object.pk]))
        return super().dispatch(request, *args, **kwargs)


def has_comments(topic: Topic) -> bool:
    kind = ContentType.objects.get_for_model(Topic)
    return Comment.objects.filter(content_type=kind, object_id=topic.pk).exists()


class TopicInspectView(CheckedObject, InspectView):
    object_action = "view"


class TopicHistoryView(CheckedObject, RecordedHistoryView):
    object_action = "view"


class TopicUsageView(CheckedObject, UsageView):
    object_action = "view"


class TopicViewSet(RecordedHistory, SnippetViewSet):
    model = Topic
    icon = "comment"
    menu_label = "Foren"
    menu_name = "forums"
    menu_order = 176
    add_to_admin_menu = True
    add_view_class = TopicCreateView
    edit_view_class = TopicEditView
    delete_view_class = TopicDeleteView
    inspect_view_class = TopicInspectView
    history_view_class = TopicHistoryView
    usage_view_class = TopicUsageView
    list_display = ["title", "subject_kind", "opens_at", "closes_at", "premoderated", "district"]
    list_filter = ["district", "subject_kind", "premoderated"]
    search_fields = ["title", "description"]
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = ["district", "title", "description", "subject_kind", "opens_at",
                           "closes_at", "premoderated", "position", "is_example",
                           "created_at"]  # fmt: skip
    edit_handler = ObjectList([
        FieldPanel("district"),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("subject"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")])],
            heading="Beteiligungszeitraum",
            help_text="Leer: ohne Beginn bzw. ohne Ende. Außerhalb des Zeitraums lässt sich das "
            "Thema lesen, aber nicht kommentieren.",
        ),
        FieldRowPanel([FieldPanel("premoderated"), FieldPanel("position")]),
        FieldPanel("is_example"),
        HistoryPanel(heading="Änderungsverlauf"),
    ], base_form_class=TopicForm)  # fmt: skip

    def get_queryset(self, request):
        return (
            Topic.objects.filter(district__in=districts_for(request.user))
            .select_related("district")
            .order_by("district", "position", "-created_at", "id")
        )


register_snippet(TopicViewSet)
