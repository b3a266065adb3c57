"""The dashboard in headless Chromium: markers, filters, timeline brush, evidence, inert HTML."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "tests" / "artifacts"
HOSTILE = """Title: Checkpoint attack in Kirkuk
Source: Hostile Markup Daily
Published: 2025-10-20

Gunmen attacked a police checkpoint in Kirkuk on Sunday, killing three officers, \
officials said. <script>window.__pwned = 1; alert("script ran")</script> Witnesses posted \
<img src=x onerror="window.__pwned = 2"> photos and a \
<a href="javascript:window.__pwned=3">link</a> online.
"""

# Two outlets' reports of one shelling, the toll rising between them.
KHERSON = {
    "kherson-1.txt": "Title: Russian shelling kills two in Kherson\nSource: Kherson Daily\n"
                     "Published: 2025-10-20\n\nRussian forces shelled the centre of Kherson on "
                     "Sunday, killing two civilians and wounding 12 others, the regional "
                     "governor said.\n",
    "kherson-2.txt": "Title: Kherson shelling toll rises\nSource: Black Sea Wire\n"
                     "Published: 2025-10-21T06:15:00+03:00\n\nRussian forces shelled the "
                     "centre of Kherson on Sunday, killing three civilians and wounding 19 "
                     "others, the regional governor said on Monday, raising the toll given a "
                     "day earlier.\n",
}
# Two outlets' reports of one raid; the later one sets the attackers' claim beside its toll.
TILLIA = {
    "tillia-1.txt": "Title: Gunmen kill seven gendarmes in Niger\nSource: Sahel Wire\n"
                    "Published: 2025-11-03\n\nGunmen stormed a gendarmerie post in Tillia on "
                    "Sunday, killing seven gendarmes, a security source said on Monday.\n",
    "tillia-2.txt": "Title: Toll from Tillia attack rises to 11\nSource: Niamey Post\n"
                    "Published: 2025-11-04\n\nThe death toll from Sunday's attack on a "
                    "gendarmerie post in Tillia rose to 11, security sources said on Tuesday. "
                    "Islamic State said in a statement that its fighters had killed 40 "
                    "gendarmes.\n",
}

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    from sitrep.api.app import create_app
    from sitrep.corpus import CorpusIngest
    from sitrep.distributed.engines import LocalEngine
    from sitrep.ingest.sources import read_inputs
    from sitrep.store import SQLiteStore

    folder = tmp_path_factory.mktemp("dash")
    articles = folder / "articles"
    shutil.copytree(ROOT / "examples", articles)
    (articles / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    for name, text in {**KHERSON, **TILLIA}.items():
        (articles / name).write_text(text, encoding="utf-8")
    db = folder / "dash.db"
    with SQLiteStore(db) as store:
        CorpusIngest(store, LocalEngine()).run(read_inputs([str(articles)]))
    port = _free_port()
    config = uvicorn.Config(create_app(str(db)), host="127.0.0.1", port=port,
                            log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium (.ci/run does)")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        # bypass_csp: the test drives the page with evaluated JS, and the article must be inert
        # even without the Content-Security-Policy header the server sends
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, bypass_csp=True)
        page.dialogs = []  # type: ignore[attr-defined]
        page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
        page.goto(server + "/")
        yield page
        browser.close()


def test_markers_filters_brush_and_evidence(page: object) -> None:
    p = page  # playwright Page
    p.wait_for_selector("#events tbody tr")  # type: ignore[attr-defined]
    p.wait_for_function(  # type: ignore[attr-defined]
        "document.querySelectorAll('path.event-marker, .marker-cluster').length > 0")
    all_rows = p.locator("#events tbody tr").count()  # type: ignore[attr-defined]
    assert all_rows >= 10

    p.select_option("#f-type", "ASSAULT")  # type: ignore[attr-defined]
    p.wait_for_function(  # type: ignore[attr-defined]
        "[...document.querySelectorAll('#events tbody tr')].every(r => r.dataset.type === "
        "'ASSAULT') && document.querySelectorAll('#events tbody tr').length > 0")
    assaults = p.locator("#events tbody tr").count()  # type: ignore[attr-defined]
    assert 0 < assaults < all_rows

    p.select_option("#f-type", "")  # type: ignore[attr-defined]
    p.wait_for_function(f"document.querySelectorAll('#events tbody tr').length === {all_rows}")  # type: ignore[attr-defined]
    p.wait_for_selector("#timeline rect.bar")  # type: ignore[attr-defined]
    box = p.locator("#timeline").bounding_box()  # type: ignore[attr-defined]
    y = box["y"] + box["height"] / 2
    p.mouse.move(box["x"] + 2, y)  # type: ignore[attr-defined]
    p.mouse.down()  # type: ignore[attr-defined]
    p.mouse.move(box["x"] + box["width"] * 0.5, y, steps=5)  # type: ignore[attr-defined]
    p.mouse.up()  # type: ignore[attr-defined]
    p.wait_for_function("document.getElementById('f-since').value !== ''")  # type: ignore[attr-defined]
    since = p.input_value("#f-since")  # type: ignore[attr-defined]
    until = p.input_value("#f-until")  # type: ignore[attr-defined]
    assert since <= until
    p.wait_for_function(  # type: ignore[attr-defined]
        f"document.querySelectorAll('#events tbody tr').length < {all_rows}")
    dates = p.eval_on_selector_all(  # type: ignore[attr-defined]
        "#events tbody tr td:first-child", "cells => cells.map(c => c.textContent)")
    assert dates and all(since <= d <= until for d in dates if d)

    p.click("#f-reset")  # type: ignore[attr-defined]
    p.wait_for_function(f"document.querySelectorAll('#events tbody tr').length === {all_rows}")  # type: ignore[attr-defined]
    p.locator("#events tbody tr", has_text="Hostile Markup Daily").first.click()  # type: ignore[attr-defined]
    p.wait_for_selector("#article-panel:not([hidden]) mark.hl-trigger")  # type: ignore[attr-defined]
    marks = p.eval_on_selector_all(  # type: ignore[attr-defined]
        "#article-text mark[class^='hl-']", "ms => ms.map(m => [m.className, m.textContent])")
    kinds = {k for k, _ in marks}
    assert {"hl-trigger", "hl-location"} <= kinds
    assert any(k == "hl-location" and t == "Kirkuk" for k, t in marks)
    ARTIFACTS.mkdir(exist_ok=True)
    p.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)  # type: ignore[attr-defined]

    text = p.text_content("#article-text")  # type: ignore[attr-defined]
    assert "<script>" in text and 'onerror="window.__pwned = 2"' in text
    assert p.evaluate("typeof window.__pwned") == "undefined"  # type: ignore[attr-defined]
    assert p.dialogs == []  # type: ignore[attr-defined]
    assert p.locator("#article-text script, #article-text img, #article-text a").count() == 0  # type: ignore[attr-defined]


def _merged_view(p: object, outlet: str) -> tuple[list[list[str]], str]:
    """Open the event an outlet reported from the table: its merged view's rows and flags."""
    p.click("#f-reset")  # type: ignore[attr-defined]
    p.wait_for_selector("#events tbody tr")  # type: ignore[attr-defined]
    p.locator("#events tbody tr", has_text=outlet).first.click()  # type: ignore[attr-defined]
    # the view another test opened may still show: wait for the clicked event's own reports
    p.wait_for_function(  # type: ignore[attr-defined]
        "outlet => [...document.querySelectorAll('#merged-view:not([hidden]) "
        "#merged-reports tbody tr')].some(r => r.textContent.includes(outlet))", arg=outlet)
    rows = p.eval_on_selector_all(  # type: ignore[attr-defined]
        "#merged-reports tbody tr", "rs => rs.map(r => [...r.cells].map(c => c.textContent))")
    return rows, str(p.text_content("#merged-flags"))  # type: ignore[attr-defined]


def test_merged_view_shows_reports_over_time_with_their_figures(page: object) -> None:
    p = page  # playwright Page
    rows, flags = _merged_view(p, "Black Sea Wire")
    assert rows == [["2025-10-20", "Kherson Daily", "new", "2", "12"],
                    ["2025-10-21 03:15 UTC", "Black Sea Wire", "update", "3", "19"]]
    assert "killed: rose" in flags and "injured: rose" in flags
    current = p.text_content("#merged-reports tr.current")  # type: ignore[attr-defined]
    assert "Black Sea Wire" in current
    p.locator("#merged-reports tbody tr", has_text="Kherson Daily").click()  # type: ignore[attr-defined]
    p.wait_for_function(  # type: ignore[attr-defined]
        "document.getElementById('article-title').textContent.includes('kills two')")
    ARTIFACTS.mkdir(exist_ok=True)
    p.screenshot(path=str(ARTIFACTS / "merged-view.png"), full_page=True)  # type: ignore[attr-defined]


def test_merged_view_names_the_attackers_claim(page: object) -> None:
    rows, flags = _merged_view(page, "Niamey Post")
    assert [r[1:4] for r in rows] == [["Sahel Wire", "new", "7"], ["Niamey Post", "update", "11"]]
    assert "40 claimed by the attackers" in flags


def test_download_links_export_what_the_filters_show(page: object) -> None:
    p = page  # playwright Page
    p.click("#f-reset")  # type: ignore[attr-defined]
    p.select_option("#f-type", "ASSAULT")  # type: ignore[attr-defined]
    p.wait_for_function(  # type: ignore[attr-defined]
        "document.querySelector('#downloads a[data-format=acled]').href.includes('ASSAULT')")
    href = p.get_attribute("#downloads a[data-format=acled]", "href")  # type: ignore[attr-defined]
    assert "format=acled" in href and "type=ASSAULT" in href
    body = p.evaluate(  # type: ignore[attr-defined]
        "async url => (await fetch(url)).text()", href)
    header, *rows = body.splitlines()
    assert header.startswith("event_id_cnty,event_date,year,") and len(header.split(",")) == 31
    assert rows and all(any(t in r for t in ("Battles", "Explosions/Remote violence",
                                             "Violence against civilians",
                                             "Strategic developments")) for r in rows)
    p.select_option("#f-type", "")  # type: ignore[attr-defined]
