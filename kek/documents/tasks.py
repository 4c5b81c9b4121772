"""The documents' background jobs (django-tasks, the "background" backend): a worker
(`manage.py db_worker --backend background`, or rqworker on Redis) runs them."""

from django_tasks import task

from kek.regions.models import Region

from . import builds
from .models import PendingRefresh


@task(backend="background")
def build_document(build_id: int) -> str:
    """Build one document in all its formats; a build already run is left as it is."""
    build = builds.run_build(build_id)
    return f"{build.kind}: {build.get_state_display()}"


@task(backend="background")
def refresh_documents(region_id: int) -> str:
    """Queue a build of every document of the district whose inputs changed. The pending
    mark goes first, so that a change made while this runs queues the next refresh."""
    PendingRefresh.objects.filter(region_id=region_id).delete()
    region = Region.objects.get(pk=region_id)
    queued = builds.refresh(region)
    return f"{region.name}: {len(queued)} Dokument(e) zur Erzeugung eingereiht"
