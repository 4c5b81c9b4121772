"""Citizen participation in a real browser (issue 13): axe-core on every public page type of the
forums, proposals, surveys, follows and the participation base, and a participant who uses the
keyboard only (Tab, Shift+Tab, Enter, Space; an arrow key only to pick an option of a select) to
comment on a topic, reply, report another's comment, submit a proposal, support another one and
answer a survey, each step checked on the page and in the database.

The data is made with the ORM; the participant is signed in by a session cookie (B's own browser
test covers the registration)."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


# ----------------------------------------------------------------------------- helpers


def signed_in(new_context, site, user):
    client = Client()
    client.force_login(user)
    context = new_context()
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": site}])
    return context.new_page()


def focused(locator) -> bool:
    return locator.evaluate("element => element === document.activeElement")


def tab_to(page, locator, limit: int = 200, key: str = "Tab") -> None:
    """Press Tab (or Shift+Tab) until `locator` has the focus, like a keyboard user."""
    for _ in range(limit):
        page.keyboard.press(key)
        if focused(locator):
            return
    raise AssertionError(f"{locator} never got the focus by {key}")


def user(username: str):
    from tests.accounts.factories import UserFactory

    return UserFactory(username=username)


def comment(subject, author, text, parent=None, state="visible", reason=""):
    from kek.participation.models import Comment

    return Comment.objects.create(
        content_type=ContentType.objects.get_for_model(subject), object_id=subject.pk,
        district=subject.district, author=author, parent=parent,
        depth=parent.depth + 1 if parent else 1, text=text, state=state, hidden_reason=reason,
    )  # fmt: skip


def topic(nordsachsen, title):
    from kek.forums.models import Topic
    from kek.goals.models import StrategicGoal

    goal = StrategicGoal.objects.filter(concept__region=nordsachsen, concept__is_current=True)
    made = Topic(district=nordsachsen, title=title, description="Was brauchen Sie vor Ort?")
    made.set_subject(goal.order_by("position", "id").first())
    made.save()
    return made


def proposal(nordsachsen, author, title, **values):
    from kek.goals.models import FieldOfAction
    from kek.proposals.models import Proposal, ProposalBox

    field = FieldOfAction.objects.filter(concept__region=nordsachsen, concept__is_current=True)
    field = field.order_by("position", "id").first()
    return Proposal.objects.create(
        box=ProposalBox.objects.get(district=nordsachsen), district=nordsachsen, author=author,
        title=title, text="Zwischen den Dörfern fehlen sichere Radwege.", field_key=field.key,
        topic_title=str(field), **values,
    )  # fmt: skip


def survey(nordsachsen, title, closed=False):
    """A survey with one question of each kind (like the shipped example), open or closed."""
    from kek.surveys.models import Choice, Question, Survey

    now = timezone.now()
    opens, closes = (now - timedelta(days=20), now - timedelta(days=1)) if closed else (
        now - timedelta(days=1), now + timedelta(days=10))  # fmt: skip
    made = Survey.objects.create(district=nordsachsen, title=title, opens_at=opens,
                                 closes_at=closes, intro="Ihre Meinung zählt.")  # fmt: skip
    rows = [
        ("single", "Welches Handlungsfeld ist Ihnen am wichtigsten?", True,
         ["Wirtschaft & Innovation", "Bildung & Qualifikation", "Infrastruktur & Mobilität"]),
        ("multiple", "Wie erfahren Sie von Neuigkeiten?", False,
         ["Tageszeitung", "Website des Landkreises", "Soziale Medien"]),
        ("scale", "Wie zufrieden sind Sie mit der Lebensqualität?", True, []),
        ("free_text", "Was sollte der Landkreis bis 2030 angehen?", False, []),
    ]  # fmt: skip
    for position, (kind, text, required, choices) in enumerate(rows):
        question = Question.objects.create(
            survey=made, position=position, kind=kind, text=text, required=required
        )
        for index, choice in enumerate(choices):
            Choice.objects.create(question=question, position=index, text=choice)
    return made


def respond(found, who, choice_index, scale):
    from kek.surveys.models import Answer, Response

    single, multiple, scaled, free = found.questions.order_by("position")
    response = Response.objects.create(survey=found, user=who)
    Answer.objects.create(response=response, question=single).choices.set(
        [single.choices.order_by("position")[choice_index]]
    )
    Answer.objects.create(response=response, question=multiple).choices.set(
        multiple.choices.all()[:2]
    )
    Answer.objects.create(response=response, question=scaled, scale=scale)
    Answer.objects.create(response=response, question=free, text="Mehr Busse, bitte.")


# ----------------------------------------------------------------------------- axe-core


def test_every_participation_page_type_passes_axe(new_context, site, page, axe, nordsachsen,
                                                  participant):  # fmt: skip
    from kek.follows.subjects import follow
    from kek.projects.models import Project
    from kek.proposals.models import State

    anna, bernd = user("anna-eilenburg"), user("bernd-torgau")
    forum = topic(nordsachsen, "Wie kommen junge Menschen zur Ausbildung?")
    first = comment(forum, anna, "Ein Azubi-Ticket für den Bus wäre gut.\nhttps://example.org")
    comment(forum, bernd, "Stimmt, und abends fahren kaum Busse.", parent=first)
    comment(forum, bernd, "…", state="moderated", reason="beleidigend")
    comment(forum, anna, "", state="deleted")
    project = Project.objects.filter(region=nordsachsen, live=True).order_by("number").first()
    answered = proposal(
        nordsachsen, anna, "Radweg an der Mulde", state=State.TAKEN_UP,
        answer="Wird aufgegriffen.", published_answer="Wir nehmen den Radweg ins Projekt auf.",
        answered_at=timezone.now(), answer_published_at=timezone.now(),
    )  # fmt: skip
    answered.projects.add(project)
    proposal(nordsachsen, bernd, "Bürgerbus für die Dörfer")
    open_survey = survey(nordsachsen, "Umfrage zur Mobilität")
    done = survey(nordsachsen, "Umfrage zum Ehrenamt", closed=True)
    respond(done, anna, 0, 4)
    respond(done, bernd, 2, 2)
    done.results_published_at = timezone.now() - timedelta(minutes=1)
    done.save()

    follow(participant, forum)  # the settings page lists it with its unfollow button
    follow(participant, answered)

    def check(target, heading, url):
        target.goto(url)
        expect(target.locator("h1")).to_contain_text(heading)
        axe(target)

    # Anonymous visitors: the pages everybody reads.

    check(page, "Foren", "/beteiligung/foren/")
    check(page, forum.title, f"/beteiligung/foren/{forum.pk}/")
    thread = page.locator("#kommentare")
    expect(thread).to_contain_text("Stimmt, und abends fahren kaum Busse.")
    expect(thread).to_contain_text("Von der Moderation ausgeblendet: beleidigend")
    expect(thread).to_contain_text("vom Verfasser gelöscht")
    check(page, "Netiquette", "/netiquette/")
    check(page, "Vorschläge", "/beteiligung/vorschlaege/")
    field = answered.field_key
    check(page, "Vorschläge", f"/beteiligung/vorschlaege/?feld={field}&stand=aufgegriffen"
          "&sortierung=unterstuetzt")  # fmt: skip
    expect(page.get_by_role("link", name="Radweg an der Mulde")).to_be_visible()
    expect(page.get_by_role("link", name="Bürgerbus für die Dörfer")).to_have_count(0)
    check(page, "Radweg an der Mulde", f"/beteiligung/vorschlaege/{answered.pk}/")
    expect(page.get_by_text("Wir nehmen den Radweg ins Projekt auf.")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(re.escape(project.title)))).to_be_visible()
    check(page, "Umfragen", "/beteiligung/umfragen/")
    check(page, done.title, f"/beteiligung/umfragen/{done.pk}/ergebnisse/")
    expect(page.locator("main")).not_to_contain_text("Mehr Busse, bitte.")  # free text unpublished

    # A signed-in participant: the forms.
    own = signed_in(new_context, site, participant)
    check(own, forum.title, f"/beteiligung/foren/{forum.pk}/")
    expect(own.get_by_label("Ihr Kommentar")).to_be_visible()
    check(own, "Antworten", f"/beteiligung/kommentare/{first.pk}/antworten/")
    check(own, "Beitrag melden", f"/beteiligung/participation-comment/{first.pk}/melden/")
    check(own, "Radweg an der Mulde", f"/beteiligung/vorschlaege/{answered.pk}/")
    check(own, "Vorschlag", "/beteiligung/vorschlaege/neu/")
    own.get_by_role("button", name="Vorschlag einreichen").click()  # empty: the errors
    expect(own.get_by_role("alert")).to_contain_text("Bitte geben Sie Ihrem Vorschlag einen Titel.")
    axe(own)
    check(own, open_survey.title, f"/beteiligung/umfragen/{open_survey.pk}/")
    own.get_by_role("button", name="Antworten absenden").click()  # empty: the errors
    expect(own.get_by_role("alert")).to_contain_text("Welches Handlungsfeld")
    axe(own)
    check(own, "Benachrichtigungen", "/beteiligung/benachrichtigungen/")
    following = own.get_by_role("region", name="Was Sie folgen")
    expect(following.get_by_role("link", name=forum.title)).to_be_visible()
    expect(following.get_by_role("button", name=re.compile("Nicht mehr folgen"))).to_have_count(2)


# ----------------------------------------------------------------------------- keyboard only


def test_a_participant_takes_part_by_keyboard_only(new_context, site, axe, nordsachsen,
                                                   participant):  # fmt: skip
    from kek.goals.models import FieldOfAction
    from kek.participation.models import Comment, Report
    from kek.proposals.models import Proposal, Support
    from kek.surveys.models import Response

    anna = user("anna-eilenburg")
    forum = topic(nordsachsen, "Wie kommen junge Menschen zur Ausbildung?")
    others = comment(forum, anna, "Das ist doch alles Unsinn, ihr Dummköpfe!")
    other_proposal = proposal(nordsachsen, anna, "Bürgerbus für die Dörfer")
    open_survey = survey(nordsachsen, "Umfrage zur Mobilität")
    page = signed_in(new_context, site, participant)

    # Comment on the topic.
    page.goto(f"/beteiligung/foren/{forum.pk}/")
    tab_to(page, page.get_by_label("Ihr Kommentar"))
    page.keyboard.type("Ein Azubi-Ticket für Bus und Bahn würde helfen.")
    tab_to(page, page.get_by_role("button", name="Kommentar senden"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#kommentar-\d+$"))
    mine = Comment.objects.get(author=participant, parent=None)
    expect(page).to_have_url(re.compile(rf"#kommentar-{mine.pk}$"))
    item = page.locator(f"#kommentar-{mine.pk}")
    expect(item).to_contain_text("Ein Azubi-Ticket für Bus und Bahn würde helfen.")
    assert (mine.state, mine.depth, mine.object_id) == ("visible", 1, forum.pk)

    # Reply to it.
    tab_to(page, item.get_by_role("link", name="Antworten").first)
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Antworten")
    tab_to(page, page.get_by_label("Ihr Beitrag"))
    page.keyboard.type("Nachtrag: auch am Wochenende.")
    tab_to(page, page.get_by_role("button", name="Senden"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/foren/\d+/#kommentar-\d+$"))
    reply = Comment.objects.get(author=participant, parent=mine)
    expect(page).to_have_url(re.compile(rf"#kommentar-{reply.pk}$"))
    expect(page.locator(f"#kommentar-{mine.pk} #kommentar-{reply.pk}")).to_contain_text(
        "Nachtrag: auch am Wochenende."
    )
    assert reply.depth == 2

    # Report another participant's comment, with a reason.
    tab_to(page, page.locator(f"#kommentar-{others.pk}").get_by_role("link", name="Melden"))
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Beitrag melden")
    insult = page.get_by_label("Beleidigung")
    tab_to(page, insult)  # the first radio of a group none of which is checked
    page.keyboard.press("Space")
    expect(insult).to_be_checked()
    tab_to(page, page.get_by_label("Erläuterung"))
    page.keyboard.type("Beschimpft andere.")
    tab_to(page, page.get_by_role("button", name="Meldung senden"))
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Danke für Ihre Meldung")
    report = Report.objects.get(reporter=participant)
    assert (report.object_id, report.reason, report.text) == (
        others.pk,
        "beleidigung",
        "Beschimpft andere.",
    )

    # Submit a proposal: title, text and a field of action.
    page.goto("/beteiligung/vorschlaege/")
    tab_to(page, page.get_by_role("link", name=re.compile("Vorschlag einreichen")).first)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/beteiligung/vorschlaege/neu/$"))
    tab_to(page, page.get_by_label("Titel"))
    page.keyboard.type("Radweg an der Mulde")
    tab_to(page, page.get_by_label("Ihr Vorschlag"))
    page.keyboard.type("Ein durchgehender Radweg von Eilenburg nach Bad Düben.")
    topic_select = page.get_by_label("Handlungsfeld oder Ziel")
    tab_to(page, topic_select)
    page.keyboard.press("ArrowDown")  # the first option after "– bitte wählen –": a field
    tab_to(page, page.get_by_role("button", name="Vorschlag einreichen"))
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Radweg an der Mulde")
    expect(page.get_by_role("status")).to_contain_text("Ihr Vorschlag ist veröffentlicht")
    submitted = Proposal.objects.get(author=participant)
    field = FieldOfAction.objects.filter(concept__region=nordsachsen, concept__is_current=True)
    assert submitted.field_key == field.order_by("position", "id").first().key
    assert submitted.goal_key is None
    assert submitted.text == "Ein durchgehender Radweg von Eilenburg nach Bad Düben."

    # Support another's proposal: the count goes up by one.
    page.goto(f"/beteiligung/vorschlaege/{other_proposal.pk}/")
    expect(page.locator("#unterstuetzungen")).to_have_text("0")
    tab_to(page, page.get_by_role("button", name="Vorschlag unterstützen"))
    page.keyboard.press("Enter")
    expect(page.locator("#unterstuetzungen")).to_have_text("1")
    expect(page.get_by_role("status")).to_contain_text("Danke! Sie unterstützen diesen Vorschlag.")
    other_proposal.refresh_from_db()
    assert other_proposal.supports_count == 1
    assert Support.objects.filter(proposal=other_proposal, user=participant).exists()

    # Answer the open survey: one question of each kind.
    page.goto(f"/beteiligung/umfragen/{open_survey.pk}/")
    first_choice = page.get_by_label("Wirtschaft & Innovation")
    tab_to(page, first_choice)
    page.keyboard.press("Space")
    tab_to(page, page.get_by_label("Website des Landkreises"))
    page.keyboard.press("Space")
    free = page.get_by_label("Ihre Antwort")
    tab_to(page, free)
    page.keyboard.type("Mehr Busse am Abend.")
    # Back into the scale, none of whose radios is checked: Chromium focuses its first one.
    lowest = page.get_by_label("1", exact=True)
    tab_to(page, lowest, limit=1, key="Shift+Tab")
    page.keyboard.press("Space")
    expect(lowest).to_be_checked()
    tab_to(page, page.get_by_role("button", name="Antworten absenden"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Vielen Dank für Ihre Teilnahme!")
    axe(page)
    response = Response.objects.get(survey=open_survey, user=participant)
    answers = {a.question.kind: a for a in response.answers.select_related("question")}
    assert [c.text for c in answers["single"].choices.all()] == ["Wirtschaft & Innovation"]
    assert [c.text for c in answers["multiple"].choices.all()] == ["Website des Landkreises"]
    assert answers["scale"].scale == 1
    assert answers["free_text"].text == "Mehr Busse am Abend."
