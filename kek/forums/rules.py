"""Planners and the moderators of a district maintain its forum topics in the back office
(F21, SPEC §1); reading the forums needs no account, and commenting is the participation
base's (kek.participation.rules). Every write of the back office is checked against these on
the server: with a topic, a moderator must be assigned to the topic's district; without one
(the list, the empty form) any moderator may ask, and the list and the form's district choice
show only their districts (wagtail_hooks.TopicPolicy)."""

import rules

from kek.accounts.rules import is_moderator, is_planner
from kek.participation.rules import moderates_district


@rules.predicate
def no_topic(user, topic=None) -> bool:
    return topic is None


may_maintain = is_planner | (is_moderator & no_topic) | moderates_district

for verb in ("add", "change", "delete", "view"):
    rules.add_perm(f"forums.{verb}_topic", may_maintain)
