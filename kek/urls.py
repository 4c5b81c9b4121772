from django.conf import settings
from django.conf.urls.static import static
from django.contrib.auth.views import LoginView, LogoutView
from django.urls import URLPattern, URLResolver, include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from kek.core.views import favicon
from kek.oparl.api import api as oparl_api
from kek.projects import lead_views
from kek.projects.forms import LoginForm

urlpatterns: list[URLPattern | URLResolver] = [
    path("admin/", include(wagtailadmin_urls)),
    path("dokumente/", include(wagtaildocs_urls)),
    path("favicon.ico", favicon, name="favicon"),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
urlpatterns += [
    # Public sign-in for project leads and participants (the admin refuses non-staff users).
    path(
        "anmelden/",
        LoginView.as_view(
            template_name="projects/lead/login.html",
            authentication_form=LoginForm,
            next_page="my_projects",
        ),
        name="login",
    ),
    path("abmelden/", LogoutView.as_view(next_page="/"), name="logout"),
    path("meine-projekte/", lead_views.my_projects, name="my_projects"),
    path("oparl/v1/", oparl_api.urls),
    path("", include(wagtail_urls)),
    # Wagtail's own pattern refuses dots, but public routes have them: goal numbers
    # (ziele/1.2.3-slug/) and downloads that end in a file name (swot/tabelle.xlsx,
    # dokumente/fassung-1/zielsystem.pdf). This one pattern hands both to Wagtail, which
    # passes them to the start page's routes.
    re_path(
        r"^((?:[\w\-.]+/)*(?:[\w\-.]+\.(?:csv|xlsx|pdf|docx))?)$",
        wagtail_views.serve,
        name="kek_serve",
    ),
]
