"""Committees, meetings, papers and resolutions (F19) as the objects of OParl 1.1.

One `Body` per district (its Landkreis); below it the committees (`Organization`, Gremium)
with their `Membership`s of `Person`s, `LegislativeTerm`s, `Meeting`s with their
`AgendaItem`s at a `Location`, `Paper`s (Vorlagen) with their `Consultation`s in agenda items,
and `File`s. Field names follow OParl's properties (snake_case), so the OParl API and import
map them one to one.

Every object has `created`, `modified`, a soft `deleted` flag (OParl keeps deleted objects
with `deleted: true`) and `oparl_id`, the object's URL on the council information system it
was imported from (blank when entered here), unique per body. A resolution is an agenda item
with a `result` and a `resolution_text`; concept versions and projects can point at it.

Meetings, agenda items and files can be non-public: `visible_to(user)` on their querysets
(and the `committees.view_*` permissions in rules.py) show them only to members of the
committee (a `Person` linked to the user account, with a current membership) and to planners.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from kek.core.history import History
from kek.regions.models import Region


def is_staff(user: Any) -> bool:
    """Planners and admins (kek.accounts.rules.is_staff_role) see everything."""
    from kek.accounts.rules import is_staff_role

    return bool(user is not None and user.is_authenticated and is_staff_role(user))


def member_organizations(user: Any) -> models.QuerySet[Organization]:
    """The committees the user is a current member of (through the `Person` linked to them)."""
    if user is None or not user.is_authenticated:
        return Organization.objects.none()
    today = date.today()
    return Organization.objects.filter(
        deleted=False,
        memberships__deleted=False,
        memberships__person__deleted=False,
        memberships__person__user=user,
    ).filter(Q(memberships__end_date__isnull=True) | Q(memberships__end_date__gte=today))


class OParlObject(models.Model):
    """What every OParl object has: its origin, its dates, its soft deletion."""

    oparl_id = models.URLField(
        "OParl-ID",
        max_length=500,
        blank=True,
        help_text="Adresse des Objekts im Ratsinformationssystem, aus dem es übernommen wurde; "
        "leer, wenn es hier angelegt wurde.",
    )
    created = models.DateTimeField("Angelegt", auto_now_add=True)
    modified = models.DateTimeField("Geändert", auto_now=True)
    deleted = models.BooleanField(
        "Gelöscht",
        default=False,
        help_text="Gelöschte Objekte erscheinen nirgends mehr öffentlich.",
    )

    class Meta:
        abstract = True


def unique_oparl_id(name: str) -> models.UniqueConstraint:
    return models.UniqueConstraint(
        fields=["body", "oparl_id"], condition=~Q(oparl_id=""), name=f"committees_{name}_oparl_id"
    )


class LiveQuerySet(models.QuerySet):
    """Objects that are not deleted; what every public view starts from."""

    def visible_to(self, user: Any) -> models.QuerySet:
        return self.filter(deleted=False)


class Body(OParlObject):
    """Körperschaft: the district as OParl's Body."""

    region = models.OneToOneField(
        Region,
        on_delete=models.CASCADE,
        related_name="committee_body",
        limit_choices_to={"level": Region.Level.DISTRICT},
        verbose_name="Landkreis",
    )
    name = models.CharField("Name", max_length=200)
    short_name = models.CharField("Kurzname", max_length=100, blank=True)
    website = models.URLField("Website", blank=True)
    license = models.URLField("Lizenz", blank=True, help_text="Adresse der Lizenz der Daten")
    license_valid_since = models.DateField("Lizenz gilt seit", null=True, blank=True)
    classification = models.CharField(
        "Art", max_length=100, blank=True, help_text="z. B. Landkreis"
    )
    contact_email = models.EmailField("Kontakt (E-Mail)", blank=True)
    contact_name = models.CharField("Kontakt (Name)", max_length=200, blank=True)
    history = History()

    objects = LiveQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "Körperschaft"
        verbose_name_plural = "Körperschaften"

    def __str__(self) -> str:
        return self.name


class LegislativeTerm(OParlObject):
    """Wahlperiode."""

    body = models.ForeignKey(
        Body,
        on_delete=models.CASCADE,
        related_name="legislative_terms",
        verbose_name="Körperschaft",
    )
    name = models.CharField("Name", max_length=200)
    start_date = models.DateField("Beginn", null=True, blank=True)
    end_date = models.DateField("Ende", null=True, blank=True)
    history = History()

    objects = LiveQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "name"]
        verbose_name = "Wahlperiode"
        verbose_name_plural = "Wahlperioden"
        constraints = [unique_oparl_id("legislativeterm")]

    def __str__(self) -> str:
        return self.name


class Location(OParlObject):
    """Ort: where a meeting takes place."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="locations", verbose_name="Körperschaft"
    )
    description = models.CharField("Bezeichnung", max_length=300, blank=True)
    street_address = models.CharField("Straße und Hausnummer", max_length=200, blank=True)
    room = models.CharField("Raum", max_length=200, blank=True)
    postal_code = models.CharField("Postleitzahl", max_length=10, blank=True)
    sub_locality = models.CharField("Ortsteil", max_length=200, blank=True)
    locality = models.CharField("Ort", max_length=200, blank=True)
    geojson = models.JSONField(
        "Geokoordinaten (GeoJSON)",
        null=True,
        blank=True,
        help_text='Ein GeoJSON-Punkt, z. B. {"type": "Point", "coordinates": [13.0, 51.5]}',
    )
    history = History()

    objects = LiveQuerySet.as_manager()

    class Meta:
        ordering = ["description", "locality", "id"]
        verbose_name = "Ort"
        verbose_name_plural = "Orte"
        constraints = [unique_oparl_id("location")]

    def __str__(self) -> str:
        return ", ".join(p for p in (self.description, self.room, self.locality) if p) or "Ort"

    @property
    def lines(self) -> list[str]:
        """The address as lines: description, room, street, postal code and locality."""
        place = " ".join(p for p in (self.postal_code, self.locality) if p)
        if self.sub_locality:
            place = f"{place} ({self.sub_locality})" if place else self.sub_locality
        return [p for p in (self.description, self.room, self.street_address, place) if p]


class OrganizationType(models.TextChoices):
    COMMITTEE = "Gremium", "Gremium"
    PARTY = "Partei", "Partei"
    FACTION = "Fraktion", "Fraktion"
    ADMINISTRATION = "Verwaltungsbereich", "Verwaltungsbereich"
    EXTERNAL = "externes Gremium", "externes Gremium"
    INSTITUTION = "Institution", "Institution"
    OTHER = "Sonstiges", "Sonstiges"


class Organization(OParlObject, ClusterableModel):
    """Gremium: a council, committee, steering or working group."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="organizations", verbose_name="Körperschaft"
    )
    name = models.CharField("Name", max_length=200)
    short_name = models.CharField("Kurzname", max_length=100, blank=True)
    organization_type = models.CharField(
        "Organisationstyp",
        max_length=30,
        choices=OrganizationType.choices,
        default=OrganizationType.COMMITTEE,
    )
    classification = models.CharField(
        "Art",
        max_length=100,
        blank=True,
        help_text="z. B. Kreistag, Ausschuss, Arbeitsgruppe, Steuerungsgruppe",
    )
    description = models.TextField(
        "Beschreibung", blank=True, help_text="Aufgabe des Gremiums, für die öffentliche Seite"
    )
    start_date = models.DateField("Gegründet am", null=True, blank=True)
    end_date = models.DateField("Aufgelöst am", null=True, blank=True)
    website = models.URLField("Website", blank=True)
    sub_organization_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sub_organizations",
        verbose_name="Untergremium von",
    )
    position = models.PositiveIntegerField("Reihenfolge", default=0)
    history = History()

    objects = LiveQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name", "id"]
        verbose_name = "Gremium"
        verbose_name_plural = "Gremien"
        constraints = [unique_oparl_id("organization")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_current(self) -> bool:
        return self.end_date is None or self.end_date >= date.today()


class Person(OParlObject, ClusterableModel):
    """Person: a member of a committee; linked to a user account, she sees its non-public
    meetings."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="persons", verbose_name="Körperschaft"
    )
    name = models.CharField(
        "Name", max_length=200, blank=True, help_text="Der ganze Name; leer: aus den Namensteilen"
    )
    family_name = models.CharField("Familienname", max_length=100, blank=True)
    given_name = models.CharField("Vorname", max_length=100, blank=True)
    form_of_address = models.CharField(
        "Anrede", max_length=50, blank=True, help_text="z. B. Frau, Herr"
    )
    affix = models.CharField("Namenszusatz", max_length=100, blank=True, help_text="z. B. von")
    title = models.CharField("Titel", max_length=100, blank=True, help_text="z. B. Dr.")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="committee_persons",
        verbose_name="Benutzerkonto",
        help_text="Mit einem Konto sieht die Person die nichtöffentlichen Sitzungen ihrer Gremien.",
    )
    history = History()

    objects = LiveQuerySet.as_manager()

    class Meta:
        ordering = ["family_name", "given_name", "name", "id"]
        verbose_name = "Person"
        verbose_name_plural = "Personen"
        constraints = [unique_oparl_id("person")]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        if self.name:
            return self.name
        parts = (self.title, self.given_name, self.affix, self.family_name)
        return " ".join(p for p in parts if p) or "Person"


def parent_body() -> models.ForeignKey:
    """The body of an object that lives inside another (membership, agenda item, consultation),
    copied from its parent on save: `oparl_id` is unique per body, and that needs a column."""
    return models.ForeignKey(
        Body,
        on_delete=models.CASCADE,
        related_name="+",
        editable=False,
        verbose_name="Körperschaft",
    )


class Membership(OParlObject):
    """Mitgliedschaft of a person in a committee, with role and voting right."""

    body = parent_body()
    person = ParentalKey(
        Person, on_delete=models.CASCADE, related_name="memberships", verbose_name="Person"
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name="Gremium",
    )
    role = models.CharField(
        "Rolle", max_length=100, blank=True, help_text="z. B. Vorsitz, Mitglied, Stellvertretung"
    )
    voting_right = models.BooleanField("Stimmberechtigt", default=True)
    start_date = models.DateField("Von", null=True, blank=True)
    end_date = models.DateField("Bis", null=True, blank=True)
    history = History()

    objects = LiveQuerySet.as_manager()

    panels = [
        FieldPanel("organization"),
        FieldRowPanel([FieldPanel("role"), FieldPanel("voting_right")]),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("deleted"),
    ]

    class Meta:
        ordering = ["organization", "end_date", "person__family_name", "id"]
        verbose_name = "Mitgliedschaft"
        verbose_name_plural = "Mitgliedschaften"
        constraints = [unique_oparl_id("membership")]

    def __str__(self) -> str:
        role = f" ({self.role})" if self.role else ""
        return f"{self.person} – {self.organization}{role}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.body_id = self.person.body_id
        super().save(*args, **kwargs)

    @property
    def is_current(self) -> bool:
        return self.end_date is None or self.end_date >= date.today()


class FileQuerySet(LiveQuerySet):
    def visible_to(self, user: Any) -> models.QuerySet:
        """Public files; non-public ones only to planners and to members of a committee of a
        meeting the file belongs to (directly or through an agenda item)."""
        live = self.filter(deleted=False)
        if is_staff(user):
            return live
        committees = member_organizations(user)
        return live.filter(
            Q(public=True)
            | Q(meetings__organizations__in=committees)
            | Q(invitation_of__organizations__in=committees)
            | Q(results_protocol_of__organizations__in=committees)
            | Q(verbatim_protocol_of__organizations__in=committees)
            | Q(agenda_items__meeting__organizations__in=committees)
            | Q(resolution_of__meeting__organizations__in=committees)
        ).distinct()


def upload_to(instance: File, filename: str) -> str:
    """A directory of its own with an unguessable name per file (non-public files are only
    served through the checked download view)."""
    return f"gremien/{uuid.uuid4().hex}/{filename}"


class File(OParlObject):
    """Datei: an invitation, protocol, paper or attachment."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="files", verbose_name="Körperschaft"
    )
    name = models.CharField("Name", max_length=300)
    file_name = models.CharField(
        "Dateiname", max_length=255, blank=True, help_text="Leer: der Name der hochgeladenen Datei"
    )
    mime_type = models.CharField("MIME-Typ", max_length=100, blank=True)
    date = models.DateField("Datum", null=True, blank=True)
    file = models.FileField("Datei", upload_to=upload_to, max_length=400, blank=True)
    access_url = models.URLField(
        "Externe Adresse",
        max_length=500,
        blank=True,
        help_text="Wo die Datei liegt, wenn sie nicht hochgeladen ist (z. B. im "
        "Ratsinformationssystem)",
    )
    text = models.TextField("Text", blank=True, help_text="Der Textinhalt der Datei, für die Suche")
    public = models.BooleanField("Öffentlich", default=True)
    history = History()

    objects = FileQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "name", "id"]
        verbose_name = "Datei"
        verbose_name_plural = "Dateien"
        constraints = [unique_oparl_id("file")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.file and not self.file_name:
            self.file_name = (self.file.name or "").rsplit("/", 1)[-1]
        if self.file and not self.mime_type:
            import mimetypes

            self.mime_type = mimetypes.guess_type(self.file_name)[0] or ""
        super().save(*args, **kwargs)


class MeetingState(models.TextChoices):
    PLANNED = "terminiert", "terminiert"
    INVITED = "eingeladen", "eingeladen"
    HELD = "durchgeführt", "durchgeführt"


class MeetingQuerySet(LiveQuerySet):
    def visible_to(self, user: Any) -> models.QuerySet:
        """Public meetings; non-public ones only to planners and the committee's members."""
        live = self.filter(deleted=False)
        if is_staff(user):
            return live
        members = Q(organizations__in=member_organizations(user))
        mine = Meeting.objects.filter(members, deleted=False).values("pk")
        return live.filter(Q(public=True) | Q(pk__in=mine))


class Meeting(OParlObject, ClusterableModel):
    """Sitzung of one or more committees."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="meetings", verbose_name="Körperschaft"
    )
    name = models.CharField("Name", max_length=300)
    organizations = ParentalManyToManyField(
        Organization, blank=True, related_name="meetings", verbose_name="Gremien"
    )
    start = models.DateTimeField(
        "Beginn", null=True, blank=True, help_text="Leer, wenn der Termin nicht bekannt ist"
    )
    start_time_known = models.BooleanField(
        "Uhrzeit bekannt",
        default=True,
        help_text="Aus: nur der Tag ist bekannt (die Uhrzeit wird nicht gezeigt).",
    )
    end = models.DateTimeField("Ende", null=True, blank=True)
    location = models.ForeignKey(
        Location,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name="Ort",
    )
    meeting_state = models.CharField(
        "Stand", max_length=20, choices=MeetingState.choices, blank=True
    )
    cancelled = models.BooleanField("Abgesagt", default=False)
    public = models.BooleanField(
        "Öffentlich",
        default=True,
        help_text="Nichtöffentliche Sitzungen sehen nur Mitglieder des Gremiums und die "
        "Kreisentwicklung.",
    )
    invitation = models.ForeignKey(
        File,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitation_of",
        verbose_name="Einladung",
    )
    results_protocol = models.ForeignKey(
        File,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="results_protocol_of",
        verbose_name="Ergebnisprotokoll",
    )
    verbatim_protocol = models.ForeignKey(
        File,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="verbatim_protocol_of",
        verbose_name="Wortprotokoll",
    )
    auxiliary_files = ParentalManyToManyField(
        File, blank=True, related_name="meetings", verbose_name="Weitere Dateien"
    )
    history = History(m2m_fields=["organizations", "auxiliary_files"])

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-start", "name", "id"]
        verbose_name = "Sitzung"
        verbose_name_plural = "Sitzungen"
        constraints = [unique_oparl_id("meeting")]

    def __str__(self) -> str:
        return self.name

    @property
    def shown_location(self) -> Location | None:
        """The place, unless it was deleted."""
        location = self.location if self.location_id else None
        return location if location is not None and not location.deleted else None


class AgendaItemQuerySet(LiveQuerySet):
    def visible_to(self, user: Any) -> models.QuerySet:
        """Items of meetings the user may see; non-public items only to planners and the
        members of the meeting's committees."""
        live = self.filter(deleted=False, meeting__in=Meeting.objects.visible_to(user))
        if is_staff(user):
            return live
        members = Q(meeting__organizations__in=member_organizations(user))
        mine = AgendaItem.objects.filter(members).values("pk")
        return live.filter(Q(public=True) | Q(pk__in=mine))


class AgendaItem(OParlObject, ClusterableModel):
    """Tagesordnungspunkt; with a result it is a resolution (Beschluss)."""

    key = models.UUIDField(
        "Schlüssel",
        default=uuid.uuid4,
        editable=False,
        db_index=True,
        help_text="Bleibt gleich; Konzeptversionen und Projekte verweisen darauf (eine "
        "Sicherung, als anderer Landkreis wiederhergestellt, behält ihn: je Körperschaft "
        "eindeutig).",
    )
    body = parent_body()
    meeting = ParentalKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items", verbose_name="Sitzung"
    )
    number = models.CharField(
        "Nummer", max_length=20, blank=True, help_text="Gliederungsnummer, z. B. 7 oder 7.1"
    )
    order = models.PositiveIntegerField("Reihenfolge", default=0)
    name = models.CharField("Thema", max_length=500)
    public = models.BooleanField("Öffentlich", default=True)
    result = models.CharField(
        "Ergebnis",
        max_length=200,
        blank=True,
        help_text="z. B. „unverändert beschlossen“, „geändert beschlossen“, „abgelehnt“",
    )
    resolution_text = models.TextField("Beschlusstext", blank=True)
    resolution_file = models.ForeignKey(
        File,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resolution_of",
        verbose_name="Beschlussdatei",
    )
    auxiliary_files = ParentalManyToManyField(
        File, blank=True, related_name="agenda_items", verbose_name="Weitere Dateien"
    )
    history = History(excluded_fields=["key"], m2m_fields=["auxiliary_files"])

    objects = AgendaItemQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("number"), FieldPanel("order"), FieldPanel("public")]),
        FieldPanel("name"),
        FieldPanel("result"),
        FieldPanel("resolution_text"),
        FieldPanel("resolution_file"),
        FieldPanel("auxiliary_files"),
        FieldPanel("deleted"),
    ]

    class Meta:
        ordering = ["meeting", "order", "id"]
        verbose_name = "Tagesordnungspunkt"
        verbose_name_plural = "Tagesordnungspunkte"
        constraints = [
            unique_oparl_id("agendaitem"),
            models.UniqueConstraint(fields=["body", "key"], name="committees_agendaitem_key"),
        ]

    def __str__(self) -> str:
        number = f"TOP {self.number}: " if self.number else ""
        return f"{number}{self.name}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.body_id = self.meeting.body_id
        super().save(*args, **kwargs)

    @property
    def is_resolution(self) -> bool:
        return bool(self.result)


class Paper(OParlObject, ClusterableModel):
    """Drucksache (Vorlage): a paper put to one or more committees."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="papers", verbose_name="Körperschaft"
    )
    name = models.CharField("Titel", max_length=500)
    reference = models.CharField(
        "Aktenzeichen", max_length=100, blank=True, help_text="Drucksachennummer, z. B. 2021/037"
    )
    date = models.DateField("Datum", null=True, blank=True)
    paper_type = models.CharField(
        "Art", max_length=100, blank=True, help_text="z. B. Beschlussvorlage, Informationsvorlage"
    )
    main_file = models.ForeignKey(
        File,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="main_file_of",
        verbose_name="Hauptdatei",
    )
    auxiliary_files = ParentalManyToManyField(
        File, blank=True, related_name="papers", verbose_name="Anlagen"
    )
    related_papers = ParentalManyToManyField(
        "self", blank=True, symmetrical=True, verbose_name="Verwandte Vorlagen"
    )
    under_direction_of = ParentalManyToManyField(
        Organization, blank=True, related_name="directed_papers", verbose_name="Federführung"
    )
    history = History(m2m_fields=["auxiliary_files", "under_direction_of"])

    objects = LiveQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "reference", "id"]
        verbose_name = "Vorlage"
        verbose_name_plural = "Vorlagen"
        constraints = [unique_oparl_id("paper")]

    def __str__(self) -> str:
        return f"{self.reference} {self.name}".strip()


class Consultation(OParlObject):
    """Beratung of a paper in an agenda item (of a meeting) by committees."""

    body = parent_body()
    paper = ParentalKey(
        Paper, on_delete=models.CASCADE, related_name="consultations", verbose_name="Vorlage"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name="Tagesordnungspunkt",
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name="Sitzung",
        help_text="Leer: die Sitzung des Tagesordnungspunkts",
    )
    organizations = models.ManyToManyField(
        Organization, blank=True, related_name="consultations", verbose_name="Gremien"
    )
    authoritative = models.BooleanField(
        "Beschließend", default=False, help_text="Das Gremium entscheidet abschließend."
    )
    role = models.CharField(
        "Rolle", max_length=100, blank=True, help_text="z. B. Anhörung, Vorberatung, Entscheidung"
    )
    history = History(m2m_fields=["organizations"])

    objects = LiveQuerySet.as_manager()

    # The committees are those of the meeting; `organizations` is for imported consultations.
    panels = [
        FieldPanel("agenda_item"),
        FieldPanel("meeting"),
        FieldRowPanel([FieldPanel("role"), FieldPanel("authoritative")]),
        FieldPanel("deleted"),
    ]

    class Meta:
        ordering = ["paper", "meeting__start", "id"]
        verbose_name = "Beratung"
        verbose_name_plural = "Beratungen"
        constraints = [unique_oparl_id("consultation")]

    def __str__(self) -> str:
        return f"{self.paper} – {self.meeting or self.agenda_item or 'Beratung'}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.body_id = self.paper.body_id
        if self.agenda_item is not None and not self.meeting_id:
            self.meeting_id = self.agenda_item.meeting_id
        super().save(*args, **kwargs)
