"""Users and roles in the Wagtail admin without escalation (issue 16, SPEC §1).

Wagtail's own user and group views let anyone with `auth.add_user`/`auth.change_user` (here:
the `admin` role, kek.accounts.rules) tick "Administrator" (superuser) and any group, so an
`admin` could make a superuser or give themselves every right. These views check on the
server, in the forms and in the views:

* Only superusers grant superuser status or the `admin` role, and only superusers edit a
  superuser's account (its password is the superuser's rights).
* Nobody grants rights they don't have: a group's permissions (when ticking a group for a
  user or permissions for a group) must all be the granting user's own; the page and
  collection permission panels of groups are for superusers only. The `planner` role has
  no stored permissions (its rights come from kek.*.rules); managing it is the `admin`
  role's task, so admins may grant it.
* A non-superuser edits no group they belong to and not the `admin` group.

Installed through `kek.accounts.users_app.KekUsersAppConfig` (in INSTALLED_APPS instead of
`wagtail.users`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.users.forms import GroupForm, UserCreationForm, UserEditForm, UserForm
from wagtail.users.views import groups, users

if TYPE_CHECKING:  # what the mixins below are mixed into
    from wagtail.admin.views.generic import CreateView as _FormView
    from wagtail.users.views.groups import EditView as _PanelView
else:
    _FormView = _PanelView = object

from .roles import ADMIN, group_name

ONLY_SUPERUSERS_GRANT_SUPERUSER = "Nur Superuser können Superuser-Rechte vergeben."
ONLY_SUPERUSERS_GRANT_ADMIN = f"Die Rolle „{group_name(ADMIN)}“ können nur Superuser vergeben."
PANELS_ONLY_FOR_SUPERUSERS = "Seiten- und Sammlungsrechte können nur Superuser vergeben."


def is_superuser(user) -> bool:
    return bool(user is not None and user.is_active and user.is_superuser)


def permission_names(permissions) -> list[str]:
    return [f"{p.content_type.app_label}.{p.codename}" for p in permissions]


def missing_rights(actor, permissions) -> list[str]:
    """The permissions (app.codename) that `actor` lacks; none for a superuser."""
    if is_superuser(actor):
        return []
    if actor is None:
        return permission_names(permissions)
    return [name for name in permission_names(permissions) if not actor.has_perm(name)]


def refused_groups(actor, added) -> list[str]:
    """German reasons why `actor` may not grant the groups `added`."""
    if is_superuser(actor):
        return []
    reasons = []
    for group in added:
        if group.name == group_name(ADMIN):
            reasons.append(ONLY_SUPERUSERS_GRANT_ADMIN)
            continue
        missing = missing_rights(actor, group.permissions.select_related("content_type"))
        if missing:
            reasons.append(
                f"Die Gruppe „{group.name}“ hat Rechte, die Sie selbst nicht haben: "
                f"{', '.join(sorted(missing))}."
            )
    return reasons


class GrantCheckedUserForm(UserForm):
    """Mixin for Wagtail's user forms: the acting user (`for_user`) may grant only what
    they may (see the module docstring)."""

    def __init__(self, *args, for_user=None, **kwargs) -> None:
        self.for_user = for_user
        super().__init__(*args, **kwargs)

    def clean_is_superuser(self) -> bool:
        value = self.cleaned_data.get("is_superuser", False)
        if value and not self.instance.is_superuser and not is_superuser(self.for_user):
            raise ValidationError(ONLY_SUPERUSERS_GRANT_SUPERUSER, code="escalation")
        return value

    def clean_groups(self):
        chosen = self.cleaned_data.get("groups")
        if chosen is None:
            return chosen
        before = set(self.instance.groups.all()) if self.instance.pk else set()
        reasons = refused_groups(self.for_user, [g for g in chosen if g not in before])
        if reasons:
            raise ValidationError(reasons, code="escalation")
        return chosen


class KekUserCreationForm(GrantCheckedUserForm, UserCreationForm):
    pass


class KekUserEditForm(GrantCheckedUserForm, UserEditForm):
    pass


class KekGroupForm(GroupForm):
    def __init__(self, *args, for_user=None, **kwargs) -> None:
        self.for_user = for_user
        super().__init__(*args, **kwargs)

    def clean_permissions(self):
        chosen = self.cleaned_data.get("permissions")
        if chosen is None:
            return chosen
        before = set(self.instance.permissions.all()) if self.instance.pk else set()
        missing = missing_rights(self.for_user, [p for p in chosen if p not in before])
        if missing:
            raise ValidationError(
                "Sie können nur Rechte vergeben, die Sie selbst haben; es fehlen Ihnen: "
                f"{', '.join(sorted(missing))}.",
                code="escalation",
            )
        return chosen


class ForUserFormMixin(_FormView):
    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["for_user"] = self.request.user
        return kwargs


class UserCreateView(ForUserFormMixin, users.CreateView):
    pass


class UserEditView(ForUserFormMixin, users.EditView):
    def setup(self, request, *args, **kwargs) -> None:
        super().setup(request, *args, **kwargs)
        if self.object.is_superuser and not is_superuser(request.user):
            raise PermissionDenied("Nur Superuser können Superuser-Konten bearbeiten.")


class UserViewSet(users.UserViewSet):
    add_view_class = UserCreateView
    edit_view_class = UserEditView

    def get_form_class(self, for_update=False):
        return KekUserEditForm if for_update else KekUserCreationForm


class GroupPanelsChecked(ForUserFormMixin, _PanelView):
    def is_valid(self, form) -> bool:
        if not super().is_valid(form):
            return False
        if not is_superuser(self.request.user) and any(
            panel.has_changed() for panel in self.permission_panel_forms
        ):
            form.add_error(None, PANELS_ONLY_FOR_SUPERUSERS)
            self.produced_error_message = self.get_error_message()
            return False
        return True


def _check_group_access(request, group) -> None:
    if is_superuser(request.user):
        return
    if group.name == group_name(ADMIN) or request.user.groups.filter(pk=group.pk).exists():
        raise PermissionDenied(
            "Gruppen, denen Sie selbst angehören, und die Rolle "
            f"„{group_name(ADMIN)}“ bearbeiten nur Superuser."
        )


class GroupCreateView(GroupPanelsChecked, groups.CreateView):
    pass


class GroupEditView(GroupPanelsChecked, groups.EditView):
    def setup(self, request, *args, **kwargs) -> None:
        super().setup(request, *args, **kwargs)
        _check_group_access(request, self.get_object())


class GroupDeleteView(groups.DeleteView):
    def setup(self, request, *args, **kwargs) -> None:
        super().setup(request, *args, **kwargs)
        _check_group_access(request, self.get_object())


class GroupViewSet(groups.GroupViewSet):
    add_view_class = GroupCreateView
    edit_view_class = GroupEditView
    delete_view_class = GroupDeleteView

    def get_form_class(self, for_update=False):
        return KekGroupForm
