"""The PDF renderer fetches nothing from the network: only data: URIs and files below the
static files' directories and MEDIA_ROOT."""

import socket
import threading

import pytest

from kek.documents.pdf import LocalFetcher, font_faces, write_pdf


@pytest.fixture
def listener():
    """A local TCP server that counts the connections it gets."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    hits: list[int] = []
    done = threading.Event()

    def accept():
        while not done.is_set():
            try:
                connection, _ = server.accept()
            except OSError:
                continue
            hits.append(1)
            connection.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1], hits
    done.set()
    thread.join()
    server.close()


def test_it_refuses_http_addresses(listener):
    port, hits = listener
    html = (f'<html lang="de"><head><title>T</title><link rel="stylesheet" '
            f'href="http://127.0.0.1:{port}/a.css"></head><body><p>Text</p>'
            f'<img src="http://127.0.0.1:{port}/b.png" alt="Bild"></body></html>')  # fmt: skip
    assert write_pdf(html).startswith(b"%PDF")
    with pytest.raises(ValueError):
        LocalFetcher().fetch(f"https://127.0.0.1:{port}/c.woff2")
    assert hits == []


def test_it_refuses_files_outside_the_static_and_media_directories(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    secret = tmp_path / "secret.txt"
    secret.write_text("geheim")
    with pytest.raises(ValueError, match="außerhalb"):
        LocalFetcher().fetch(secret.as_uri())


def test_it_serves_the_fonts_and_data_uris():
    font_url = font_faces().split('url("')[1].split('"')[0]
    assert LocalFetcher().fetch(font_url).read(4) == b"\x00\x01\x00\x00"  # TrueType
    assert LocalFetcher().fetch("data:text/plain,Hallo").read() == b"Hallo"
