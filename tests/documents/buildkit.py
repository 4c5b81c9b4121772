"""A fake document kind for the build tests: its document lists the version's goal titles
(so a title change changes it), its renderers write small files fast. Use the fixture
`probe_kinds` (import it into a test module); `FAIL` makes the renderers raise."""

from __future__ import annotations

import pytest

from kek.documents import builds, signals
from kek.documents import document as doc
from kek.documents.kinds import KINDS, PDF, XLSX, Kind
from kek.goals.models import StrategicGoal

PROBE = Kind("probe", "Probedokument", "tests.documents.buildkit.assemble", formats=(PDF, XLSX))
FAIL: dict[str, str] = {}


def assemble(concept, snapshot=None) -> doc.Document:
    goals = StrategicGoal.objects.filter(concept=concept).order_by("number")
    titles = list(goals.values_list("title", flat=True))
    status = "Beschlossene Fassung" if builds.is_frozen(concept) else "Entwurf"
    version = f"Fassung {concept.version}"
    cover = doc.Cover(concept.region.name, concept.title, "Probedokument", version, status, "",
                      "Datenstand: 31.12.2024")  # fmt: skip
    section = doc.Section("Ziele", "1", [doc.BulletList(tuple(titles))])
    stem = f"KEK-Probe-Fassung-{concept.version}"
    return doc.Document("probe", cover, [section], not builds.is_frozen(concept), stem)


def render_pdf(document: doc.Document) -> bytes:
    if "pdf" in FAIL:
        raise RuntimeError(FAIL["pdf"])
    return b"%PDF-1.7 probe\n" + document.fingerprint().encode()


def render_xlsx(document: doc.Document) -> bytes:
    return b"PK probe " + document.fingerprint().encode()


@pytest.fixture
def probe_kinds(monkeypatch, settings, tmp_path):
    """Only the probe kind, its renderers, files in a temporary MEDIA_ROOT."""
    monkeypatch.setattr(KINDS, "_entries", {PROBE.name: PROBE})
    monkeypatch.setitem(builds.RENDERERS, PDF, "tests.documents.buildkit.render_pdf")
    monkeypatch.setitem(builds.RENDERERS, XLSX, "tests.documents.buildkit.render_xlsx")
    settings.MEDIA_ROOT = tmp_path / "media"
    FAIL.clear()
    signals.resume()
    yield PROBE
    FAIL.clear()


def build_all(region) -> list:
    """Refresh, then run every queued build here (as `kek build-documents --now`)."""
    return [builds.run_build(b.pk) for b in builds.refresh(region, enqueue=False)]


@pytest.fixture
def in_consultation(concept):
    """The current version put to consultation: public, and its documents follow the data."""
    from kek.goals.models import Concept

    Concept.objects.filter(pk=concept.pk).update(status=Concept.Status.CONSULTATION)
    concept.status = Concept.Status.CONSULTATION
    return concept
