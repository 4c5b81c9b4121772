"""The district's pages in the Wagtail back office: the Vier-Augen-Prinzip (four_eyes), and
the KEK overview on the admin start page (overview)."""

from wagtail import hooks

from kek.core import four_eyes

from .four_eyes import refuse_direct_publish, under_four_eyes
from .overview import OverviewPanel


@hooks.register("construct_homepage_panels")
def add_overview(request, panels) -> None:
    if request.user.has_perm("goals.view_draft_concept"):
        panels.append(OverviewPanel())


@hooks.register("construct_page_action_menu")
def hide_publish(menu_items, request, context) -> None:
    page = context.get("page") or context.get("parent_page")
    if page is not None and under_four_eyes(page):
        four_eyes.without_publish(menu_items)


@hooks.register("before_edit_page")
def before_edit(request, page):
    return refuse_direct_publish(request, page)


@hooks.register("before_create_page")
def before_create(request, parent_page, page_class):
    return refuse_direct_publish(request, parent_page)
