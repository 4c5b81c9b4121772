"""A default-content folder is user input (issue 16): `kek load-defaults --data DIR` refuses a
bad `district.yaml` or `swot.yaml` with one German message naming file, place and field, and
changes nothing. Before, these gave a Python traceback (KeyError, TypeError, YAML parser
errors) or were silently ignored."""

import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError
from django.db import transaction
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from kek.cms.models import DistrictHomePage
from kek.goals.models import Concept
from kek.swot.models import IndicatorEvidence, SwotItem
from tests import mutations

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_without_defaults")]

DATA = Path(settings.BASE_DIR) / "data" / "nordsachsen"


def refused(kek, folder: Path) -> str:
    with pytest.raises(CommandError) as caught:
        kek("load-defaults", "--data", str(folder))
    assert not Concept.objects.exists()
    assert not DistrictHomePage.objects.exists()
    assert not SwotItem.objects.exists()
    return str(caught.value)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('region: "14730"\n', "", "district.yaml, Zeile 4, Feld region: Die Angabe fehlt"),
        (
            'region: "14730"',
            'region: "99999"',
            "district.yaml, Zeile 4, Feld region: Einen Landkreis",
        ),
        ('region: "14730"', 'region: "14"', "Einen Landkreis mit dem Schlüssel 14 gibt es nicht"),
        (
            "hostname: localhost",
            "hostnme: localhost",
            "district.yaml, Zeile 5, Feld hostnme: unbekanntes Feld",
        ),
        ("concept: concept.yaml", "concept: ../../etc/passwd", "concept: „../../etc/passwd“ ist"),
        ("swot: swot.yaml", "swot: fehlt.yaml", "swot: „fehlt.yaml“ ist keine Datei"),
        (
            "  slug: kek-nordsachsen\n",
            "  slug: kek nordsachsen!\n",
            "district.yaml, Zeile 13, Feld slug: Bitte ein gültiges Kürzel",
        ),
        ("  title: KEK Nordsachsen 2030", "  titel: KEK", "titel: unbekanntes Feld"),
        ("  title: KEK Nordsachsen 2030", "  title: [KEK]", "home.title: Erwartet wird Text"),
        (
            "  title: KEK Nordsachsen 2030",
            f"  title: {'x' * 300}",
            "Zeile 12, Feld title: Bitte sicherstellen, dass der Wert aus höchstens 255",
        ),
        ("  - slug: impressum\n", "  - slug: impressum\n    region: 1\n", "region: unbekanntes"),
        (
            "  - slug: impressum\n",
            "  - Impressum\n  - slug: impressum\n",
            "pages[1]: Erwartet wird",
        ),
    ],
)
def test_a_bad_district_yaml_is_refused_with_place_and_field(kek, folder, old, new, message):
    mutations.replace_once(folder / "district.yaml", old, new)
    assert message in refused(kek, folder)


def test_neighbours_must_be_known_districts(kek, folder):
    mutations.replace_once(
        folder / "district.yaml", 'region: "14730"\n', 'region: "14730"\nneighbours: [14729, 1]\n'
    )
    assert "neighbours: Einen Landkreis mit dem Schlüssel „1“ gibt es nicht" in refused(kek, folder)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            '    goals: ["4.3"]\n    indicators:',
            '    goals: ["4.3"]\n    documents: keine\n    indicators:',
            "Feld documents: Erwartet wird eine Liste",
        ),
        ("        author:", "        autor:", "Unbekannte Angabe „autor“"),
        ("items:\n", "items: 5\n", "swot.yaml, Zeile"),
        ("      - indicator: AEW009", "      - indicator: [AEW009]", "Indikator „“ gibt es nicht"),
        ('    goals: ["4.3"]', "    goals: 4.3", "goals: Erwartet wird eine Liste"),
        ("        year:", "        year: zwanzig\n        x_year:", "Unbekannte Angabe „x_year“"),
    ],
)
def test_a_bad_swot_yaml_is_refused_with_place_and_field(kek, folder, old, new, message):
    mutations.replace_once(folder / "swot.yaml", old, new)
    assert message in refused(kek, folder)


def test_swot_texts_longer_than_the_database_takes_are_refused(kek, folder):
    path = folder / "swot.yaml"
    mutations.replace_once(path, "        note:", f"        note: {'n' * 301}\n        x_note:")
    mutations.replace_once(
        path, "x_note:", "note_old:"
    )  # keep the file valid YAML, the long note first
    message = refused(kek, folder)
    assert "swot.yaml" in message and ("note" in message or "note_old" in message)


def test_broken_yaml_names_the_line(kek, folder):
    path = folder / "swot.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.startswith("    indicators:"))
    lines.insert(index + 1, "  - kind: opportunity\n")
    path.write_text("".join(lines), encoding="utf-8")
    assert "swot.yaml, Zeile" in refused(kek, folder)
    assert "kein gültiges YAML" in refused(kek, folder)


def test_the_documented_disaggregation_of_indicator_evidence_is_kept(kek, folder):
    """Regression: `disaggregation:` of an indicator comparison in swot.yaml was ignored."""
    kek("load-defaults", "--data", str(folder))
    evidence = IndicatorEvidence.objects.get(indicator__code="AEW009")
    assert evidence.disaggregation == "ABFA01:ABFALLART201"


FILES = ["district.yaml", "swot.yaml"]


@hypothesis_settings(
    max_examples=4,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(name=st.sampled_from(FILES), seed=st.integers(0, 10**9))
def test_mutated_folders_load_or_are_refused_without_partial_writes(kek, tmp_path, name, seed):
    """The benchmark `bench/fuzz_imports.py` runs many more of these."""
    import random

    target = tmp_path / f"m{seed}"
    shutil.copytree(DATA, target, dirs_exist_ok=True)
    text = (DATA / name).read_text(encoding="utf-8")
    (target / name).write_bytes(mutations.mutate_text(text, random.Random(seed)))
    with transaction.atomic():  # each example starts from the empty district
        try:
            kek("load-defaults", "--data", str(target))
        except CommandError as exc:
            assert ".yaml" in str(exc) and "Traceback" not in str(exc)
            assert not Concept.objects.exists() and not DistrictHomePage.objects.exists()
        else:
            assert DistrictHomePage.objects.exists()
        transaction.set_rollback(True)
