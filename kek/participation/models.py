"""Participation base (F21–F23, F25): who moderates which district.

Moderators of a district (SPEC §1) see and act on that district's participation only; the
group "Moderation" gives the role, a `DistrictModerator` row gives the district."""

from django.conf import settings
from django.db import models

from kek.regions.models import Region


class DistrictModerator(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="moderated_districts",
        verbose_name="Konto",
    )
    district = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="moderators", verbose_name="Landkreis"
    )

    class Meta:
        verbose_name = "Moderation eines Landkreises"
        verbose_name_plural = "Moderation der Landkreise"
        constraints = [
            models.UniqueConstraint(fields=["user", "district"], name="one_moderator_per_district")
        ]

    def __str__(self) -> str:
        return f"{self.user} moderiert {self.district}"
