"""Every model of the platform's apps keeps a change history (issue 16), or says here why not:
a new content model cannot slip past the record."""

from django.apps import apps

from kek.core.history import is_recorded

NOT_RECORDED = {
    "statistics.observation": "millions of rows; each import batch is on record instead",
    "goals.sdg": "the 17 UN goals, written once by a migration",
    "regions.region": "official reference data (BKG VG2500), loaded from files",
    "regions.regionboundary": "map outlines (BKG VG250 or a district's file), loaded from files",
    "accounts.signinevent": "is itself the record of the sign-ins",
    "core.importrun": "is itself the record of an import run (who, when, file, its undo)",
    "oparl.oparlimport": "is itself the record of an OParl import run (who, when, source)",
    "statistics.replacedvalue": "the values an import replaced, kept with its batch for undoing",
    "cms.districthomepage": "a Wagtail page: revisions and the page log (in the Protokoll)",
    "cms.standardpage": "a Wagtail page: revisions and the page log (in the Protokoll)",
    "events.registration": "personal data, emptied after the event: a history would keep a "
    "copy (the registrant's own actions by link have no account anyway)",
    "documents.build": "derived: rebuilt from the recorded content; a build's input hash and "
    "time are its record",
    "documents.buildfile": "a file of a build (see documents.build)",
    "documents.pendingrefresh": "a queued rebuild, deleted once done",
    "documents.reportpage": "a Wagtail page: revisions and the page log (in the Protokoll)",
    "documents.chapterpage": "a Wagtail page: revisions and the page log (in the Protokoll)",
    "surveys.response": "a person's filled questionnaire: a history would keep the account "
    "after its holder deleted it (erase sets it to NULL)",
    "surveys.answer": "part of a response (see surveys.response)",
    "core.secondpersonapprovaltask": "a Wagtail workflow task: Wagtail logs its changes and "
    "every approval (workflow history)",
    "accounts.accountevent": "is itself the record of an account's exports and deletion",
    "accounts.profile": "personal data (display name, organisation, consent): a history "
    "would keep it after the account's deletion",
    "follows.follow": "a person's own choice, erased with the account; not content",
    "follows.notification": "is itself the record of what was sent to whom, and when",
    "follows.notificationsetting": "a person's own choice, erased with the account",
    "participation.comment": "a participant's contribution: a history would keep erased text "
    "and authors; what the moderation does is in participation.moderationaction",
    "participation.rating": "a participant's vote, erased with the account",
    "participation.report": "a participant's report; its review is in the moderation log",
    "participation.block": "set and lifted by moderation actions, each in the moderation log",
    "participation.moderationaction": "is itself the record of the moderation",
    "proposals.proposal": "a participant's contribution: state, answer and who answered are "
    "its own fields; a history would keep the author after the account's deletion",
    "proposals.support": "one row per support, the count's record; erased with the account",
}
RECORDED_ELSEWHERE = {"auth.user", "auth.group"}  # registered by kek.core.models


def platform_models():
    for model in apps.get_models():
        if hasattr(model, "instance_type"):  # a historical model itself
            continue
        if model.__module__.startswith("kek."):
            yield model._meta.label_lower, model


def test_every_model_of_the_apps_keeps_a_history_or_says_why_not():
    missing = sorted(
        label for label, model in platform_models()
        if label not in NOT_RECORDED and not is_recorded(model)
    )  # fmt: skip
    assert not missing, f"Models without a history (History() or NOT_RECORDED): {missing}"
    stale = set(NOT_RECORDED) - {label for label, _ in platform_models()}
    assert not stale, f"NOT_RECORDED names models that do not exist: {sorted(stale)}"


def test_users_and_groups_keep_a_history():
    assert all(is_recorded(apps.get_model(label)) for label in RECORDED_ELSEWHERE)


def test_records_are_no_use_of_what_they_name_in_wagtails_reference_index():
    """A record of an attachment names its document; that is not a use of the document."""
    from simple_history.models import HistoricalRecords
    from wagtail.models import ReferenceIndex

    from kek.core.changes import history_of

    recorded = [m for _, m in platform_models() if is_recorded(m)]
    tables = [history_of(m) for m in recorded] + list(HistoricalRecords.m2m_models.values())
    assert tables
    assert not [t for t in tables if ReferenceIndex.model_is_indexable(t)]
