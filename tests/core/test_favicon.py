"""The site has an icon (issue 11: /favicon.ico answered 404): every page links an SVG and an
ICO icon, and /favicon.ico, which browsers ask for on their own, leads to the ICO."""

import re
import urllib.request

import pytest


def test_it_answers_favicon_ico_with_the_icon_over_http(live_server):
    with urllib.request.urlopen(f"{live_server.url}/favicon.ico") as response:
        assert response.status == 200
        assert response.url.endswith("/static/kek/favicon.ico")
        assert response.headers["Content-Type"] in {"image/x-icon", "image/vnd.microsoft.icon"}
        body = response.read()
    assert body[:4] == b"\x00\x00\x01\x00"  # an ICO file
    assert int.from_bytes(body[4:6], "little") == 3  # 16, 32 and 48 px
    with urllib.request.urlopen(f"{live_server.url}/static/kek/favicon.svg") as response:
        assert response.headers["Content-Type"].startswith("image/svg+xml")
        assert response.read().startswith(b"<svg")


def test_it_redirects_favicon_ico_to_the_static_file(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/kek/favicon.ico"
    assert client.post("/favicon.ico").status_code == 405  # reads only


@pytest.mark.django_db
def test_it_links_the_icons_from_every_page(client, nordsachsen):
    for path in ("/", "/daten/", "/anmelden/"):
        head = client.get(path).content.decode().split("</head>")[0]
        icons = re.findall(r'<link rel="icon" href="([^"]+)"', head)
        assert icons == ["/static/kek/favicon.ico", "/static/kek/favicon.svg"], path
