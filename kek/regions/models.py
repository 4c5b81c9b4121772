from django.db import models


class Region(models.Model):
    """A Gebietseinheit with its official key (AGS): DG, Land, district, municipality."""

    class Level(models.TextChoices):
        COUNTRY = "country", "Staat"
        STATE = "state", "Land"
        GOVERNMENT_DISTRICT = "government_district", "Regierungsbezirk"
        DISTRICT = "district", "Kreis"
        MUNICIPALITY = "municipality", "Gemeinde"

    ags = models.CharField("Amtlicher Schlüssel", max_length=12, unique=True)
    name = models.CharField("Name", max_length=200)
    level = models.CharField("Ebene", max_length=24, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="Übergeordnete Einheit",
    )
    kind = models.CharField("Art", max_length=60, blank=True, help_text="z. B. Landkreis")
    nuts = models.CharField("NUTS-Code", max_length=8, blank=True)
    area_km2 = models.DecimalField(
        "Fläche (km²)", max_digits=10, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["ags"]
        verbose_name = "Gebietseinheit"
        verbose_name_plural = "Gebietseinheiten"

    def __str__(self) -> str:
        return f"{self.name} ({self.ags})"
