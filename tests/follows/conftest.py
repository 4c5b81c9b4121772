"""Fixtures of the follows tests: background jobs (the e-mails) run at once; accounts with
confirmed addresses; a project and a field of action of the default content (Nordsachsen)."""

import pytest


@pytest.fixture(autouse=True)
def immediate_tasks(request):
    if "db" not in request.fixturenames and "transactional_db" not in request.fixturenames:
        yield
        return
    settings = request.getfixturevalue("settings")
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "background": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    }
    settings.DEFAULT_FROM_EMAIL = "Kreisentwicklung <kek@nordsachsen.example>"
    yield


@pytest.fixture
def person(db):
    """person("anna"): an account with an e-mail address (anna@example.org)."""
    from ..accounts.factories import UserFactory

    def make(name: str, **kwargs):
        return UserFactory(username=name, email=f"{name}@example.org", **kwargs)

    return make


@pytest.fixture
def anna(person):
    return person("anna")


@pytest.fixture
def ben(person):
    return person("ben")


@pytest.fixture
def project(nordsachsen):
    from kek.projects.models import Project

    return Project.objects.filter(region=nordsachsen).order_by("number").first()


@pytest.fixture
def field(concept):
    from kek.goals.models import FieldOfAction

    return FieldOfAction.objects.filter(concept=concept).order_by("position").first()


@pytest.fixture
def goal(field):
    return field.goals.order_by("position").first()


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run what waits for the commit (the queued e-mails) at the end of the block."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
