"""Template tags of the account pages."""

from django import template

register = template.Library()
PRIVACY_SLUG = "datenschutz"


@register.simple_tag(takes_context=True)
def privacy_url(context) -> str:
    """The district's privacy page (the footer page with the slug "datenschutz")."""
    district = context.get("district") or {}
    request = context.get("request")
    for page in district.get("footer_pages", []) if district else []:
        if page.slug == PRIVACY_SLUG:
            return page.get_url(request) or f"/{PRIVACY_SLUG}/"
    return f"/{PRIVACY_SLUG}/"
