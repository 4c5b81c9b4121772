"""Non-public meetings, agenda items and files: only the committee's members (a Person linked
to the account, with a current membership) and planners see them, on every public page, in
the rules and the querysets; deleted objects nobody sees."""

from datetime import date, timedelta

import pytest

from kek.committees.models import AgendaItem, File, Meeting, Membership

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "participant", "other_member", "member", "planner"]
SEES = {"anonymous": False, "participant": False, "other_member": False, "member": True,
        "planner": True}  # fmt: skip


@pytest.fixture
def as_role(client, request, world):
    def sign_in(role: str):
        user = None if role == "anonymous" else request.getfixturevalue(role)
        if user is not None:
            client.force_login(user)
        return user

    return sign_in


@pytest.mark.parametrize("role", ROLES)
def test_a_non_public_meeting(client, world, as_role, role):
    user = as_role(role)
    sees = SEES[role]
    response = client.get(f"/sitzungen/{world.secret_meeting.pk}/")
    assert response.status_code == (200 if sees else 404)
    if sees:
        assert "nicht öffentlich" in response.content.decode()
        assert "no-store" in response["Cache-Control"]
    for url in ("/sitzungen/", f"/gremien/{world.committee.pk}/"):
        html = client.get(url).content.decode()
        assert ("Klausur des Ausschusses" in html) is sees, url
        assert "Sitzung des Ausschusses" in html  # the public one, for everyone
    ics = client.get(f"/sitzungen/{world.secret_meeting.pk}/ical/")
    assert ics.status_code == (200 if sees else 404)
    # The feed is the same for everyone: public meetings only.
    assert b"Klausur" not in client.get("/sitzungen/ical/").content
    assert user is None or user.has_perm("committees.view_meeting", world.secret_meeting) is sees
    assert (world.secret_meeting in Meeting.objects.visible_to(user)) is sees


@pytest.mark.parametrize("role", ROLES)
def test_a_non_public_agenda_item_of_a_public_meeting(client, world, as_role, role):
    user = as_role(role)
    sees = SEES[role]
    html = client.get(f"/sitzungen/{world.meeting.pk}/").content.decode()
    assert "Eröffnung" in html
    assert ("Grundstücksangelegenheit" in html) is sees
    ics = client.get(f"/sitzungen/{world.meeting.pk}/ical/").content.decode()
    assert "Grundstücksangelegenheit" not in ics  # a public meeting's calendar entry is public
    assert user is None or user.has_perm("committees.view_agendaitem", world.secret_item) is sees
    assert (world.secret_item in AgendaItem.objects.visible_to(user)) is sees
    assert world.open_item in AgendaItem.objects.visible_to(user)


@pytest.mark.parametrize("role", ROLES)
def test_a_non_public_file_of_a_public_meeting(client, world, as_role, role):
    user = as_role(role)
    sees = SEES[role]
    html = client.get(f"/sitzungen/{world.meeting.pk}/").content.decode()
    assert "Einladung zur Sitzung" in html
    assert ("Vertrauliche Anlage" in html) is sees
    response = client.get(f"/dateien/{world.secret_file.pk}/")
    assert response.status_code == (200 if sees else 404)
    if sees:
        assert b"".join(response.streaming_content) == b"%PDF-1.4 vertraulich"
        assert "no-store" in response["Cache-Control"]
    public = client.get(f"/dateien/{world.public_file.pk}/")
    assert b"".join(public.streaming_content) == b"%PDF-1.4 oeffentlich"
    assert public["Content-Type"] == "application/pdf"
    assert user is None or user.has_perm("committees.view_file", world.secret_file) is sees
    assert (world.secret_file in File.objects.visible_to(user)) is sees


def test_a_former_member_no_longer_sees_the_committees_non_public_meetings(client, world):
    Membership.objects.filter(person__user=world.member).update(
        end_date=date.today() - timedelta(days=1)
    )
    client.force_login(world.member)
    assert client.get(f"/sitzungen/{world.secret_meeting.pk}/").status_code == 404


@pytest.mark.parametrize("role", ["anonymous", "member", "planner"])
def test_deleted_objects_show_to_nobody(client, world, as_role, role):
    as_role(role)
    for obj in (world.meeting, world.public_file, world.paper, world.committee):
        type(obj).objects.filter(pk=obj.pk).update(deleted=True)
    assert client.get(f"/sitzungen/{world.meeting.pk}/").status_code == 404
    assert client.get(f"/dateien/{world.public_file.pk}/").status_code == 404
    assert client.get(f"/vorlagen/{world.paper.pk}/").status_code == 404
    assert client.get(f"/gremien/{world.committee.pk}/").status_code == 404
    html = client.get("/gremien/").content.decode()
    assert "Ausschuss für Kreisentwicklung" not in html
    assert "Sitzung des Ausschusses" not in client.get("/sitzungen/").content.decode()


def test_another_districts_meeting_is_not_shown_on_this_site(client, world):
    from kek.committees.models import Body
    from kek.regions.models import Region

    other = Body.objects.create(region=Region.objects.get(ags="14729"), name="Landkreis Leipzig")
    meeting = Meeting.objects.create(body=other, name="Kreistag Leipzig")
    assert client.get(f"/sitzungen/{meeting.pk}/").status_code == 404
    assert "Kreistag Leipzig" not in client.get("/sitzungen/").content.decode()


def test_deleted_places_members_and_papers_are_left_out_of_a_shown_meeting(client, world):
    from kek.committees.models import Consultation, Location, Membership, Paper

    Location.objects.filter(pk=world.location.pk).update(deleted=True)
    Paper.objects.filter(pk=world.paper.pk).update(deleted=True)
    Membership.objects.filter(organization=world.committee).update(deleted=True)
    assert Consultation.objects.filter(paper=world.paper).exists()
    html = client.get(f"/sitzungen/{world.meeting.pk}/").content.decode()
    assert "Großer Saal" not in html and "nicht angegeben" in html
    assert "Radwegekonzept" not in html
    assert "Großer Saal" not in client.get(f"/sitzungen/{world.meeting.pk}/ical/").content.decode()
    assert "Erika Muster" not in client.get(f"/gremien/{world.committee.pk}/").content.decode()
