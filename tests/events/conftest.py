"""Fixtures for the events tests: background jobs (the e-mails) run at once, uploads land in a
temp folder; Django's test runner keeps the sent mails in `mail.outbox`."""

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
    settings.MEDIA_ROOT = request.getfixturevalue("tmp_path") / "media"
    settings.DEFAULT_FROM_EMAIL = "Kreisentwicklung <kek@nordsachsen.example>"
    yield
