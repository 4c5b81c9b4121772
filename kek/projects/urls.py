"""Public paths of projects below a district's start page (stable: number + slug)."""

from urllib.parse import quote

from .models import Project


def project_path(project: Project) -> str:
    return f"projekte/{quote(project.public_ref)}/"


def indicator_csv_path(project: Project, indicator_pk: int) -> str:
    return f"{project_path(project)}indikatoren/{indicator_pk}.csv"
