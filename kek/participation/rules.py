"""Who may moderate what, and who may write. `moderates_district(user, obj)`: the user is in
the group "Moderation" and assigned to the district of `obj` (a comment, a report, a
registered participable, anything with a `district`, or a Region itself); superusers moderate
everywhere. Planners act on their own concept but moderate only if they are moderators too.

Writing (comments, ratings, reports) needs an account that is not blocked; editing one's
comment also the edit window. One permission per action, checked on the server."""

from typing import Any

import rules

from kek.accounts.rules import is_moderator, is_planner

from . import blocks
from .registry import for_object


def district_of(obj: Any) -> Any:
    participable = for_object(obj) if hasattr(obj, "_meta") else None
    if participable is not None:
        return participable.district(obj)
    district = getattr(obj, "district", None)
    return obj if district is None else district


@rules.predicate
def assigned_to_district(user: Any, obj: Any) -> bool:
    if obj is None or not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    district = district_of(obj)
    return user.moderated_districts.filter(district=district).exists()


moderates_district = is_moderator & assigned_to_district
moderates_or_plans = moderates_district | is_planner


@rules.predicate
def is_blocked(user: Any) -> bool:
    return blocks.is_blocked(user)


@rules.predicate
def is_comment_author(user: Any, comment: Any) -> bool:
    return comment is not None and user.is_authenticated and comment.author_id == user.pk


@rules.predicate
def in_edit_window(user: Any, comment: Any) -> bool:
    from .comments import in_edit_window as within
    from .models import CommentState as S

    return comment is not None and comment.state in (S.VISIBLE, S.PENDING) and within(comment)


@rules.predicate
def not_deleted(user: Any, comment: Any) -> bool:
    from .models import CommentState as S

    return comment is not None and comment.state != S.DELETED


may_write = rules.is_authenticated & ~is_blocked

rules.add_perm("participation.add_comment", may_write)
rules.add_perm("participation.add_rating", may_write)
rules.add_perm("participation.add_report", may_write)
rules.add_perm("participation.change_comment", may_write & is_comment_author & in_edit_window)
rules.add_perm("participation.delete_comment", may_write & is_comment_author & not_deleted)

# The back office's moderation queue and log (each lists only the user's districts).
rules.add_perm("participation.view_moderation", is_moderator)
for _action in ("hide_comment", "restore_comment", "review_report", "approve_comment",
                "block_user"):  # fmt: skip
    rules.add_perm(f"participation.{_action}", moderates_district)
