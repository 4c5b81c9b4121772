"""Public pages of the forums (F21): the overview with open and closed topics and their comment
counts, a topic with its description, subject and comment thread (the participation base's
`{% comments topic %}`); the panels "Diskussion zu diesem Ziel/Handlungsfeld/Projekt" and the
start page's part. Routes in forums/public.py. Every list reads a fixed number of queries.

Comments are written through the participation base's routes, which ask the topic (through the
`participables` registry, see public.py) whether its phase is open."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from kek.core.routes import route_url
from kek.core.views import render
from kek.goals.models import Concept
from kek.goals.public import goal_url
from kek.participation.models import Comment, CommentState
from kek.participation.phases import CLOSED
from kek.projects.models import Project

from .models import SUBJECT_MODELS, SubjectKind, Topic, TopicQuerySet

START_PAGE_TOPICS = 3


def topics_of(home: Any) -> TopicQuerySet:
    return Topic.objects.filter(district_id=home.region_id).order_by(
        "position", "-created_at", "id"
    )


def with_counts(topics: list[Topic]) -> list[Topic]:
    """Each topic gets `comment_count`, its visible comments (one query for all)."""
    for topic in topics:
        topic.comment_count = 0  # type: ignore[attr-defined]
    if not topics:
        return topics
    counts = visible_counts([t.pk for t in topics])
    for topic in topics:
        topic.comment_count = counts.get(topic.pk, 0)  # type: ignore[attr-defined]
    return topics


def visible_counts(pks: list[int]) -> dict[int, int]:
    """topic pk → number of visible comments (as `comments.visible_count`, for many topics)."""
    kind = ContentType.objects.get_for_model(Topic)
    rows = (
        Comment.objects.filter(content_type=kind, object_id__in=pks, state=CommentState.VISIBLE)
        .values("object_id")
        .annotate(n=Count("pk"))
        .values_list("object_id", "n")
    )
    return {int(pk): n for pk, n in rows}


def split(topics: list[Topic]) -> tuple[list[Topic], list[Topic]]:
    """Open and upcoming topics, and the closed ones."""
    closed = [t for t in topics if t.phase() == CLOSED]
    return [t for t in topics if t.phase() != CLOSED], closed


def forums_page(request: HttpRequest, home: Any) -> HttpResponse:
    topics = with_counts(list(topics_of(home)))
    open_topics, closed = split(topics)
    subjects = subject_links(home, topics)
    for topic in topics:
        topic.subject_link = subjects.get(topic.pk)  # type: ignore[attr-defined]
    context = {"open_topics": open_topics, "closed_topics": closed}
    return render(request, home, "forums/forum_list.html", context)


def topic_page(request: HttpRequest, home: Any, pk: int) -> HttpResponse:
    topic = get_object_or_404(topics_of(home), pk=pk)
    context = {"topic": topic, "subject": subject_links(home, [topic]).get(topic.pk)}
    return render(request, home, "forums/topic_detail.html", context)


def subject_links(home: Any, topics: list[Topic]) -> dict[int, dict[str, Any]]:
    """topic pk → {kind, title, url, dropped} of its subject: in the current version, else (a
    goal the current version dropped) as last published, without a link. A project is linked
    while a public catalogue lists it. A few queries for any number of topics."""
    concept = Concept.objects.current_for(home.region)
    public = Concept.objects.filter(region_id=home.region_id).public()
    wanted: dict[str, set] = {}
    for topic in topics:
        if topic.subject_kind:
            wanted.setdefault(topic.subject_kind, set()).add(topic.subject_key)
    shown: dict[tuple[str, Any], Any] = {}  # (kind, key) → the object to link
    old: dict[tuple[str, Any], Any] = {}  # (kind, key) → as last published
    for kind, keys in wanted.items():
        model = SUBJECT_MODELS[kind]
        if model is Project:
            projects = Project.objects.filter(region_id=home.region_id, key__in=keys)
            listed = set(
                projects.filter(concepts__in=public).values_list("key", flat=True).distinct()
            )
            for project in projects:
                place = shown if project.key in listed else old
                place[(kind, project.key)] = project
            continue
        if concept is not None:
            for obj in model.objects.filter(concept=concept, key__in=keys):
                shown[(kind, obj.key)] = obj
        missing = keys - {key for k, key in shown if k == kind}
        earlier = model.objects.filter(concept__in=public, key__in=missing).order_by(
            "concept__version"
        )
        for obj in earlier:  # the newest version last: it wins
            old[(kind, obj.key)] = obj
    found: dict[int, dict[str, Any]] = {}
    for topic in topics:
        ref = (topic.subject_kind, topic.subject_key)
        kind = SubjectKind(topic.subject_kind).label if topic.subject_kind else ""
        if ref in shown:
            obj = shown[ref]
            url = project_link(home, obj) if isinstance(obj, Project) else goal_url(home, obj)
            found[topic.pk] = {"kind": kind, "title": str(obj), "url": url, "dropped": False}
        elif ref in old:
            found[topic.pk] = {"kind": kind, "title": str(old[ref]), "url": "", "dropped": True}
    return found


# ----------------------------------------------------------------------------- panels


def panel_topics(home: Any, obj: Any) -> list[Topic]:
    return with_counts(list(topics_of(home).about(obj)))


def field_panel(home: Any, concept: Concept, field: Any) -> dict[str, Any]:
    return {"forum_topics": panel_topics(home, field), "forum_heading": "Handlungsfeld"}


def goal_panel(home: Any, concept: Concept, goal: Any) -> dict[str, Any]:
    # Sub-goal pages have no topics of their own (kind_of gives "": none).
    return {"forum_topics": panel_topics(home, goal), "forum_heading": "Ziel"}


def project_panel(home: Any, concept: Concept, project: Project) -> dict[str, Any]:
    return {"forum_topics": panel_topics(home, project), "forum_heading": "Projekt"}


def start_forums(home: Any, concept: Any) -> dict[str, Any]:
    """Start page, section "Beteiligung": the open topics."""
    topics = list(topics_of(home))
    open_topics = [t for t in topics if t.is_open()][:START_PAGE_TOPICS]
    return {"forum_open_topics": with_counts(open_topics), "forum_has_topics": bool(topics)}


def project_link(home: Any, project: Project) -> str:
    return route_url("project", home, ref=project.public_ref)


def topic_url(topic: Topic, home: Any) -> str:
    return route_url("topic", home, pk=topic.pk)
