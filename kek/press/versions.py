"""A Fortschreibung copies the fields of action; the press articles that spoke to a field of
the old version speak to its copy in the new one as well (matched by the field's key, which
stays the same across versions). The old links stay: an older version's field page still
lists its articles. The new links are recorded in each article's history."""

from django.dispatch import receiver

from kek.core import history
from kek.goals.models import FieldOfAction
from kek.goals.versions import version_created

from .models import PressArticle


@receiver(version_created, dispatch_uid="press-link-new-fields")
def link_new_fields(sender, concept, copy, user=None, **kwargs) -> None:
    through = PressArticle.fields_of_action.through
    new_by_key = {f.key: f.pk for f in FieldOfAction.objects.filter(concept=copy)}
    old = through.objects.filter(fieldofaction__concept=concept).values_list(
        "pressarticle_id", "fieldofaction__key"
    )
    links = {(article, new_by_key[key]) for article, key in old if key in new_by_key}
    through.objects.bulk_create(
        [through(pressarticle_id=a, fieldofaction_id=f) for a, f in sorted(links)],
        ignore_conflicts=True,
    )
    history.record_links(
        PressArticle,
        sorted({a for a, _ in links}),
        user=user,
        reason=f"Handlungsfelder der Version {copy.version} verknüpft",
    )
