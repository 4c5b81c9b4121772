from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("dokumente/", include(wagtaildocs_urls)),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
urlpatterns += [
    path("", include(wagtail_urls)),
    # Goal numbers such as 1.2.3 put dots into page routes, which Wagtail's pattern refuses.
    re_path(r"^((?:[\w\-.]+/)*)$", wagtail_views.serve, name="kek_serve_numbered"),
]
