from allauth.account import views as allauth_views
from django.conf import settings
from django.conf.urls.static import static
from django.urls import URLPattern, URLResolver, include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from kek.accounts import views as account_views
from kek.core.views import favicon
from kek.oparl.api import api as oparl_api
from kek.projects import lead_views

urlpatterns: list[URLPattern | URLResolver] = [
    path("admin/", include(wagtailadmin_urls)),
    path("dokumente/", include(wagtaildocs_urls)),
    path("favicon.ico", favicon, name="favicon"),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
urlpatterns += [
    # Public sign-in for participants, project leads and committee members (django-allauth,
    # kek/accounts/adapter.py; the admin refuses non-staff users). "login"/"logout" are the
    # names the site uses, "account_login"/"account_logout" the ones allauth reverses.
    path("anmelden/", allauth_views.login, name="login"),
    path("anmelden/", allauth_views.login, name="account_login"),
    path("abmelden/", allauth_views.logout, name="logout"),
    path("abmelden/", allauth_views.logout, name="account_logout"),
    path("konto/", account_views.account, name="account"),
    path("konto/registrieren/", allauth_views.signup, name="account_signup"),
    path(
        "konto/bestaetigen/",
        allauth_views.email_verification_sent,
        name="account_email_verification_sent",
    ),
    re_path(
        r"^konto/bestaetigen/(?P<key>[-:\w]+)/$",
        allauth_views.confirm_email,
        name="account_confirm_email",
    ),
    path("konto/inaktiv/", allauth_views.account_inactive, name="account_inactive"),
    path("konto/e-mail/", allauth_views.email, name="account_email"),
    path("konto/passwort/", allauth_views.password_change, name="account_change_password"),
    path("konto/passwort-setzen/", allauth_views.password_set, name="account_set_password"),
    path(
        "konto/passwort-vergessen/",
        allauth_views.password_reset,
        name="account_reset_password",
    ),
    path(
        "konto/passwort-vergessen/gesendet/",
        allauth_views.password_reset_done,
        name="account_reset_password_done",
    ),
    re_path(
        r"^konto/passwort-vergessen/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$",
        allauth_views.password_reset_from_key,
        name="account_reset_password_from_key",
    ),
    path(
        "konto/passwort-vergessen/fertig/",
        allauth_views.password_reset_from_key_done,
        name="account_reset_password_from_key_done",
    ),
    path("konto/meine-daten/", account_views.my_data, name="my_data"),
    path("konto/loeschen/", account_views.delete, name="delete_account"),
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
