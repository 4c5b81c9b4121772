"""Who may do what with proposals (F22, SPEC §1). Checked on the server for every write.

- Signed-in participants who are not blocked submit proposals and support those of others
  (not their own); the author edits their proposal until the first answer is written.
- Moderators of the proposal's district and planners change the state, write the answer and
  publish it; a moderator of another district is refused (`moderates_or_plans`). The back
  office's list (object-less check) is open to moderators and planners and shows each only
  the districts they act on.
- Proposal boxes (the phase) are kept by planners in the back office's snippets.
"""

from typing import Any

import rules

from kek.accounts.rules import is_moderator, is_planner
from kek.participation.rules import may_write, moderates_or_plans


@rules.predicate
def is_author(user: Any, proposal: Any) -> bool:
    return (
        proposal is not None
        and proposal.author_id is not None
        and (proposal.author_id == getattr(user, "pk", None))
    )


@rules.predicate
def before_first_answer(user: Any, proposal: Any) -> bool:
    return proposal is not None and proposal.answered_at is None


# may_write: signed in and not blocked by the moderation (kek.participation.rules).
rules.add_perm("proposals.add_proposal", may_write)
rules.add_perm("proposals.edit_own_proposal", may_write & is_author & before_first_answer)
rules.add_perm("proposals.support_proposal", may_write & ~is_author)

for verb in ("change_proposal", "answer_proposal", "publish_answer", "delete_proposal"):
    rules.add_perm(f"proposals.{verb}", moderates_or_plans)
# The back office's list: every moderator and planner (each sees only their districts).
rules.add_perm("proposals.view_proposal", is_moderator | is_planner)

for verb in ("add", "change", "delete", "view"):
    rules.add_perm(f"proposals.{verb}_proposalbox", is_planner)
