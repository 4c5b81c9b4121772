"""factory_boy factories of users and their roles (kek.accounts)."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from kek.accounts.roles import GROUP_NAMES


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("geheim-123")

    @factory.post_generation
    def groups(self, create, names, **kwargs):
        """Roles by their key ("planner") or any group by its name."""
        for name in names or []:
            self.groups.add(Group.objects.get(name=GROUP_NAMES.get(name, name)))
