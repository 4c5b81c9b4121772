"""Who may see and change the committees' objects (F19).

Planners and admins (staff roles) maintain everything in the back office. Reading is public,
except for non-public meetings, agenda items and files: those only the members of the
meeting's committees (a `Person` linked to their account, with a current membership) and the
staff roles see. The querysets' `visible_to(user)` say the same for lists; both rest on
models.member_organizations.
"""

import rules

from kek.accounts.rules import is_staff_role

from .models import AgendaItem, File, Meeting

MODELS = ("body", "organization", "person", "membership", "legislativeterm", "location",
          "meeting", "agendaitem", "paper", "consultation", "file")  # fmt: skip


@rules.predicate
def can_see_meeting(user, meeting) -> bool:
    return meeting is not None and Meeting.objects.visible_to(user).filter(pk=meeting.pk).exists()


@rules.predicate
def can_see_agenda_item(user, item) -> bool:
    return item is not None and AgendaItem.objects.visible_to(user).filter(pk=item.pk).exists()


@rules.predicate
def can_see_file(user, file) -> bool:
    return file is not None and File.objects.visible_to(user).filter(pk=file.pk).exists()


for model in MODELS:
    for verb in ("add", "change", "delete"):
        rules.add_perm(f"committees.{verb}_{model}", is_staff_role)
for model in MODELS:
    if model not in ("meeting", "agendaitem", "file"):
        rules.add_perm(f"committees.view_{model}", is_staff_role)  # public pages need none
rules.add_perm("committees.view_meeting", is_staff_role | can_see_meeting)
rules.add_perm("committees.view_agendaitem", is_staff_role | can_see_agenda_item)
rules.add_perm("committees.view_file", is_staff_role | can_see_file)
