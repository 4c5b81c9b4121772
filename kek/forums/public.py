"""The forums' public pages, navigation entry, start-page part, panels on the field, goal and
project pages, part of a district's backup and the topic as a participable of the
participation base (registered in ForumsConfig.ready)."""

from typing import Any

from kek.core.registry import (
    BackupPart,
    NavEntry,
    PagePart,
    PublicationCheck,
    PublicRoute,
    backup_parts,
    goal_panels,
    navigation,
    project_panels,
    publication_checks,
    start_page,
)
from kek.core.registry import public_routes as routes
from kek.participation.registry import Participable, participables

from . import versions, views
from .models import Topic


def register() -> None:
    routes.register(PublicRoute("forums", "beteiligung/foren/", views.forums_page))
    routes.register(PublicRoute("topic", "beteiligung/foren/<int:pk>/", views.topic_page))
    navigation.register(NavEntry("forums", "beteiligung", "Foren", "forums", 15))
    start_page.register(
        PagePart("forums", "beteiligung", "forums/_start_section.html", views.start_forums, 3)
    )
    goal_panels.register(
        PagePart("forum_field", "field", "forums/_panel.html", views.field_panel, order=40)
    )
    goal_panels.register(
        PagePart("forum_goal", "goal", "forums/_panel.html", views.goal_panel, order=40)
    )
    project_panels.register(
        PagePart("forum_project", "project", "forums/_panel.html", views.project_panel, order=40)
    )
    backup_parts.register(BackupPart("forums", 68, backup_rows))
    publication_checks.register(PublicationCheck("forums", versions.dropped_subjects, order=40))
    participables.register(
        Participable(
            label="forums.topic",
            district=lambda topic: topic.district,
            phase=lambda topic: topic,
            premoderated=lambda topic: topic.premoderated,
            url=views.topic_url,
            title=lambda topic: topic.title,
        )
    )


def backup_rows(region: Any) -> list[Any]:
    """The district's topics. Their subjects are named by the goals' and projects' stable keys,
    which a restore keeps; the comments on them are the participation base's part."""
    return [Topic.objects.filter(district=region)]
