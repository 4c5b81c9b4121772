"""Benchmark of the generated documents (issue 14): the Endbericht Langfassung of the default
content (Nordsachsen) in a temporary SQLite database (`manage.py migrate`, `load_defaults`).

1. Total build time of the Langfassung as PDF – assembly from the database
   (`final_report.long`), charts (vl-convert SVG) and print HTML (`pdf.render_html`), PDF layout
   (`pdf.write_pdf`) – against WeasyPrint's bare rendering of the same final HTML in the same
   run (`weasyprint.HTML(string=…).write_pdf(pdf_variant="pdf/ua-1")` with the same fetcher).
   Goal: total ≤ 1.5 × bare, i.e. data assembly and charts cost at most half the layout.
2. Database queries of assembling the Langfassung for the default content and for the same
   concept enlarged with more goals, sub-goals, projects, target indicators and statistics
   indicators with values. Goal: the same number of queries (it does not grow with the data).
3. A cached download's throughput (the stored last build served by the download route)
   against a static file of the same size served by WhiteNoise, both through the Django test
   client (WSGI in process, no network), if the download route exists.

Run from the repository: `.venv/bin/python bench/documents_bench.py [--repeat R]`.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

GOAL_RATIO = 1.5
MORE_GOALS = 3  # strategic goals added to each field of action, each with MORE_SUBGOALS
MORE_SUBGOALS = 3
MORE_PROJECTS = 60
MORE_INDICATORS = 12  # statistics indicators (with district, Land and Germany values)


def best(action: Callable[[], object], repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return min(times), result


def counted(action: Callable[[], object]) -> int:
    return len(captured(action))


def captured(action: Callable[[], object]) -> list[str]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        action()
    return [query["sql"] for query in context.captured_queries]


def shapes(queries: list[str]) -> Counter[str]:
    """Queries by their shape (numbers and quoted values replaced), to see which repeat."""
    return Counter(re.sub(r"'[^']*'|\b\d+\b", "?", sql)[:160] for sql in queries)


def setup_database(folder: Path) -> float:
    """Migrate a temporary SQLite database and load the default content; returns seconds."""
    database = folder / "bench.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    start = time.perf_counter()
    for command in (["migrate", "-v0"], ["shell", "-c", LOAD]):
        result = subprocess.run(
            [sys.executable, "manage.py", *command], cwd=ROOT, env=env, capture_output=True,
            text=True,
        )  # fmt: skip
        if result.returncode != 0:
            raise SystemExit(f"{command[0]} failed:\n{result.stderr[-3000:]}")
    os.environ["DATABASE_URL"] = env["DATABASE_URL"]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kek.settings")
    import django

    django.setup()
    return time.perf_counter() - start


LOAD = "from kek.core.defaults import load_defaults; load_defaults()"


def the_concept():
    """The current version of the default content's district (Nordsachsen)."""
    from kek.goals.models import Concept

    return Concept.objects.get(region__ags="14730", is_current=True)


# --------------------------------------------------------------------------- 1. build time


def bench_build(repeat: int) -> dict[str, Any]:
    import weasyprint

    from kek.documents import pdf
    from kek.documents.assemble import final_report

    concept = the_concept()

    def build() -> tuple[str, bytes, float, float]:
        start = time.perf_counter()
        document = final_report.long(concept)
        assembled = time.perf_counter()
        html = pdf.render_html(document)
        rendered = time.perf_counter()
        return html, pdf.write_pdf(html), assembled - start, rendered - assembled

    html = build()[0]  # warm-up: fonts, templates, vl-convert

    def bare() -> bytes | None:
        page = weasyprint.HTML(string=html, base_url=pdf._static_dir().as_uri() + "/",
                               url_fetcher=pdf.LocalFetcher())  # fmt: skip
        return page.write_pdf(pdf_variant=pdf.PDF_VARIANT)

    # Build and baseline alternate, so that a busy machine slows both alike; best of each.
    builds_, bares = [], []
    for _ in range(repeat):
        builds_.append(best(build, 1))
        bares.append(best(bare, 1)[0])
    total, result = min(builds_, key=lambda pair: pair[0])
    bare_seconds = min(bares)
    assert isinstance(result, tuple)
    html, data, assembly, charts_html = result
    return {
        "total": total,
        "assembly": assembly,
        "html": charts_html,
        "bare": bare_seconds,
        "pages": _pages(data),
        "pdf": data,
        "bytes": len(data),
        "html_bytes": len(html.encode()),
    }


def _pages(data: bytes) -> int:
    import io

    import pypdf

    return len(pypdf.PdfReader(io.BytesIO(data)).pages)


def print_build(row: dict[str, Any]) -> None:
    ratio = row["total"] / row["bare"]
    verdict = "ok" if ratio <= GOAL_RATIO else "ZU LANGSAM"
    print(f"\n1. Endbericht Langfassung as PDF ({row['pages']} pages, {row['bytes']:,} bytes, "
          f"HTML {row['html_bytes']:,} bytes), best of the runs\n")  # fmt: skip
    print(f"{'step':<52}{'seconds':>9}")
    print("-" * 61)
    layout = row["total"] - row["assembly"] - row["html"]
    for step, seconds in (
        ("assemble (final_report.long)", row["assembly"]),
        ("charts (SVG) + print HTML (render_html)", row["html"]),
        ("PDF layout (write_pdf)", layout),
        ("total build", row["total"]),
        ("baseline: WeasyPrint bare on the same HTML", row["bare"]),
    ):
        print(f"{step:<52}{seconds:>9.3f}")
    print(f"\ntotal / bare = {ratio:.2f} (goal ≤ {GOAL_RATIO}) – {verdict}")


# --------------------------------------------------------------------------- 2. queries


def bench_queries() -> dict[str, Any]:
    from kek.documents import signals
    from kek.documents.assemble import final_report

    signals.pause()  # the enlargement queues no document refresh
    concept = the_concept()
    final_report.long(concept)  # warm-up (content types, caches)
    before = captured(lambda: final_report.long(the_concept()))
    sizes_before = sizes(concept)
    enlarge(concept)
    after = captured(lambda: final_report.long(the_concept()))
    grown = shapes(after)
    grown.subtract(shapes(before))
    return {
        "before": len(before),
        "after": len(after),
        "sizes": (sizes_before, sizes(concept)),
        "grown": [(n, shape) for shape, n in grown.most_common(8) if n > 0],
    }


def sizes(concept) -> dict[str, int]:
    from kek.goals.models import StrategicGoal, SubGoal
    from kek.projects.models import TargetIndicator
    from kek.statistics.models import Indicator, Observation

    return {
        "goals": StrategicGoal.objects.filter(concept=concept).count(),
        "sub-goals": SubGoal.objects.filter(concept=concept).count(),
        "projects": concept.projects.count(),
        "target indicators": TargetIndicator.objects.count(),
        "statistics indicators": Indicator.objects.count(),
        "observations": Observation.objects.count(),
    }


def enlarge(concept) -> None:
    """More goals, sub-goals and projects in the concept, more target indicators with
    measured values, more statistics indicators with values of the district, its Land and
    Germany in the topics the report shows."""
    import datetime as dt

    from kek.goals.models import StrategicGoal, SubGoal
    from kek.projects.models import Measurement, Project, TargetIndicator
    from kek.statistics.models import Indicator, Observation

    new_subgoals = []
    for field in concept.fields_of_action.all():
        for g in range(MORE_GOALS):
            goal = StrategicGoal.objects.create(
                field=field, title=f"Weiteres Ziel {g + 1} im Handlungsfeld {field.number}"
            )
            for s in range(MORE_SUBGOALS):
                new_subgoals.append(
                    SubGoal.objects.create(goal=goal, title=f"Weiteres Teilziel {s + 1}")
                )
            TargetIndicator.objects.create(
                goal=goal, title="Weiterer Zielindikator", method="trend"
            )
    for n in range(MORE_PROJECTS):
        project = Project.objects.create(
            region=concept.region, number=f"B{n:03d}", title=f"Weiteres Projekt {n + 1}",
            status=Project.Status.PLANNED,
        )  # fmt: skip
        project.concepts.add(concept)  # parental many-to-many: saved with the project
        project.subgoals.add(new_subgoals[n % len(new_subgoals)])
        project.save()
        indicator = TargetIndicator.objects.create(
            project=project, title=f"Indikator des Projekts {n + 1}", method="trend",
            baseline_year=2020, baseline_value=10.0,
        )  # fmt: skip
        Measurement.objects.bulk_create(
            Measurement(indicator=indicator, date=dt.date(year, 12, 31), value=10.0 + year % 7)
            for year in range(2020, 2025)
        )
    template = Observation.objects.filter(region=concept.region).select_related("indicator")
    model = template.first()
    assert model is not None, "the default content has no observations of the district"
    regions = {o.region_id for o in Observation.objects.filter(indicator=model.indicator)}
    for n in range(MORE_INDICATORS):
        indicator = Indicator.objects.create(
            code=f"BENCH{n:02d}", name=f"Weiterer Indikator {n + 1}", unit="Personen",
            topic=model.indicator.topic,
        )  # fmt: skip
        Observation.objects.bulk_create(
            Observation(indicator=indicator, region_id=region, period=str(year),
                        value=1000.0 + n + year, batch=model.batch)
            for region in regions
            for year in range(2015, 2025)
        )  # fmt: skip


def print_queries(row: dict[str, Any]) -> None:
    before, after = row["sizes"]
    verdict = "ok" if row["before"] == row["after"] else "WÄCHST MIT DEN DATEN"
    print("\n2. Database queries of final_report.long\n")
    print(f"{'':<24}{'default content':>16}{'enlarged':>12}")
    print("-" * 52)
    for key in before:
        print(f"{key:<24}{before[key]:>16,}{after[key]:>12,}")
    print(f"{'queries':<24}{row['before']:>16}{row['after']:>12}   – {verdict}")
    if row["grown"]:
        print("\nqueries that grow with the data (more in the enlarged concept):")
        for n, shape in row["grown"]:
            print(f"  +{n:<4} {shape}")


# --------------------------------------------------------------------------- 3. download


def bench_download(data: bytes, requests: int) -> dict[str, Any]:
    """The Langfassung stored as a done build and fetched through the download route, against
    the same bytes as a static file served by WhiteNoise (STATIC_ROOT of this run)."""
    from django.conf import settings
    from django.test import Client
    from django.utils import timezone

    from kek.core.routes import route_path
    from kek.core.sites import homes_for_regions
    from kek.documents import builds
    from kek.documents.models import Build

    concept = the_concept()
    home = homes_for_regions([concept.region_id]).get(concept.region_id)
    if home is None:
        return {"missing": "the default content has no start page"}
    build = Build.objects.create(
        region=concept.region, concept=concept, kind="endbericht-langfassung",
        input_hash="bench", state=Build.State.DONE, finished_at=timezone.now(),
    )  # fmt: skip
    builds.store(build, "pdf", "KEK-Bench.pdf", data)
    static = Path(settings.STATIC_ROOT) / "bench" / "langfassung.pdf"
    static.parent.mkdir(parents=True, exist_ok=True)
    static.write_bytes(data)
    host = home.get_site().hostname
    client = Client(HTTP_HOST=host)  # WhiteNoise reads STATIC_ROOT at the first request
    download = home.url + route_path(
        "document_download", home, version=str(concept.version),
        stem="endbericht-langfassung", extension="pdf",
    )  # fmt: skip
    rows = {}
    for name, url in (
        ("download route (stored build)", download),
        ("WhiteNoise static file (baseline)", "/static/bench/langfassung.pdf"),
    ):
        response = client.get(url)
        if response.status_code != 200:
            return {"missing": f"{url} answered {response.status_code}"}
        got = _body(response)
        assert got == data, f"{url} served other bytes"
        seconds, _ = best(lambda url=url: [_body(client.get(url)) for _ in range(requests)], 3)
        rows[name] = {
            "seconds": seconds / requests,
            "queries": counted(lambda url=url: client.get(url)),
        }
    etag = client.get(download)["ETag"]
    rows["conditional GET (304)"] = {
        "seconds": best(
            lambda: [client.get(download, HTTP_IF_NONE_MATCH=etag) for _ in range(requests)], 3
        )[0]
        / requests,
        "queries": counted(lambda: client.get(download, HTTP_IF_NONE_MATCH=etag)),
        "status": client.get(download, HTTP_IF_NONE_MATCH=etag).status_code,
    }
    return {"rows": rows, "bytes": len(data), "requests": requests}


def _body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def print_download(result: dict[str, Any]) -> None:
    print("\n3. Cached download vs. static file (Django test client, in process)\n")
    if "missing" in result:
        print(f"not measured: {result['missing']}")
        return
    size = result["bytes"]
    print(f"{'':<36}{'ms/request':>11}{'MB/s':>9}{'req/s':>8}{'queries':>9}")
    print("-" * 73)
    for name, row in result["rows"].items():
        seconds = row["seconds"]
        rate = "" if "status" in row else f"{size / seconds / 1e6:.0f}"
        print(f"{name:<36}{seconds * 1000:>11.2f}{rate:>9}{1 / seconds:>8.0f}{row['queries']:>9}")
    download, static = (result["rows"][k]["seconds"] for k in list(result["rows"])[:2])
    print(
        f"\ndownload / static file = {download / static:.2f} ({size:,} bytes, best of 3 × "
        f"{result['requests']} requests)"
    )


# --------------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kek-documents-bench-") as folder:
        os.environ["MEDIA_ROOT"] = str(Path(folder) / "media")
        os.environ["STATIC_ROOT"] = str(Path(folder) / "static")
        seconds = setup_database(Path(folder))
        print(f"temporary SQLite database with the default content: {seconds:.1f} s")
        build = bench_build(args.repeat)
        print_build(build)
        download = bench_download(build["pdf"], args.requests)
        print_queries(bench_queries())
        print_download(download)


if __name__ == "__main__":
    main()
