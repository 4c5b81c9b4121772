"""Where a district's public site starts, for apps below the publication layer.

`cms` provides the lookup (`provide`, in CmsConfig.ready); apps ask `homes_for_regions`
without importing `cms`."""

from collections.abc import Callable, Iterable
from typing import Any

HomeLookup = Callable[[set[int]], dict[int, Any]]
_lookup: list[HomeLookup] = []


def provide(lookup: HomeLookup) -> None:
    _lookup[:] = [lookup]


def homes_for_regions(region_ids: Iterable[int]) -> dict[int, Any]:
    """The live start page of each region that has a site: {region_id: home}."""
    ids = set(region_ids)
    if not ids or not _lookup:
        return {}
    return _lookup[0](ids)
