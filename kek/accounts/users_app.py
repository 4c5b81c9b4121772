"""`wagtail.users` with the user and group views of kek.accounts.admin_users (no escalation).

A module of its own: INSTALLED_APPS imports it before the app registry is ready, so it may
import no models or forms.
"""

from wagtail.users.apps import WagtailUsersAppConfig


class KekUsersAppConfig(WagtailUsersAppConfig):
    user_viewset = "kek.accounts.admin_users.UserViewSet"
    group_viewset = "kek.accounts.admin_users.GroupViewSet"
