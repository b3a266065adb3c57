"""Pages and feeds from a real local HTTP server.

One clear error per bad source, the rest stored.
"""

from __future__ import annotations

import http.server
import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.errors import InputError
from sitrep.ingest.fetch import FetchPolicy, fetch
from sitrep.ingest.sources import Failure, read_inputs
from sitrep.ingest.web import document_from_html
from sitrep.model import Document

ARTICLE = """<!doctype html><html><head><title>Shelling kills 12 in Kherson</title>
<meta property="og:site_name" content="Frontline Daily">
<meta property="article:published_time" content="2025-10-03T08:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="javascript:alert(1)">Live</a></nav>
<article><h1>Shelling kills 12 in Kherson</h1>
<p>Russian forces shelled Kherson in southern Ukraine on Friday, killing 12 people, the
regional governor said. Another 20 people were wounded.</p>
<script>document.title = "pwned"</script><img src=x onerror="alert(2)">
<p>Rescue teams were still searching the rubble late into the night, residents said.</p>
</article><footer>Copyright 2025</footer></body></html>"""

LEGACY = (
    "<html><head><title>Aid convoy</title></head><body><article><p>M\u00e9decins Sans "
    "Fronti\u00e8res said on Monday that its convoy had reached El Fasher after a "
    "\u2018difficult\u2019 journey through North Darfur, where fighting continues.</p>"
    "<p>The group said its teams would stay for two weeks.</p></article></body></html>"
)

FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Frontline Daily</title>
<item><title>Shelling kills 12 in Kherson</title><link>{base}/article.html</link>
<pubDate>Fri, 03 Oct 2025 08:00:00 GMT</pubDate></item>
<item><title>Aid convoy reaches El Fasher</title><link>{base}/legacy.html</link>
<pubDate>Mon, 06 Oct 2025 09:00:00 GMT</pubDate></item>
</channel></rss>"""


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        return None

    def send(self, body: bytes, ctype: str, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        path = self.path
        if path == "/article.html":
            self.send(ARTICLE.encode(), "text/html; charset=utf-8")
        elif path == "/legacy.html":
            self.send(LEGACY.encode("windows-1252"), "text/html; charset=windows-1252")
        elif path == "/feed.xml":
            self.send(FEED.format(base=base).encode(), "application/rss+xml")
        elif path == "/broken-feed.xml":
            self.send(
                b"<?xml version='1.0'?><rss><channel><title>x</title><item><titl",
                "application/rss+xml",
            )
        elif path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
        elif path == "/to-private":
            self.send_response(302)
            self.send_header("Location", "http://10.0.0.1/internal")
            self.end_headers()
        elif path == "/huge.html":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            chunk = b"<p>" + b"x" * 65536 + b"</p>"
            for _ in range(20 * 1024 * 1024 // len(chunk) + 1):
                try:
                    self.wfile.write(chunk)
                except OSError:
                    return
        elif path == "/slow.html":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(30):
                try:
                    self.wfile.write(b"<p>slow</p>")
                    self.wfile.flush()
                except OSError:
                    return
                time.sleep(0.2)
        elif path == "/photo.jpg":
            self.send(b"\xff\xd8\xff\xe0" + b"\x00" * 2000, "image/jpeg")
        else:
            self.send(b"not here", "text/plain", status=404)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


LOCAL = FetchPolicy(timeout=2.0, max_bytes=5 * 1024 * 1024, allowed=("127.0.0.1/32",))


def items(*urls: str, policy: FetchPolicy = LOCAL) -> list[Document | Failure]:
    return list(read_inputs(list(urls), policy=policy))


def test_each_bad_source_is_one_clear_error_and_the_rest_is_read(server: str) -> None:
    got = items(
        f"{server}/loop",
        f"{server}/huge.html",
        f"{server}/slow.html",
        f"{server}/photo.jpg",
        f"{server}/broken-feed.xml",
        f"{server}/to-private",
        "http://10.0.0.1/admin",
        f"{server}/missing",
        f"{server}/article.html",
    )
    failures = [g for g in got if isinstance(g, Failure)]
    kinds = {f.origin.rsplit("/", 1)[-1]: f.kind for f in failures}
    assert kinds == {
        "loop": "redirects",
        "huge.html": "too-large",
        "slow.html": "timeout",
        "photo.jpg": "content-type",
        "broken-feed.xml": "feed",
        "to-private": "ssrf",
        "admin": "ssrf",
        "missing": "http",
    }
    for failure in failures:
        assert failure.message.startswith(failure.origin)
    [document] = [g for g in got if isinstance(g, Document)]
    assert document.source == "Frontline Daily" and document.published == "2025-10-03"
    assert "killing 12 people" in document.text


def test_loopback_is_refused_unless_allowed(server: str) -> None:
    [refused] = items(f"{server}/article.html", policy=FetchPolicy())
    assert isinstance(refused, Failure) and refused.kind == "ssrf"
    assert "127.0.0.1" in refused.message and "--allow-private" in refused.message
    [page] = items(f"{server}/article.html", policy=FetchPolicy(allow_private=True))
    assert isinstance(page, Document)


def test_hostile_markup_is_inert_text(server: str) -> None:
    [document] = items(f"{server}/article.html")
    assert isinstance(document, Document)
    for hostile in ("<script", "pwned", "onerror", "javascript:", "alert("):
        assert hostile not in document.text


def test_feed_entries_are_fetched_and_legacy_encoding_decoded(server: str) -> None:
    got = items(f"{server}/feed.xml")
    assert all(isinstance(g, Document) for g in got) and len(got) == 2
    legacy = next(g for g in got if isinstance(g, Document) and "Fasher" in g.text)
    assert (
        "M\u00e9decins Sans Fronti\u00e8res" in legacy.text
        and "\u2018difficult\u2019" in legacy.text
    )
    assert legacy.published == "2025-10-06" and legacy.title == "Aid convoy reaches El Fasher"
    assert legacy.published_at == "2025-10-06T09:00:00Z"  # the feed's hour is kept


def test_cli_ingest_goes_on_past_bad_sources(server: str, tmp_path: Path) -> None:
    listing = tmp_path / "urls.jsonl"
    listing.write_text(
        "\n".join(
            json.dumps(x)
            for x in [
                {"url": f"{server}/article.html", "source": "Frontline Daily"},
                {"url": f"{server}/loop"},
                {
                    "text": "Police arrested 12 activists in Taiz on Monday, a rights group said.",
                    "published": "2025-10-06",
                    "source": "Gulf Courier",
                },
                {"published": "not a date", "text": "x"},
            ]
        )
        + "\n"
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sitrep.cli",
            "ingest",
            str(listing),
            "--db",
            str(tmp_path / "s.db"),
            "--allow-private",
            "--timeout",
            "3",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1  # some sources failed ...
    errors = [line for line in result.stderr.splitlines() if line.startswith("sitrep: error:")]
    assert len(errors) == 2 and "redirect" in errors[0] and "not a date" in errors[1]
    assert "2 stored" in result.stderr  # ... and the good ones were stored


def test_fetch_refuses_other_schemes() -> None:
    with pytest.raises(InputError, match="only http and https"):
        fetch("file:///etc/passwd")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_markup_gives_a_document_or_a_clear_error(markup: str) -> None:
    try:
        document = document_from_html(markup, origin="fuzz.html")
    except InputError as exc:
        assert str(exc).startswith("fuzz.html:")
    else:
        assert document.text.strip()
