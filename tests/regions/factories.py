"""factory_boy factories of kek.regions."""

import factory

from kek.regions.models import Region


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("ags",)

    ags = factory.Sequence(lambda n: f"{99000 + n}")
    name = factory.Sequence(lambda n: f"Landkreis {n}")
    level = Region.Level.DISTRICT
    kind = "Landkreis"
