"""Helpers of the backup tests: richer default content, the content a user sees, the rows of
a backup file without keys."""

import json
import re
import zipfile
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.models import Page

from kek.cms.models import DistrictHomePage
from kek.core.backup import history_models, original_id
from kek.goals import concept_db
from kek.goals.models import Concept, SubGoal
from kek.projects import catalogue_db
from kek.projects.models import Attachment, Project
from kek.regions.models import Region
from kek.swot.models import DocumentEvidence, SwotItem
from tests.accounts.factories import UserFactory

PDF = b"%PDF-1.4 Bericht zur Demografie\n"
LINK_ID = re.compile(r'id=\\"\d+\\"')  # in a JSON dump of rich text


def enrich(region: Region) -> None:
    """What the default content lacks: a project lead, an attachment and a study with a
    file, a page linking to the study, a change by a named user and a deleted sub-goal."""
    concept = Concept.objects.get(region=region, is_current=True)
    lead = UserFactory(username="projektleiterin", first_name="Petra", email="p@example.de")
    planner = UserFactory(username="planerin-a", groups=["planner"])
    project = Project.objects.filter(concepts=concept).order_by("number").first()
    lead.led_projects.add(project)
    document = get_document_model().objects.create(
        title="Demografiestudie", file=ContentFile(PDF, name="demografie.pdf")
    )
    Attachment.objects.create(project=project, title="Studie", document=document)
    item = SwotItem.objects.filter(concept=concept).first()
    DocumentEvidence.objects.create(item=item, title="Demografiestudie 2017", document=document)
    home = DistrictHomePage.objects.get(region=region)
    home.intro = f'<p>Siehe <a id="{document.pk}" linktype="document">die Studie</a>.</p>'
    home.save_revision().publish()
    project.title = "Geändert von der Planerin"
    project._history_user = planner
    project.save()
    SubGoal.objects.filter(concept=concept).order_by("-number").first().delete()


def back_up(path: Path, ags: str = "14730") -> Path:
    call_command("kek", "backup", "--district", ags, str(path))
    return path


def content(client, ags: str = "14730") -> dict:
    """The district's content as its exports, public SWOT table, pages and files show it."""
    region = Region.objects.get(ags=ags)
    concept = Concept.objects.get(region=region, is_current=True)
    home = DistrictHomePage.objects.get(region=region)
    pages = Page.objects.filter(path__startswith=home.path).order_by("path").specific()
    return {
        "concept": concept_db.export_district(region),
        "catalogue": catalogue_db.export_catalogue(concept),
        "swot": client.get("/swot/tabelle.csv").content.decode("utf-8-sig"),
        "pages": [
            (
                p.url_path,
                p.title,
                p.live,
                named(getattr(p, "intro", "")),
                named(text_of(getattr(p, "body", ""))),
            )
            for p in pages
        ],
        "files": sorted(
            (a.document.title, a.document.file.read())
            for a in Attachment.objects.filter(project__concepts=concept)
        ),
    }


def text_of(body) -> str:
    """A rich-text field as it is, a StreamField (the Endbericht's chapters) as its JSON."""
    return body if isinstance(body, str) else json.dumps(list(body.raw_data), sort_keys=True)


def named(html: str) -> str:
    """Rich text with each linked document or page named by its title instead of its id."""
    models = {"document": get_document_model(), "page": Page}

    def title(match: re.Match) -> str:
        found = models[match.group(2)].objects.filter(pk=match.group(1)).first()
        return f'"{found.title if found else "?"}" linktype="{match.group(2)}"'

    return re.sub(r'"(\d+)" linktype="(document|page)"', title, html)


def manifest(path: Path) -> dict:
    with zipfile.ZipFile(path) as archive:
        return json.loads(archive.read("manifest.json"))


def row_counts(path: Path) -> dict[str, int]:
    return {m["model"]: m["rows"] for m in manifest(path)["members"] if "model" in m}


def rows_without_keys(path: Path) -> dict[str, list[str]]:
    """Each model's rows without primary and foreign keys (and the columns derived from
    them: tree paths, revision content, recorded ids), sorted: equal for equal content."""
    from django.apps import apps

    recorded = history_models()
    found = {}
    with zipfile.ZipFile(path) as archive:
        for member in manifest(path)["members"]:
            if "model" not in member:
                continue
            lines = archive.read(member["name"]).decode("utf-8").splitlines()
            header = json.loads(lines[0])
            model = apps.get_model(header["model"])
            skip = {"path", "content", "object_id"}
            skip |= {f.attname for f in model._meta.local_concrete_fields if f.is_relation}
            skip.add(model._meta.pk.attname)
            if model in recorded:
                skip.add(original_id(model, recorded[model]).attname)
            keep = [i for i, name in enumerate(header["columns"]) if name not in skip]
            rows = (json.loads(line) for line in lines[1:])
            # Rich text names linked documents and pages by id (compared by title in `content`).
            texts = (LINK_ID.sub('id=""', json.dumps([r[i] for i in keep])) for r in rows)
            found[header["model"]] = sorted(texts)
    return found
