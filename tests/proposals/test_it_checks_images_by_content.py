"""The image of a proposal is checked by its content with Pillow (F22): a text file named
.png, a GIF or more than 5 MB are refused in German; JPEG, PNG and WebP are kept under a name
of their real type and served from the proposal's address."""

import pytest
from django.core.exceptions import ValidationError

from kek.proposals import images
from kek.proposals.models import Proposal

from .world import BASE, form_data, image_bytes, upload

pytestmark = pytest.mark.django_db


def _submit(client, participant, region, file):
    client.force_login(participant)
    return client.post(f"{BASE}neu/", {**form_data(region), "image": file})


def test_a_text_file_named_png_is_refused(client, box, participant, nordsachsen):
    response = _submit(client, participant, nordsachsen, upload("foto.png", b"nur Text, kein Bild"))
    assert response.status_code == 200
    assert "Die Datei ist kein lesbares Bild. Erlaubt sind JPEG, PNG und WebP." in (
        response.content.decode()
    )
    assert not Proposal.objects.exists()


def test_a_gif_is_refused(client, box, participant, nordsachsen):
    response = _submit(
        client, participant, nordsachsen, upload("bild.png", image_bytes("GIF"), "image/png")
    )
    assert "Dieses Bildformat ist nicht erlaubt." in response.content.decode()
    assert not Proposal.objects.exists()


def test_more_than_5_mb_is_refused():
    big = upload("gross.png", image_bytes("PNG") + b"\0" * (5 * 1024 * 1024))
    with pytest.raises(ValidationError, match="höchstens 5 MB"):
        images.image_format(big)


@pytest.mark.parametrize(("fmt", "suffix"), [("PNG", "png"), ("JPEG", "jpg"), ("WEBP", "webp")])
def test_real_images_are_kept_by_their_type(client, box, participant, nordsachsen, fmt, suffix):
    # a JPEG under a .png name is kept as what it is
    response = _submit(client, participant, nordsachsen, upload("x.png", image_bytes(fmt)))
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.image.name.endswith(f".{suffix}")
    served = client.get(f"{BASE}{proposal.pk}/bild/")
    assert served.status_code == 200
    assert served["X-Content-Type-Options"] == "nosniff"
    assert b"".join(served.streaming_content) == image_bytes(fmt)
    assert f"{BASE}{proposal.pk}/bild/" in client.get(f"{BASE}{proposal.pk}/").content.decode()


def test_a_proposal_without_image_has_no_image_address(client, box, participant):
    from .world import proposal

    found = proposal(box, participant)
    assert client.get(f"{BASE}{found.pk}/bild/").status_code == 404
