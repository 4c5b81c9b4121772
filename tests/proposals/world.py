"""Proposals for tests, made in the database with the least the model needs."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from kek.goals.models import Concept, FieldOfAction, StrategicGoal
from kek.proposals.models import Proposal

BASE = "/beteiligung/vorschlaege/"


def first_field(region) -> FieldOfAction:
    concept = Concept.objects.get(region=region, is_current=True)
    return FieldOfAction.objects.filter(concept=concept).order_by("position").first()


def first_goal(region) -> StrategicGoal:
    concept = Concept.objects.get(region=region, is_current=True)
    return StrategicGoal.objects.filter(concept=concept).order_by("field__position", "position")[0]


def proposal(box, author=None, title="Mehr Radwege", **values) -> Proposal:
    field = values.pop("field", None) or first_field(box.district)
    values.setdefault("text", "Zwischen den Orten fehlen sichere Radwege.")
    return Proposal.objects.create(
        box=box, district=box.district, author=author, title=title, field_key=field.key,
        topic_title=str(field), **values,
    )  # fmt: skip


def form_data(region, **values) -> dict:
    data = {
        "title": "Bürgerbus für die Dörfer",
        "text": "Ein Rufbus am Wochenende.\nAuch abends.",
        "topic": f"g:{first_goal(region).key}",
        "municipality": "",
    }
    data.update(values)
    return data


def image_bytes(fmt: str = "PNG", size=(8, 8)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format=fmt)
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)
