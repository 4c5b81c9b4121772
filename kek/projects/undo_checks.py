"""What the catalogue tells the statistics app before an import is undone: target indicators
refer to official series by indicator code (registered in ProjectsConfig.ready)."""

from .models import TargetIndicator


def series_in_use(codes: list[str]) -> list[str]:
    count = TargetIndicator.objects.filter(series_indicator__in=codes).count()
    if not count:
        return []
    return [f"{count} Zielindikatoren nutzen Indikatoren, die dieser Import angelegt hat."]
