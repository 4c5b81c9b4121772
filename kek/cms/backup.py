"""The pages' part of a district's backup (kek.core.backup, registered in kek.cms.public).

A district's pages are its start page (`DistrictHomePage`) and every page below it, with
their site, current revisions and the documents and images their rich text links to. The
engine dumps and inserts them like any rows; Wagtail needs three things more:

- `prepare`: the page tree (treebeard's materialised paths) is moved under this
  installation's root, as its last child; the start page gets a free slug; a translation key
  that is taken gets a new one; a site whose host name is taken is left out (with a note).
- `finish`: rich text and revisions name pages, documents and images by id: they are
  renumbered; the root's child count, the planners' page permissions, the search and
  reference indexes are brought up to date.
- `delete` (`kek restore --replace`): Wagtail deletes the page tree.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from django.contrib.contenttypes.models import ContentType
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, ReferenceIndex, Revision, Site
from wagtail.search.index import Indexed, insert_or_update_object

from kek.core.registry import BackupKey, BackupPart
from kek.regions.models import Region

from .models import DistrictHomePage
from .sites import grant_planner_permissions, remove_welcome_site

LINK_TAG = re.compile(r"<(?:a|embed)\b[^>]*>")
LINK_KIND = re.compile(r'\b(?:linktype|embedtype)="(page|document|image)"')
LINK_ID = re.compile(r'\bid="(\d+)"')


def part() -> BackupPart:
    return BackupPart(
        "pages",
        50,
        backup_rows,
        keys=(
            BackupKey(Locale, ("language_code",), columns=()),
            BackupKey(
                Collection,
                ("name",),
                create=False,
                columns=(),
                fallback=Collection.get_first_root_node,
            ),
        ),
        prepare=prepare,
        finish=finish,
        delete=delete,
    )


def linked_models() -> dict[str, Any]:
    return {"page": Page, "document": get_document_model(), "image": get_image_model()}


def rich_text_fields(model: Any) -> list[RichTextField]:
    return [f for f in model._meta.local_concrete_fields if isinstance(f, RichTextField)]


# --------------------------------------------------------------------------------- backup


def backup_rows(region: Region) -> list[Any]:
    """The district's pages (base rows and each page type's own), sites and linked files."""
    home = DistrictHomePage.objects.filter(region=region).first()
    if home is None:
        return []
    pages = Page.objects.filter(path__startswith=home.path)
    by_type: dict[Any, list[int]] = {}
    for pk, content_type in pages.values_list("pk", "content_type_id"):
        by_type.setdefault(ContentType.objects.get_for_id(content_type).model_class(), []).append(
            pk
        )
    rows: list[Any] = [pages, Site.objects.filter(root_page__in=pages)]
    rows += [
        model.objects.filter(pk__in=ids) for model, ids in by_type.items() if model is not Page
    ]
    for kind, ids in linked_ids(pages.specific()).items():
        if ids and kind != "page":
            rows.append(linked_models()[kind].objects.filter(pk__in=ids))
    return rows


def linked_ids(pages: Any) -> dict[str, set[int]]:
    """Ids of the pages, documents and images the pages' rich text links to or embeds."""
    found: dict[str, set[int]] = {kind: set() for kind in linked_models()}
    for page in pages:
        for fld in rich_text_fields(type(page)):
            for tag in LINK_TAG.findall(getattr(page, fld.attname) or ""):
                kind, ident = LINK_KIND.search(tag), LINK_ID.search(tag)
                if kind and ident:
                    found[kind.group(1)].add(int(ident.group(1)))
    return found


# --------------------------------------------------------------------------------- restore


def prepare(model: Any, rows: list[dict[str, Any]], restoring: Any) -> list[dict[str, Any]]:
    if model is Page:
        return place_tree(rows)
    if model is Site:
        return free_sites(rows, restoring)
    return rows


def place_tree(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Move the backup's page tree under the root, as its last child (paths, depths, URL
    paths); Wagtail's welcome page of a new installation goes, as with `kek create-site`."""
    remove_welcome_site()
    root = Page.get_first_root_node()
    rows.sort(key=lambda row: row["path"])
    top = rows[0]
    old_path, old_url, shift = top["path"], top["url_path"], root.depth + 1 - top["depth"]
    last = root.get_last_child()
    new_path = last._inc_path() if last else root._get_path(root.path, root.depth + 1, 1)
    top["slug"] = free_slug(root, top["slug"])
    new_url = f"{root.url_path}{top['slug']}/"
    keys = [row["translation_key"] for row in rows]
    taken = set(
        Page.objects.filter(translation_key__in=keys).values_list("translation_key", "locale_id")
    )
    for row in rows:
        row["path"] = new_path + row["path"][len(old_path) :]
        row["depth"] += shift
        if row["url_path"].startswith(old_url):
            row["url_path"] = new_url + row["url_path"][len(old_url) :]
        if (row["translation_key"], row["locale_id"]) in taken:
            row["translation_key"] = uuid.uuid4()
    return rows


def free_slug(root: Page, slug: str) -> str:
    taken = set(root.get_children().values_list("slug", flat=True))
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        candidate = f"{slug}-{number}"
    return candidate


def free_sites(rows: list[dict[str, Any]], restoring: Any) -> list[dict[str, Any]]:
    """Sites whose host name and port are free; the default site only if there is none."""
    kept = []
    has_default = Site.objects.filter(is_default_site=True).exists()
    for row in rows:
        if Site.objects.filter(hostname=row["hostname"], port=row["port"]).exists():
            restoring.notes.append(
                f"Die Website {row['hostname']}:{row['port']} gibt es schon; die Seiten sind "
                f"ohne eigenen Host-Namen angelegt (`kek create-site --district "
                f"{restoring.ags} --hostname NAME`)."
            )
            continue
        row["is_default_site"] = row["is_default_site"] and not has_default
        has_default = has_default or row["is_default_site"]
        kept.append(row)
    return kept


def finish(restoring: Any) -> None:
    pages = restoring.created.get(Page, set())
    if pages:
        relink_pages(restoring)
        renumber_revisions(restoring)
        root = Page.get_first_root_node()
        Page.objects.filter(pk=root.pk).update(numchild=root.get_children().count())
        for home in DistrictHomePage.objects.filter(pk__in=pages):
            grant_planner_permissions(home)
        Site.clear_site_root_paths_cache()
    update_indexes(restoring)


def relink(html: str, restoring: Any) -> str:
    """Rich text with the ids of linked pages, documents and images renumbered (links to
    objects outside the backup stay as they are)."""
    models = linked_models()

    def renumber(match: re.Match[str]) -> str:
        tag = match.group(0)
        kind, ident = LINK_KIND.search(tag), LINK_ID.search(tag)
        if not (kind and ident):
            return tag
        new = restoring.new_pk(models[kind.group(1)], int(ident.group(1)))
        return tag if new is None else f"{tag[: ident.start(1)]}{new}{tag[ident.end(1) :]}"

    return LINK_TAG.sub(renumber, html)


def relink_pages(restoring: Any) -> None:
    for model, created in restoring.created.items():
        fields = rich_text_fields(model) if issubclass(model, Page) else []
        if not (fields and created):
            continue
        for obj in model._base_manager.filter(pk__in=created):
            changed = {f.attname: relink(getattr(obj, f.attname) or "", restoring) for f in fields}
            if any(changed[name] != getattr(obj, name) for name in changed):
                model._base_manager.filter(pk=obj.pk).update(**changed)


def renumber_revisions(restoring: Any) -> None:
    """A page revision names its page by id (`object_id`) and holds the page's fields."""
    page_type = ContentType.objects.get_for_model(Page)
    for revision in Revision.objects.filter(pk__in=restoring.created.get(Revision, set())):
        old = int(revision.object_id) if revision.object_id.isdigit() else None
        new = restoring.new_pk(Page, old)
        if revision.base_content_type_id != page_type.pk or new is None:
            continue
        revision.object_id = str(new)
        revision.content = revision_content(
            revision.content, Page.objects.get(pk=new).specific, restoring
        )
        revision.save(update_fields=["object_id", "content"])


def revision_content(content: dict[str, Any], page: Page, restoring: Any) -> dict[str, Any]:
    """The revision's fields with the restored page's place, identity and links."""
    fresh = page.serializable_data()
    content = dict(content)
    for fld in page._meta.concrete_fields:
        if fld.name not in content:
            continue
        if fld.is_relation:
            content[fld.name] = fresh.get(fld.name)
        elif isinstance(fld, RichTextField) and isinstance(content[fld.name], str):
            content[fld.name] = relink(content[fld.name], restoring)
    for name in ("pk", "path", "depth", "numchild", "url_path", "slug", "translation_key"):
        if name in fresh:
            content[name] = fresh[name]
    return content


def update_indexes(restoring: Any) -> None:
    """Search and reference index entries of the restored pages, documents, images and
    content (pages as their own type)."""
    for model, created in restoring.created.items():
        if model is Page or not created:
            continue
        if not (issubclass(model, Indexed) or ReferenceIndex.is_indexed(model)):
            continue
        for obj in model._base_manager.filter(pk__in=created):
            if issubclass(model, Indexed):
                insert_or_update_object(obj)
            if ReferenceIndex.is_indexed(model):
                ReferenceIndex.create_or_update_for_object(obj)


def delete(region: Region) -> None:
    """`kek restore --replace`: the district's page tree and its site."""
    for home in DistrictHomePage.objects.filter(region=region):
        home.delete()
