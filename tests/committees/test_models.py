"""The committee models: names, dates, derived bodies, unique OParl ids, history."""

from datetime import date, timedelta

import pytest
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from kek.committees.models import (
    AgendaItem,
    Body,
    Consultation,
    File,
    Meeting,
    Membership,
    Organization,
    Paper,
    Person,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def body(nordsachsen):
    return Body.objects.get(region=nordsachsen)


def test_a_persons_name_is_built_from_its_parts_unless_given(body):
    person = Person(body=body, title="Dr.", given_name="Erika", affix="von", family_name="Muster")
    assert person.full_name == "Dr. Erika von Muster"
    person.name = "Erika Muster-Beispiel"
    assert str(person) == "Erika Muster-Beispiel"


def test_a_membership_is_current_until_its_end(body):
    person = Person.objects.create(body=body, family_name="Muster")
    organization = Organization.objects.create(body=body, name="Ausschuss")
    membership = Membership.objects.create(person=person, organization=organization)
    assert membership.body == body  # taken from the person
    assert membership.is_current
    membership.end_date = date.today() - timedelta(days=1)
    assert not membership.is_current
    assert str(membership) == "Muster – Ausschuss"


def test_children_take_their_body_and_a_consultation_its_meeting(body):
    meeting = Meeting.objects.create(body=body, name="Sitzung")
    item = AgendaItem.objects.create(meeting=meeting, name="Haushalt", number="3")
    assert item.body == body and str(item) == "TOP 3: Haushalt"
    paper = Paper.objects.create(body=body, reference="2021/1", name="Haushaltssatzung")
    consultation = Consultation.objects.create(paper=paper, agenda_item=item)
    assert consultation.body == body
    assert consultation.meeting == meeting


def test_an_agenda_item_keeps_its_key_and_is_a_resolution_with_a_result(body):
    meeting = Meeting.objects.create(body=body, name="Sitzung")
    item = AgendaItem.objects.create(meeting=meeting, name="Konzept")
    key = item.key
    assert not item.is_resolution
    item.result = "unverändert beschlossen"
    item.save()
    item.refresh_from_db()
    assert item.key == key and item.is_resolution


def test_an_oparl_id_is_unique_per_body_but_may_be_blank_many_times(body, nordsachsen):
    Organization.objects.create(body=body, name="A")
    Organization.objects.create(body=body, name="B")  # both without an OParl id
    url = "https://ris.example/oparl/organization/1"
    Organization.objects.create(body=body, name="C", oparl_id=url)
    with pytest.raises(IntegrityError), transaction.atomic():
        Organization.objects.create(body=body, name="D", oparl_id=url)
    from kek.regions.models import Region

    leipzig = Region.objects.get(ags="14729")
    other = Body.objects.create(region=leipzig, name="Landkreis Leipzig")
    Organization.objects.create(body=other, name="C", oparl_id=url)  # another body may


def test_created_and_modified_are_kept_and_deleted_objects_are_hidden(body):
    organization = Organization.objects.create(body=body, name="Ausschuss")
    created = organization.created
    organization.name = "Umbenannt"
    organization.save()
    organization.refresh_from_db()
    assert organization.created == created and organization.modified >= created
    organization.deleted = True
    organization.save()
    assert organization not in Organization.objects.visible_to(None)


def test_every_change_is_on_record(body):
    meeting = Meeting.objects.create(body=body, name="Sitzung")
    meeting.name = "Sondersitzung"
    meeting.save()
    assert [r.name for r in meeting.history.order_by("history_date")] == [
        "Sitzung",
        "Sondersitzung",
    ]


def test_an_uploaded_file_names_its_file_and_type(body, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    file = File(body=body, name="Protokoll")
    file.file.save("protokoll.pdf", ContentFile(b"%PDF"), save=False)
    file.save()
    assert file.file_name == "protokoll.pdf"
    assert file.mime_type == "application/pdf"
    assert "/protokoll.pdf" in file.file.name and file.file.name.startswith("gremien/")
