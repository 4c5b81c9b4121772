"""The public addresses of the site, frozen (issue 10): an anonymous visitor's crawl of the
shipped default content must answer exactly as recorded in tests/fixtures/public_urls.txt.

The crawl starts at "/", at every route of DistrictHomePage with concrete values from the
default content (including non-canonical goal refs that redirect, filter query strings and a
few addresses that do not exist), and follows every same-site `href` of every HTML answer
(not /admin/, /static/, /media/, /dokumente/). Each address is recorded as `STATUS PATH`, a
redirect as `STATUS PATH -> TARGET`.

Database ids differ between runs and databases, so ids in addresses are replaced by stable
keys: an evaluation report `/evaluierung/<pk>/` becomes `/evaluierung/{report:<title>}/`, a
target indicator's CSV `…/indikatoren/<pk>.csv` becomes `…/indikatoren/{indicator:<key>}.csv`
(the indicator's UUID key from data/nordsachsen/catalogue.yaml). Unknown ids stay as they are.

After an intended change of addresses, regenerate the file and review its diff:

    KEK_WRITE_PUBLIC_URLS=1 scripts/test tests/cms/test_public_urls.py
"""

import difflib
import os
import re
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

pytestmark = pytest.mark.django_db

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "public_urls.txt"
SKIP_PREFIXES = ("/admin/", "/static/", "/media/", "/dokumente/")
HOSTS = {"", "testserver"}
REPORT_TITLE = "Evaluierungsbericht der Adressprüfung"
MAX_PAGES = 3000  # a safety net against an endless crawl (e.g. ever longer query strings)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        for name, value in attrs:
            if name == "href" and value:
                self.hrefs.append(value)


def same_site(base: str, href: str) -> str | None:
    """The site-relative address (path and query, no fragment) of a link, or None."""
    href = href.strip()
    if href.startswith(("mailto:", "tel:", "javascript:", "data:", "#")):
        return None
    parts = urlsplit(urljoin(f"http://testserver{base}", href))
    if parts.scheme not in ("http", "https") or parts.hostname not in HOSTS:
        return None
    path = parts.path or "/"
    if path.startswith(SKIP_PREFIXES):
        return None
    return f"{path}?{parts.query}" if parts.query else path


def seeds() -> list[str]:
    """ "/" and every route of DistrictHomePage with values from the default content."""
    from kek.goals.models import Concept, FieldOfAction, StrategicGoal, SubGoal
    from kek.projects.models import EvaluationSnapshot, Project, TargetIndicator
    from kek.statistics.models import Indicator, Topic

    concept = Concept.objects.get(region__ags="14730", is_current=True)
    fields = list(FieldOfAction.objects.filter(concept=concept).order_by("position", "id"))
    goal = StrategicGoal.objects.filter(field__concept=concept).order_by("number").first()
    subgoal = SubGoal.objects.filter(goal__field__concept=concept).order_by("number").first()
    projects = list(Project.objects.filter(concepts=concept).order_by("number"))
    versions = sorted(
        Concept.objects.filter(region=concept.region).values_list("version", flat=True)
    )
    urls = ["/", "/zielsystem/", "/versionen/", "/projekte/", "/dashboard/", "/evaluierung/"]
    urls += ["/daten/", "/swot/", "/swot/tabelle.csv", "/swot/tabelle.xlsx"]
    urls += ["/anmelden/", "/meine-projekte/", "/abmelden/"]
    for field in fields:
        urls += [f"/handlungsfelder/{field.slug}/", f"/dashboard/{field.slug}/"]
        urls.append(f"/projekte/?handlungsfeld={field.slug}")
    for item in (goal, subgoal):
        urls += [f"/ziele/{item.number}/", f"/ziele/{item.number}-falscher-slug/"]
        urls.append(f"/ziele/{item.number}-{item.slug}/")
    urls += [f"/versionen/{version}/" for version in versions]
    if len(versions) > 1:
        urls.append(f"/versionen/vergleich/?von={versions[0]}&zu={versions[-1]}")
    urls += ["/versionen/vergleich/", "/versionen/vergleich/?von=1&zu=99"]
    urls += [f"/projekte/?ziel={goal.number}", "/projekte/?q=Fachkr", "/projekte/?status=xyz"]
    urls += [f"/projekte/?status={value}" for value in Project.Status.values]
    for project in projects:
        urls.append(f"/projekte/{project.public_ref}/")
        urls.append(f"/projekte/{project.number}/")
        for indicator in TargetIndicator.objects.filter(project=project).order_by("id"):
            urls.append(f"/projekte/{project.public_ref}/indikatoren/{indicator.pk}.csv")
    for report in EvaluationSnapshot.objects.filter(concept__region=concept.region):
        urls.append(f"/evaluierung/{report.pk}/")
    for topic in Topic.objects.order_by("slug"):
        urls += [f"/daten/thema/{topic.slug}/", f"/swot/?thema={topic.slug}"]
    for indicator in Indicator.objects.order_by("code")[:3]:
        urls.append(f"/daten/indikator/{indicator.code}/")
    urls += ["/swot/?thema=gibt-es-nicht", "/swot/?thema="]
    # Addresses that do not exist.
    urls += [
        "/gibt-es-nicht/",
        "/zielsystem",
        "/ziele/99.99/",
        "/handlungsfelder/gibt-es-nicht/",
        "/versionen/99/",
        "/projekte/gibt-es-nicht/",
        "/evaluierung/999999/",
        "/dashboard/gibt-es-nicht/",
        "/daten/thema/gibt-es-nicht/",
        "/daten/indikator/gibt-es-nicht/",
        "/swot/tabelle.pdf",
    ]
    return urls


def normaliser():
    """Replace database ids in addresses by stable keys (see the module docstring)."""
    from kek.projects.models import EvaluationSnapshot, TargetIndicator

    reports = dict(EvaluationSnapshot.objects.values_list("pk", "title"))
    indicators = dict(TargetIndicator.objects.values_list("pk", "key"))

    def report(match: re.Match) -> str:
        pk = int(match[2])
        return f"{match[1]}{{report:{reports[pk]}}}/" if pk in reports else match[0]

    def indicator(match: re.Match) -> str:
        pk = int(match[2])
        return f"{match[1]}{{indicator:{indicators[pk]}}}.csv" if pk in indicators else match[0]

    def normalise(address: str) -> str:
        address = re.sub(r"(/evaluierung/)([0-9]+)/", report, address)
        return re.sub(r"(/indikatoren/)([0-9]+)\.csv", indicator, address)

    return normalise


def crawl(client) -> list[str]:
    normalise = normaliser()
    queue = deque(seeds())
    seen = set(queue)
    lines = []
    while queue:
        assert len(seen) < MAX_PAGES, "the crawl does not end"
        address = queue.popleft()
        response = client.get(address)
        line = f"{response.status_code} {normalise(address)}"
        found = []
        if 300 <= response.status_code < 400:
            target = response["Location"]
            line += f" -> {normalise(target)}"
            found.append(target)
        elif response.get("Content-Type", "").startswith("text/html"):
            parser = _Links()
            parser.feed(response.content.decode())
            found += parser.hrefs
        lines.append(line)
        for href in found:
            link = same_site(address.partition("?")[0], href)
            if link is not None and link not in seen:
                seen.add(link)
                queue.append(link)
    return sorted(lines)


def test_the_public_addresses_answer_as_recorded(client, concept):
    from kek.projects.snapshots import take_report

    # The default content has no evaluation report; one makes the report pages reachable.
    take_report(concept, REPORT_TITLE)
    found = crawl(client)
    assert len(found) > 100, found
    assert any(line.startswith("200 /evaluierung/{report:") for line in found), found
    assert any("/indikatoren/{indicator:" in line for line in found), found

    if os.environ.get("KEK_WRITE_PUBLIC_URLS") == "1":
        FIXTURE.write_text("".join(f"{line}\n" for line in found), encoding="utf-8")
    expected = FIXTURE.read_text(encoding="utf-8").splitlines()
    if found != expected:
        diff = "\n".join(
            difflib.unified_diff(expected, found, "public_urls.txt", "crawl", lineterm="", n=0)
        )
        pytest.fail(f"The public addresses changed (- recorded, + now):\n{diff}", pytrace=False)
