"""What notifies whom (F25), heard through signals; the apps that send them do not know the
follows app:

- a reply to a comment: its parent's author (participation's `comment_posted`, sent when a
  comment becomes visible; without that signal, post_save of a visible comment);
- an official answer to a proposal published (proposals' `answer_published`): the author and
  the proposal's followers; a new proposal: its author follows it;
- a project's status changed or a new measurement of one of its target indicators counts
  (the change records of kek.core.history: simple_history's `post_create_historical_record`,
  the old value in the previous record; a measurement counts once it is reviewed "ok"):
  the project's followers;
- a new forum topic on a field of action, strategic goal or project: their followers (a
  topic names its subject by the version-independent key).

Models and signals of apps that may not exist yet are looked up when the app is ready, so the
follows work whatever the other apps already have. Each event has one key per user
(`notify`'s dedupe key): the same event heard twice notifies once."""

from __future__ import annotations

import importlib
import logging
from typing import Any

from django.apps import apps
from django.db.models.signals import post_save

from . import mails, subjects
from .models import Follow
from .notify import Reason, following, notify

log = logging.getLogger(__name__)
UID = "kek.follows."


def _model(label: str) -> Any | None:
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def subject_url(obj: Any, district_id: int | None) -> str:
    """The absolute address of a followed thing or a participable ("" without a site)."""
    home = mails.home_of(district_id)
    root = mails.site_root(district_id)
    if home is None or root is None or obj is None:
        return ""
    base = root.rstrip("/")
    try:
        path = subjects.page_url(home, obj)
        return _absolute(base, path) if path else ""
    except Exception:  # an address is a courtesy; the notification goes out without it
        log.exception("Adresse für %s %s nicht gefunden", obj._meta.label, obj.pk)
    return ""


def _absolute(base: str, path: str) -> str:
    if path.startswith(("http://", "https://")):
        return path
    return base + (path if path.startswith("/") else "/" + path)


def followers_by_key(kind: str, key: Any, district_id: int) -> tuple[list[Any], Any]:
    """Followers of the field of action / strategic goal / project with `key` in the district
    (any concept version's row), and that thing (the newest row), or ([], None)."""
    model = {
        "field": _model("goals.fieldofaction"),
        "goal": _model("goals.strategicgoal"),
        "project": _model("projects.project"),
    }.get(kind)
    if model is None or key is None:
        return [], None
    if kind == "project":
        rows = model.objects.filter(key=key, region_id=district_id)
    else:
        rows = model.objects.filter(key=key, concept__region_id=district_id)
    rows = list(rows.order_by("-pk"))
    if not rows:
        return [], None
    from django.contrib.contenttypes.models import ContentType

    follows = Follow.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id__in=[r.pk for r in rows],
    ).select_related("user")
    users = list({f.user_id: f.user for f in follows}.values())
    current = (
        next((r for r in rows if getattr(r.concept, "is_current", False)), rows[0])
        if (kind != "project")
        else rows[0]
    )
    return users, current


# ----------------------------------------------------------------------------- comments


def comment_reply(comment: Any) -> None:
    """The parent's author hears of a visible reply (not of their own)."""
    if getattr(comment, "state", "visible") != "visible" or not comment.parent_id:
        return
    parent = comment.parent
    author = getattr(parent, "author", None)
    if author is None or author.pk == comment.author_id:
        return
    subject = comment.subject
    title = _participable_title(subject)
    url = subject_url(subject, comment.district_id)
    if url:
        url += f"#kommentar-{comment.pk}"
    where = f" zu „{title}“" if title else ""
    notify(
        [author],
        Reason(
            "reply",
            f"Sie erhalten diese E-Mail, weil jemand auf Ihren Kommentar{where} geantwortet hat.",
        ),
        f"Neue Antwort auf Ihren Kommentar{where}",
        url,
        _excerpt(comment.text),
        f"comment-reply:{comment.pk}",
        comment.district_id,
    )


def _participable_title(obj: Any) -> str:
    if obj is None:
        return ""
    try:
        from kek.participation import registry

        entry = registry.for_object(obj)
        if entry is not None:
            return str(entry.title(obj))
    except Exception:
        pass
    return str(getattr(obj, "title", "") or obj)


def _excerpt(text: str, limit: int = 600) -> str:
    text = (text or "").strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def on_comment_posted(sender: Any, comment: Any, **kwargs: Any) -> None:
    comment_reply(comment)


def on_comment_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    comment_reply(instance)


# ----------------------------------------------------------------------------- proposals


def on_answer_published(sender: Any, proposal: Any, **kwargs: Any) -> None:
    published = getattr(proposal, "answer_published_at", None)
    key = f"proposal-answer:{proposal.pk}:{published.isoformat() if published else ''}"
    title = proposal.title
    subject = f"Antwort auf den Vorschlag „{title}“"
    url = subject_url(proposal, proposal.district_id)
    text = _excerpt(getattr(proposal, "published_answer", "") or getattr(proposal, "answer", ""))
    if proposal.author_id:
        notify(
            [proposal.author],
            Reason(
                "author",
                f"Sie erhalten diese E-Mail, weil Sie den Vorschlag „{title}“ eingereicht haben.",
            ),
            subject,
            url,
            text,
            key,
            proposal.district_id,
        )
    notify(
        subjects.followers(proposal),
        following(proposal),
        subject,
        url,
        text,
        key,
        proposal.district_id,
    )


def on_proposal_saved(sender: Any, instance: Any, created: bool = False, **kwargs: Any) -> None:
    """Authors follow their own proposals."""
    if created and not kwargs.get("raw") and instance.author_id:
        subjects.follow(instance.author, instance)


# ----------------------------------------------------------------------------- projects


def on_project_record(sender: Any, instance: Any, history_instance: Any, **kwargs: Any) -> None:
    if history_instance.history_type != "~":
        return
    previous = history_instance.prev_record
    if previous is None or previous.status == history_instance.status:
        return
    labels = dict(type(instance).Status.choices)
    old, new = labels.get(previous.status, previous.status), labels.get(instance.status)
    notify(
        subjects.followers(instance),
        following(instance),
        f"Neuer Stand des Projekts „{instance.title}“: {new}",
        subject_url(instance, instance.region_id),
        f"Der Status des Projekts „{instance.title}“ ist jetzt „{new}“ (vorher „{old}“).",
        f"project-status:{instance.pk}:{history_instance.pk}",
        instance.region_id,
    )


def on_measurement_record(sender: Any, instance: Any, history_instance: Any, **kwargs: Any) -> None:
    """A measurement counts once it is reviewed "ok" (at once, or when a planner accepts it)."""
    if history_instance.history_type == "-" or instance.review != "ok":
        return
    previous = history_instance.prev_record
    if previous is not None and previous.review == "ok":
        return
    indicator = instance.indicator
    project = indicator.project
    if project is None:
        return
    unit = f" {indicator.unit}" if indicator.unit else ""
    notify(
        subjects.followers(project),
        following(project),
        f"Neuer Messwert im Projekt „{project.title}“",
        subject_url(project, project.region_id),
        f"{indicator.title}: {instance.value:g}{unit} am {instance.date:%d.%m.%Y}.",
        f"measurement:{instance.pk}",
        project.region_id,
    )


# ----------------------------------------------------------------------------- forum topics


def on_topic_saved(sender: Any, instance: Any, created: bool = False, **kwargs: Any) -> None:
    if not created or kwargs.get("raw"):
        return
    kind = getattr(instance, "subject_kind", "")
    users, subject = followers_by_key(kind, getattr(instance, "subject_key", None),
                                      instance.district_id)  # fmt: skip
    if not users:
        return
    title = subjects.title_of(subject)
    notify(
        users,
        following(subject),
        f"Neue Diskussion zu „{title}“: {instance.title}",
        subject_url(instance, instance.district_id),
        _excerpt(getattr(instance, "description", "")),
        f"topic:{instance.pk}",
        instance.district_id,
    )


# ----------------------------------------------------------------------------- wiring


def _signal(module: str, name: str) -> Any | None:
    try:
        return getattr(importlib.import_module(module), name, None)
    except ImportError:
        return None


def connect() -> None:
    """Connect to whatever of the other apps exists (called in FollowsConfig.ready)."""
    comment = _model("participation.comment")
    comment_posted = _signal("kek.participation.signals", "comment_posted")
    if comment_posted is not None:
        comment_posted.connect(on_comment_posted, dispatch_uid=UID + "comment_posted")
    elif comment is not None:
        post_save.connect(on_comment_saved, sender=comment, dispatch_uid=UID + "comment_saved")

    answer_published = _signal("kek.proposals.signals", "answer_published")
    if answer_published is not None:
        answer_published.connect(on_answer_published, dispatch_uid=UID + "answer_published")
    proposal = _model("proposals.proposal")
    if proposal is not None:
        post_save.connect(on_proposal_saved, sender=proposal, dispatch_uid=UID + "proposal")

    from simple_history.signals import post_create_historical_record

    from kek.projects.models import Measurement, Project

    post_create_historical_record.connect(
        on_project_record, sender=Project.history.model, dispatch_uid=UID + "project"
    )
    post_create_historical_record.connect(
        on_measurement_record, sender=Measurement.history.model, dispatch_uid=UID + "measurement"
    )

    topic = _model("forums.topic")
    if topic is not None:
        post_save.connect(on_topic_saved, sender=topic, dispatch_uid=UID + "topic")
