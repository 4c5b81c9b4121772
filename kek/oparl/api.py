"""`/oparl/v1/`: the read-only OParl 1.1 API of the district whose site the request is for
(django-ninja routes; the objects come from kek.oparl.objects, the output rules from
kek.oparl.format). Every answer allows any origin (CORS) and every error is an OParl Error
object with a German message."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import ValidationError
from wagtail.models import Site

from kek.committees.models import Body, File

from . import format as oparl
from .objects import KINDS, Urls, in_period, meetings_of, serialise, system

api = NinjaAPI(
    title="OParl 1.1",
    version="1.1",
    urls_namespace="oparl",
    description="Gremien, Sitzungen und Vorlagen des Landkreises nach OParl 1.1 (nur lesend).",
)
BODY_LISTS = {
    "organization", "person", "meeting", "paper", "agendaItem", "consultation", "file",
    "membership", "location", "legislativeTerm",
}  # fmt: skip


def answer(request: HttpRequest, data: Any, status: int = 200) -> HttpResponse:
    response = api.create_response(request, data, status=status)
    response["Access-Control-Allow-Origin"] = "*"
    return response


@api.exception_handler(oparl.OParlError)
def refused(request: HttpRequest, exc: oparl.OParlError) -> HttpResponse:
    return answer(request, oparl.error(exc.message, exc.debug), status=exc.status)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return answer(request, oparl.error("Diese Adresse gibt es in der API nicht."), status=404)


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    message = "Die Adresse enthält eine ungültige Angabe (Nummern sind ganze Zahlen)."
    return answer(request, oparl.error(message, str(exc.errors)), status=400)


def urls_for(request: HttpRequest) -> Urls:
    return Urls(request.build_absolute_uri("/oparl/v1").rstrip("/"))


def bodies(request: HttpRequest) -> list[Body]:
    """The body of the district whose site the host name belongs to (one per district)."""
    site = Site.find_for_request(request)
    region = getattr(site.root_page.specific, "region", None) if site else None
    if region is None:
        return []
    return list(Body.objects.filter(region=region, deleted=False).select_related("region"))


def body_of(request: HttpRequest, pk: int) -> Body:
    for body in bodies(request):
        if body.pk == pk:
            return body
    raise oparl.OParlError("Diese Körperschaft gibt es hier nicht.", f"body {pk}", status=404)


def list_answer(request: HttpRequest, objects: Any, kind: str, url: str) -> HttpResponse:
    filters = oparl.parse_filters(request.GET)
    objects = in_period(objects, filters)
    total = objects.count()
    page = list(objects[oparl.page_slice(filters)]) if total else []
    data = [serialise(urls_for(request), kind, obj) for obj in page]
    return answer(request, oparl.list_page(data, url=url, filters=filters, total=total))


@api.get("/system", url_name="system")
def get_system(request: HttpRequest) -> HttpResponse:
    return answer(request, system(urls_for(request)))


@api.get("/body", url_name="bodies")
def get_bodies(request: HttpRequest) -> HttpResponse:
    urls = urls_for(request)
    filters = oparl.parse_filters(request.GET)
    found = bodies(request)
    data = [serialise(urls, "body", b) for b in found]
    return answer(
        request, oparl.list_page(data, url=urls.bodies, filters=filters, total=len(found))
    )


@api.get("/body/{pk}/{name}", url_name="body_list")
def get_body_list(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    body = body_of(request, pk)
    if name not in BODY_LISTS:
        raise oparl.OParlError(f"Die Liste „{name}“ gibt es nicht.", name, status=404)
    url = urls_for(request).body_list(body, name)
    return list_answer(request, KINDS[name].objects(body), name, url)


@api.get("/organization/{pk}/meeting", url_name="organization_meetings")
def get_organization_meetings(request: HttpRequest, pk: int) -> HttpResponse:
    organization = _object(request, "organization", pk)
    url = urls_for(request).meetings_of(pk)
    return list_answer(request, meetings_of(organization), "meeting", url)


@api.get("/file/{pk}/{how}", url_name="file_content")
def get_file(request: HttpRequest, pk: int, how: str) -> FileResponse:
    """`zugriff`: the file inline (accessUrl); `download`: as an attachment (downloadUrl)."""
    found: File = _object(request, "file", pk)
    if how not in ("zugriff", "download") or found.deleted or not found.file:
        raise oparl.OParlError("Diese Datei gibt es nicht.", f"file {pk}/{how}", status=404)
    response = FileResponse(
        found.file.open("rb"),
        as_attachment=how == "download",
        filename=found.file_name,
        content_type=found.mime_type or None,
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@api.get("/{kind}/{pk}", url_name="object")
def get_object(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    return answer(request, serialise(urls_for(request), kind, _object(request, kind, pk)))


def _object(request: HttpRequest, kind: str, pk: int) -> Any:
    """The public object of a body of this site, deleted ones included (they answer as
    OParl's deleted stub)."""
    if kind not in KINDS:
        raise oparl.OParlError(f"Den Objekttyp „{kind}“ gibt es nicht.", kind, status=404)
    for body in bodies(request):
        found = KINDS[kind].objects(body).filter(pk=pk).first()
        if found is not None:
            return found
    raise oparl.OParlError("Dieses Objekt gibt es nicht.", f"{kind} {pk}", status=404)
