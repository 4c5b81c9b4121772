"""POST data of the project catalogue's back-office forms (Wagtail snippets)."""

from ..http import formset


def project_form(
    project, milestones: list[dict] | None = None, publish: bool = True, **fields
) -> dict:
    """The project's edit form as it stands, with `fields` and the milestone rows changed;
    "Veröffentlichen" unless `publish` is false (then "Entwurf speichern")."""
    data = {
        **({"action-publish": "action-publish"} if publish else {}),
        "region": project.region_id,
        "concepts": [c.pk for c in project.concepts.all()],
        "number": project.number,
        "slug": project.slug,
        "title": project.title,
        "description": project.description,
        "subgoals": [s.pk for s in project.subgoals.all()],
        "lead_body": project.lead_body,
        "leads": [u.pk for u in project.leads.all()],
        "partners": project.partners,
        "municipalities": [r.pk for r in project.municipalities.all()],
        "status": project.status,
        "progress": "" if project.progress is None else project.progress,
        "priority": project.priority,
        "start_date": "",
        "end_date": "",
        "cost_estimate": "",
        "funding_programme": "",
        "funding_share": "",
        "resolution": project.resolution_id or "",
        "weight": str(project.weight),
        **formset("milestones", milestones or []),
        **formset("attachments", []),
    }
    return data | fields
