"""Issue 11: only a draft version takes changes. Tests of the goal system's mechanics that
change the shipped version (adopted) make it a draft first, in the database and in their
files; tests of the version rule itself are in test_read_only_versions and
test_import_read_only."""

from kek.goals.models import Concept

DRAFT = Concept.Status.DRAFT


def make_draft(region) -> Concept:
    """The district's current version as a draft (the state before it was adopted)."""
    Concept.objects.filter(region=region, is_current=True).update(status=DRAFT)
    return Concept.objects.get(region=region, is_current=True)


def draft_file(content: bytes) -> bytes:
    """A concept file whose adopted versions are drafts."""
    return content.replace(b"status: adopted", b"status: draft")
