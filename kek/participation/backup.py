"""The participation's part of a district's backup (kek.core.backup): the district's comments
(threaded: a reply names its parent), ratings, reports, the moderation log and the blocks the
district's moderators set.

Comments, ratings, reports and log entries name their subject by a generic foreign key
(content type + object id: a forum topic, a proposal, a comment); the engine's `GenericLink`
renumbers it to the restored subject. Accounts are shared rows matched by user name, as the
proposals' supports (a restore creates a missing account inactive, without a password).
Blocks carry their district (the moderator who set it acts for that district), so they
belong to its backup; a block applies to the account everywhere, as before the restore. The
moderators' assignment (`DistrictModerator`) is a role, and roles are not in a backup."""

from __future__ import annotations

from typing import Any

from kek.core.registry import BackupPart, GenericLink

from .models import Block, Comment, ModerationAction, Rating, Report

# After every part whose objects take comments: forums (68), proposals (75), process (70).
ORDER = 80


def part() -> BackupPart:
    return BackupPart(
        "participation",
        ORDER,
        rows,
        generic=(
            GenericLink(Comment, "subject"),
            GenericLink(Rating, "subject"),
            GenericLink(Report, "subject"),
            GenericLink(ModerationAction, "item"),
        ),
    )


def rows(region: Any) -> list[Any]:
    return [
        Comment.objects.filter(district=region),
        Rating.objects.filter(district=region),
        Report.objects.filter(district=region),
        ModerationAction.objects.filter(district=region),
        Block.objects.filter(district=region),
    ]
