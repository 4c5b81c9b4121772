"""Signals of the participation base, heard by the follows app (notifications):

- `comment_posted(sender=Comment, comment=…)`: a comment became visible (written without
  pre-moderation, or approved by a moderator);
- `report_filed(sender=Report, report=…)`: somebody reported an item."""

from django.dispatch import Signal

comment_posted = Signal()
report_filed = Signal()
