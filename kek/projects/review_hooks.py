"""The back office's "Messwerte zur Prüfung" (kek.projects.review_views): its addresses and its
menu entry, for planners only. Imported from ProjectsConfig.ready()."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent

from . import review_views
from .models import Measurement


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("kek/messwerte/pruefung/", review_views.review_list, name=review_views.LISTING),
        path(
            "kek/messwerte/<int:pk>/annehmen/",
            review_views.accept,
            name="kek_measurement_accept",
        ),
        path(
            "kek/messwerte/<int:pk>/ablehnen/",
            review_views.reject,
            name="kek_measurement_reject",
        ),
    ]


class ReviewMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm(review_views.PERMISSION)

    def render_component(self, request):
        """With the number of values waiting, e.g. "Messwerte zur Prüfung (3)"."""
        waiting = Measurement.objects.filter(review=Measurement.Review.PENDING).count()
        return LinkMenuItemComponent(
            self.name,
            f"{self.label} ({waiting})" if waiting else self.label,
            self.url,
            icon_name=self.icon_name,
            classname=self.classname,
            attrs=self.attrs,
        )


@hooks.register("register_admin_menu_item")
def review_menu_item():
    return ReviewMenuItem(
        "Messwerte zur Prüfung", reverse(review_views.LISTING), icon_name="warning", order=162
    )
