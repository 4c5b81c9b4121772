"""A small committee world on the shipped Nordsachsen defaults: two committees with one
member each (linked to a user account), a public meeting with a public and a non-public
agenda item, a non-public meeting of the first committee, a paper and files."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from kek.committees.models import (
    AgendaItem,
    Body,
    Consultation,
    File,
    Location,
    Meeting,
    Membership,
    Organization,
    Paper,
    Person,
)

from ..accounts.factories import UserFactory


@dataclass
class World:
    body: Body
    committee: Organization
    other: Organization
    member: object  # user accounts
    other_member: object
    location: Location
    meeting: Meeting  # public
    secret_meeting: Meeting  # non-public, of `committee`
    open_item: AgendaItem
    secret_item: AgendaItem  # non-public item of the public meeting
    public_file: File
    secret_file: File  # non-public, attached to the public meeting
    paper: Paper


def aware(*args: int) -> datetime:
    return timezone.make_aware(datetime(*args))


def build(region) -> World:
    body = Body.objects.get(region=region)
    committee = Organization.objects.create(body=body, name="Ausschuss für Kreisentwicklung")
    other = Organization.objects.create(body=body, name="Jugendhilfeausschuss")
    member = UserFactory(username="mitglied")
    other_member = UserFactory(username="anderes-mitglied")
    for user, organization, family in (
        (member, committee, "Muster"),
        (other_member, other, "Beispiel"),
    ):
        person = Person.objects.create(body=body, given_name="Erika", family_name=family, user=user)
        Membership.objects.create(person=person, organization=organization, role="Vorsitz")
    location = Location.objects.create(
        body=body, description="Landratsamt", room="Großer Saal", locality="Torgau"
    )
    public_file = File.objects.create(body=body, name="Einladung zur Sitzung", public=True)
    public_file.file.save("einladung.pdf", ContentFile(b"%PDF-1.4 oeffentlich"))
    secret_file = File.objects.create(body=body, name="Vertrauliche Anlage", public=False)
    secret_file.file.save("anlage.pdf", ContentFile(b"%PDF-1.4 vertraulich"))
    start = timezone.now() + timedelta(days=30)
    meeting = Meeting.objects.create(
        body=body, name="Sitzung des Ausschusses", start=start, location=location,
        invitation=public_file,
    )  # fmt: skip
    meeting.organizations.set([committee])
    meeting.auxiliary_files.set([secret_file])
    meeting.save()
    secret_meeting = Meeting.objects.create(
        body=body, name="Klausur des Ausschusses", start=start + timedelta(days=1), public=False
    )
    secret_meeting.organizations.set([committee])
    secret_meeting.save()
    open_item = AgendaItem.objects.create(
        meeting=meeting, number="1", order=1, name="Eröffnung", result="zur Kenntnis genommen"
    )
    secret_item = AgendaItem.objects.create(
        meeting=meeting, number="2", order=2, name="Grundstücksangelegenheit", public=False
    )
    paper = Paper.objects.create(body=body, reference="2026/001", name="Radwegekonzept",
                                 paper_type="Beschlussvorlage")  # fmt: skip
    Consultation.objects.create(paper=paper, agenda_item=open_item, role="Entscheidung",
                                authoritative=True)  # fmt: skip
    return World(
        body, committee, other, member, other_member, location, meeting, secret_meeting,
        open_item, secret_item, public_file, secret_file, paper,
    )  # fmt: skip
