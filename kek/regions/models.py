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


class RegionBoundary(models.Model):
    """The outline of a municipality for the maps, keyed by its official key (AGS).

    Loaded from a GeoJSON file (`kek import-boundaries`, or the district's data folder by
    `kek load-defaults`); for display only. Keyed by the key rather than by a `Region`: the
    municipalities come and go with the statistics imports that bring them, their outlines
    stay and are found again by key."""

    ags = models.CharField("Amtlicher Schlüssel", max_length=12, unique=True)
    name = models.CharField("Name laut Datei", max_length=200, blank=True)
    geometry = models.JSONField("Fläche (GeoJSON, WGS84)")
    source = models.CharField(
        "Quellenvermerk", max_length=255, help_text="z. B. © GeoBasis-DE / BKG (2024)"
    )
    file_name = models.CharField("Datei", max_length=255, blank=True)
    loaded_at = models.DateTimeField("Geladen am", auto_now=True)

    class Meta:
        ordering = ["ags"]
        verbose_name = "Gemeindegrenze"
        verbose_name_plural = "Gemeindegrenzen"

    def __str__(self) -> str:
        return f"{self.name or self.ags} ({self.ags})"
