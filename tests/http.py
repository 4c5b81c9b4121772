"""Helpers for tests through HTTP: form data and the URL names of the configuration."""

from django.urls import URLPattern, URLResolver, get_resolver

# Names of Wagtail snippet views that only read.
READ_ONLY_VIEWS = frozenset(
    {"list", "list_results", "usage", "history", "history_results", "choose",
     "choose_results", "chosen", "chosen_multiple"}
)  # fmt: skip


def formset(prefix: str, rows: list[dict]) -> dict:
    """Management form and rows of an inline formset; rows with an "id" count as initial."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(sum(1 for row in rows if "id" in row)),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data |= {f"{prefix}-{index}-{key}": value for key, value in row.items()}
    return data


def url_names() -> set[str]:
    """Every named URL as "namespace:…:name", e.g. "wagtailsnippets_swot_swotitem:add"."""
    found = set()

    def visit(resolver: URLResolver, namespace: str = "") -> None:
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                visit(pattern, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                found.add(f"{namespace}{pattern.name}")

    visit(get_resolver())
    return found


def write_url_names(marker: str) -> set[str]:
    """Named URLs whose namespace or name contains `marker`, without the read-only views and
    without the "wagtailadmin:" prefix of the views an app registers in the admin."""
    names = {name.removeprefix("wagtailadmin:") for name in url_names()}
    return {n for n in names if marker in n and n.rpartition(":")[2] not in READ_ONLY_VIEWS}


def home_of(region):
    from kek.cms.models import DistrictHomePage

    return DistrictHomePage.objects.get(region=region)


def goal_address(goal) -> str:
    """Public address of a field of action, goal or sub-goal on its district's site."""
    from kek.goals.public import goal_url

    return goal_url(home_of(goal.concept.region), goal)
