from django.conf import settings
from django.conf.urls.static import static
from django.contrib.auth.views import LoginView, LogoutView
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from kek.projects import lead_views
from kek.projects.forms import LoginForm

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("dokumente/", include(wagtaildocs_urls)),
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
    path("", include(wagtail_urls)),
    # Goal numbers such as 1.2.3 put dots into page routes, which Wagtail's pattern refuses.
    re_path(r"^((?:[\w\-.]+/)*)$", wagtail_views.serve, name="kek_serve_numbered"),
    # Data downloads routed by pages (…/indikatoren/7.csv) end in a file name, not a slash.
    re_path(r"^((?:[\w\-.]+/)+[\w\-.]+\.(?:csv|xlsx))$", wagtail_views.serve, name="kek_serve_csv"),
]
