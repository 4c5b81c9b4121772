"""Every write of the events, tried as anonymous, participant, planner and admin (F24, F30).

Public writes (register, confirm, cancel by the e-mail's link) need no account: every role
may, and the change happens. The back office's event snippets and "Veranstaltung absagen" are
for planners and admins; Wagtail sends everyone else to its login before a view runs, and a
refused request changes nothing. The walk is tests/permission_walk.py.
"""

from dataclasses import dataclass

import pytest
from django.urls import reverse

from kek.events.models import Event, Notice, NoticeFile, Registration, RegistrationStatus

from .. import permission_walk as pw
from ..permission_walk import ADMIN_LOGIN, ALLOWED, EDITED_TITLE, NEW_TITLE, Entry
from .world import cancel_token, confirm_token, event, registration

pytestmark = pytest.mark.django_db

PUBLIC = {"anonymous": ALLOWED, "participant": ALLOWED, "planner": ALLOWED, "admin_user": ALLOWED}
STAFF = {"anonymous": ADMIN_LOGIN, "participant": ADMIN_LOGIN, "planner": ALLOWED,
         "admin_user": ALLOWED}  # fmt: skip
S = RegistrationStatus


@dataclass
class World:
    region: object
    event: Event
    pending: Registration
    registered: Registration


@pytest.fixture
def world(nordsachsen) -> World:
    found = event(nordsachsen, capacity=5)
    pending = registration(found, email="offen@example.org")
    registered = registration(found, email="dabei@example.org", status=S.REGISTERED)
    return World(nordsachsen, found, pending, registered)


def snapshot(ignore=frozenset()) -> dict:
    return pw.snapshot(
        [Event, Registration, Notice, NoticeFile, Event.history.model, Notice.history.model,
         NoticeFile.history.model],
        ignore,
    )  # fmt: skip


@pytest.fixture
def user_for(request):
    return request.getfixturevalue


def event_form(w: World, title: str = NEW_TITLE) -> dict:
    return {"region": w.region.pk, "kind": "workshop", "title": title,
            "start": "2031-05-04 18:00", "end": "2031-05-04 20:00", "location": "", "text": "",
            "registration": "on", "capacity": 20, "registration_opens": "",
            "registration_closes": "", "state": "geplant", "reason": ""}  # fmt: skip


def snippet(action: str, *args) -> str:
    return reverse(f"wagtailsnippets_events_event:{action}", args=args)


def status_of(registration: Registration) -> str:
    return Registration.objects.get(pk=registration.pk).status


ENTRIES = [
    Entry(
        id="event-add",
        covers="url:wagtailsnippets_events_event:add",
        url=lambda w: snippet("add"),
        data=event_form,
        happened=lambda w: Event.objects.filter(title=NEW_TITLE).exists(),
        outcomes=STAFF,
    ),
    Entry(
        id="event-chooser-create",
        covers="url:wagtailsnippetchoosers_events_event:create",
        url=lambda w: reverse("wagtailsnippetchoosers_events_event:create"),
        data=event_form,
        happened=lambda w: Event.objects.filter(title=NEW_TITLE).exists(),
        outcomes=STAFF,
        writable=False,
    ),
    Entry(
        id="event-edit",
        covers="url:wagtailsnippets_events_event:edit",
        url=lambda w: snippet("edit", w.event.pk),
        data=lambda w: event_form(w, EDITED_TITLE),
        happened=lambda w: Event.objects.get(pk=w.event.pk).title == EDITED_TITLE,
        outcomes=STAFF,
    ),
    Entry(
        id="event-delete",
        covers="url:wagtailsnippets_events_event:delete",
        url=lambda w: snippet("delete", w.event.pk),
        happened=lambda w: not Event.objects.filter(pk=w.event.pk).exists(),
        outcomes=STAFF,
    ),
    Entry(
        id="event-cancel",
        covers="url:kek_cancel_event",
        url=lambda w: reverse("kek_cancel_event", args=[w.event.pk]),
        data=lambda w: {"reason": "Wegen Sturm abgesagt.", "message": ""},
        happened=lambda w: Event.objects.get(pk=w.event.pk).state == "abgesagt",
        outcomes=STAFF,
        methods=("get", "post"),
    ),
    Entry(
        id="event-register",
        covers="route:event_register",
        url=lambda w: f"/veranstaltungen/{w.event.pk}/anmelden/",
        data=lambda w: {"name": "Neu", "email": "neu@example.org", "consent": "on"},
        happened=lambda w: Registration.objects.filter(email="neu@example.org").exists(),
        outcomes=PUBLIC,
    ),
    Entry(
        id="event-confirm",
        covers="route:event_confirm",
        url=lambda w: f"/veranstaltungen/anmeldung/{confirm_token(w.pending)}/bestaetigen/",
        happened=lambda w: status_of(w.pending) == S.REGISTERED,
        outcomes=PUBLIC,
    ),
    Entry(
        id="event-cancel-registration",
        covers="route:event_cancel",
        url=lambda w: f"/veranstaltungen/anmeldung/{cancel_token(w.registered)}/abmelden/",
        happened=lambda w: status_of(w.registered) == S.CANCELLED,
        outcomes=PUBLIC,
    ),
]


@pw.walk(ENTRIES)
def test_each_role_may_write_only_what_it_is_allowed_to(
    client, world, user_for, entry, method, role
):
    pw.check_request(client, world, entry, method, role, user_for, snapshot)


@pytest.mark.parametrize("name", ["kek_event_registrations", "kek_event_registrations_csv"])
@pytest.mark.parametrize(
    ("role", "status"), [("anonymous", 302), ("participant", 302), ("planner", 200),
                         ("admin_user", 200)],
)  # fmt: skip
def test_only_planners_and_admins_see_the_registrants(client, world, user_for, name, role, status):
    if role != "anonymous":
        client.force_login(user_for(role))
    response = client.get(reverse(name, args=[world.event.pk]))
    assert response.status_code == status
    if status == 200:
        assert "dabei@example.org" in response.content.decode()
    else:
        assert response["Location"].startswith(ADMIN_LOGIN)
