"""The account pages of the public site (F25): /konto/ (display name and organisation, links to
e-mail, password, Meine Daten and deletion), /konto/meine-daten/ (the ZIP, by POST) and
/konto/loeschen/ (with the password). allauth's own pages are in kek/urls.py."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from . import gdpr
from .forms import DeleteAccountForm, ProfileForm
from .models import Profile


def _profile(user) -> Profile:
    profile = Profile.objects.filter(user=user).first()
    return profile if profile is not None else Profile(user=user)


@login_required
@require_http_methods(["GET", "POST"])
def account(request: HttpRequest) -> HttpResponse:
    profile = _profile(request.user)
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST":
        if not request.user.has_perm("accounts.change_own_profile"):
            return _refused(request, "Sie können Ihr Profil nicht ändern.")
        if form.is_valid():
            form.save()
            messages.success(request, "Ihre Angaben wurden gespeichert.")
            return HttpResponseRedirect(reverse("account"))
    return TemplateResponse(
        request,
        "accounts/account.html",
        {"form": form, "errors": form.error_links, "profile": profile},
    )


@login_required
@require_http_methods(["GET", "POST"])
def my_data(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        if not request.user.has_perm("accounts.export_own_data"):
            return _refused(request, "Sie können diese Daten nicht herunterladen.")
        content = gdpr.export_zip(_own(request))
        response = HttpResponse(content, content_type="application/zip")
        name = f"meine-daten-{timezone.localdate():%Y-%m-%d}.zip"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    parts = [part.label for part in gdpr.own_parts()]
    parts += [part.label for part in gdpr.personal_data.entries()]
    return TemplateResponse(request, "accounts/my_data.html", {"parts": parts})


STAFF_REFUSAL = (
    "Konten der Kreisentwicklung (Planung und Administration) können hier nicht gelöscht "
    "werden. Bitte wenden Sie sich an die Administration."
)


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("accounts.delete_own_account"):
        return _refused(request, STAFF_REFUSAL)
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        gdpr.delete_account(_own(request))
        # Signed out without Django's signal: no sign-out record (with the address) is written
        # for an account that no longer has personal data.
        request.session.flush()
        request.user = AnonymousUser()
        return TemplateResponse(request, "accounts/deleted.html", {})
    return TemplateResponse(
        request, "accounts/delete.html", {"form": form, "errors": form.error_links}
    )


def _own(request: HttpRequest):
    """The signed-in user as a plain model instance (not request.user's lazy wrapper), for the
    parts other apps registered."""
    pk = request.user.pk
    assert pk is not None  # the views require a sign-in
    return get_user_model().objects.get(pk=pk)


def _refused(request: HttpRequest, message: str) -> HttpResponse:
    return TemplateResponse(request, "accounts/refused.html", {"message": message}, status=403)
