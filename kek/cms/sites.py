"""Create a district's public site: its start page as the root of a Wagtail Site."""

from typing import Any

from django.contrib.auth.models import Permission
from django.db import models, transaction
from wagtail.fields import RichTextField
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page, Site

from kek.accounts.roles import PLANNER, group
from kek.core.defaults import SPEC_FILE, check_values, entries, mapping, text
from kek.core.fileio import FileError, at, unknown_fields
from kek.core.sanitise import rich_text
from kek.regions.models import Region

from .models import DistrictHomePage, StandardPage

PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "delete_page", "lock_page"]
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


@transaction.atomic
def ensure_site(region: Region, hostname: str, home: dict, pages: list[dict]) -> DistrictHomePage:
    """The district's start page and site; existing pages are left as the planners made them."""
    page = DistrictHomePage.objects.filter(region=region).first()
    if page is None:
        root = Page.get_first_root_node()
        page = root.add_child(instance=DistrictHomePage(region=region, **home))
        page.save_revision().publish()
    if not Site.objects.filter(root_page=page).exists():
        remove_welcome_site()
        Site.objects.create(
            hostname=hostname,
            port=80,
            root_page=page,
            site_name=page.title,
            is_default_site=not Site.objects.filter(is_default_site=True).exists(),
        )
    existing = set(page.get_children().values_list("slug", flat=True))
    for spec in pages:
        if spec["slug"] not in existing:
            child = page.add_child(instance=StandardPage(**spec))
            child.save_revision().publish()
    grant_planner_permissions(page)
    return page


def remove_welcome_site() -> None:
    """Wagtail's installation creates a placeholder site and page; a district replaces them."""
    placeholder = Page.objects.filter(depth=2, content_type__app_label="wagtailcore")
    Site.objects.filter(root_page__in=placeholder).delete()
    for page in placeholder:
        page.delete()


def grant_planner_permissions(page: Page) -> None:
    planner = group(PLANNER)
    for codename in PAGE_PERMISSIONS:
        permission = Permission.objects.get(
            content_type__app_label="wagtailcore", codename=codename
        )
        GroupPagePermission.objects.get_or_create(group=planner, page=page, permission=permission)
    root = Collection.get_first_root_node()
    for app_label, codename in COLLECTION_PERMISSIONS:
        permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
        GroupCollectionPermission.objects.get_or_create(
            group=planner, collection=root, permission=permission
        )


def load(region: Region, folder, spec: dict) -> None:
    """Default-content loader: the district's site with the pages of its district.yaml.

    The file is user input: only the pages' own text fields, checked like the back office
    checks them, and rich text keeps only what each field's features allow."""
    home = page_values(DistrictHomePage, spec.get("home"), at(spec, "home"), "home")
    where = at(spec, "pages")
    pages = [
        page_values(StandardPage, entry, at(entry) or where, f"pages[{number}]")
        for number, entry in enumerate(entries(spec.get("pages"), SPEC_FILE, where, "pages"), 1)
    ]
    ensure_site(region, text(spec.get("hostname")) or "localhost", home, pages)


def page_values(model: type[Page], given: Any, where: str, field: str) -> dict:
    """The title, slug and text fields of a page from a file entry, checked and sanitised."""
    values = mapping(given, SPEC_FILE, where, field)
    allowed = ["title", "slug", *text_fields(model)]
    unknown_fields(values, allowed, file=SPEC_FILE)
    for name, value in values.items():
        if isinstance(value, dict | list):
            raise FileError(SPEC_FILE, at(values, name), f"{field}.{name}", "Erwartet wird Text.")
    for name in ("title", "slug"):
        if not text(values.get(name)):
            raise FileError(SPEC_FILE, where, f"{field}.{name}", "Die Angabe fehlt.")
    clean = cleaned(model, {name: text(value) for name, value in values.items()})
    check_values(model(**clean), list(clean), SPEC_FILE, where, values)
    return clean


def text_fields(model: type[Page]) -> list[str]:
    """The page type's own text fields (not Wagtail's, not links to other objects)."""
    return [
        field.name
        for field in model._meta.local_fields
        if isinstance(field, models.TextField | models.CharField) and field.editable
    ]


def cleaned(model: type[Page], values: dict) -> dict:
    """`values` for `model` with every rich-text value sanitised (`core.sanitise.rich_text`)."""
    rich = {
        field.name: field.features
        for field in model._meta.get_fields()
        if isinstance(field, RichTextField)
    }
    return {
        name: rich_text(str(value or ""), rich[name]) if name in rich else value
        for name, value in values.items()
    }


def homes_for_regions(region_ids: set[int]) -> dict[int, DistrictHomePage]:
    homes = DistrictHomePage.objects.live().filter(region_id__in=region_ids)
    return {home.region_id: home for home in homes}
