"""The UI in a real browser: Playwright drives Debian's Chromium against `podnotes serve` on 127.0.0.1."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from indexer.document import Episode
from indexer.store import Corpus

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
EXAMPLE_ID = "lex-fridman-podcast-490"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
SERVER_START_S = 90


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def podnotes_command() -> list[str]:
    """The installed console script beside this Python, else the same CLI as a module."""
    script = Path(sys.executable).with_name("podnotes")
    return [str(script)] if script.exists() else [sys.executable, "-m", "indexer.cli"]


def wait_until_healthy(base: str, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"podnotes serve exited with {proc.returncode}: {log.read_text()}")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("podnotes serve did not become healthy in time")


@pytest.fixture(scope="module")
def server(tmp_path_factory, corpus_documents) -> str:
    """`podnotes serve` over a temp copy of the bundled corpus; it builds its own index on start."""
    root = tmp_path_factory.mktemp("serve")
    corpus = Corpus(root / "corpus")
    for doc in corpus_documents:
        corpus.put(Episode.from_dict(doc))
    port = free_port()
    env = {**os.environ, "PODNOTES_CORPUS": str(root / "corpus"), "PODNOTES_INDEX": str(root / "index")}
    log = root / "serve.log"
    # The server's output goes to a file, not a pipe nobody drains, so it can never block on a full pipe.
    with log.open("w") as log_file:
        proc = subprocess.Popen(
            [*podnotes_command(), "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=env, cwd=root, stdout=log_file, stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(base, proc, log)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def browser() -> Browser:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def open_page(browser: Browser, viewport: dict) -> tuple[Page, list[str]]:
    """A fresh page and the list its console errors and uncaught exceptions are collected into."""
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(f"console: {msg.text}") if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
    return page, errors


@pytest.fixture()
def desktop(browser):
    page, errors = open_page(browser, DESKTOP)
    yield page
    page.context.close()
    assert errors == [], "the browser reported errors"


@pytest.fixture()
def phone(browser):
    page, errors = open_page(browser, PHONE)
    yield page
    page.context.close()
    assert errors == [], "the browser reported errors"


def api(base: str, path: str) -> dict:
    with urllib.request.urlopen(base + path, timeout=10) as response:
        return json.load(response)


def params(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def count_text(page: Page) -> str:
    return page.locator("#result-count strong").inner_text()


def test_search_from_the_box_and_open_an_episode(server, desktop):
    desktop.goto(server + "/")
    desktop.fill("#q", "RLVR")
    desktop.press("#q", "Enter")
    desktop.wait_for_url(re.compile(r"/\?q=RLVR$"))
    first = desktop.locator("li.hit").first
    expect(first.locator(".snippet mark").first).to_have_text(re.compile("RLVR", re.I))
    first.locator(".hit-title a").click()
    desktop.wait_for_url(f"{server}/episodes/{EXAMPLE_ID}")
    expect(desktop.locator("h1")).to_contain_text("State of AI in 2026")
    expect(desktop.locator(".guest-list a.guest-name").first).to_have_attribute("href", "/guests/Sebastian%20Raschka")


def test_tick_and_untick_a_facet_then_remove_a_chip(server, desktop):
    everything = api(server, "/api/search")
    guest = min(everything["facets"]["guest"], key=lambda v: v["count"])
    desktop.goto(server + "/")
    expect(desktop.locator("#result-count strong")).to_have_text(str(everything["total"]))

    desktop.get_by_role("checkbox", name=guest["value"], exact=True).check()
    desktop.wait_for_url(re.compile(r"guest="))
    assert params(desktop)["guest"] == [guest["value"]]
    assert count_text(desktop) == str(guest["count"])
    expect(desktop.get_by_role("checkbox", name=guest["value"], exact=True)).to_be_checked()

    desktop.get_by_role("checkbox", name=guest["value"], exact=True).uncheck()
    desktop.wait_for_url(lambda url: "guest=" not in url)
    assert count_text(desktop) == str(everything["total"])

    book = next(v for v in everything["facets"]["type"] if v["value"] == "book")
    desktop.get_by_role("checkbox", name="Book", exact=True).check()
    desktop.wait_for_url(re.compile(r"type=book"))
    assert count_text(desktop) == str(book["count"])
    desktop.get_by_role("link", name="Remove filter Item type: book").click()
    desktop.wait_for_url(lambda url: "type=" not in url)
    assert count_text(desktop) == str(everything["total"])
    expect(desktop.locator(".chips")).to_have_count(0)


def test_paginate_forward_and_back(server, desktop):
    total = api(server, "/api/search")["total"]
    assert total > 3
    desktop.goto(server + "/?limit=3")
    first_page = desktop.locator(".hit-title a").all_inner_texts()
    desktop.get_by_role("link", name="Next →").click()
    desktop.wait_for_url(re.compile(r"page=2"))
    expect(desktop.locator(".page-current")).to_have_text("2")
    second_page = desktop.locator(".hit-title a").all_inner_texts()
    assert len(second_page) == 3 and not set(first_page) & set(second_page)
    desktop.get_by_role("link", name="← Previous").click()
    desktop.wait_for_url(lambda url: "page=" not in url)
    assert desktop.locator(".hit-title a").all_inner_texts() == first_page


def episode_with_linked_moment(server: str) -> tuple[str, str, int]:
    """An episode whose media (or page) URL is http(s) and that has an item with a timestamp."""
    for hit in api(server, "/api/search?sort=date&limit=100")["hits"]:
        ep = hit["episode"]
        doc = api(server, f"/api/episodes/{ep['id']}")
        base = doc.get("media_url") or doc.get("url")
        moments = [i["t"] for i in doc["items"] if i["t"] is not None]
        if base and base.startswith(("http://", "https://")) and moments:
            return doc["id"], base, moments[0]
    raise AssertionError("the bundled corpus needs an episode with a media or page URL and a timed item")


def test_follow_a_timestamp_link_to_that_moment(server, desktop):
    episode_id, base, t = episode_with_linked_moment(server)
    # The media host is not reachable from a test: answer for it so the navigation itself can be checked.
    desktop.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), lambda route: route.fulfill(
        status=200, content_type="text/plain", body="stand-in for the episode media"))
    desktop.goto(f"{server}/episodes/{episode_id}")
    link = desktop.locator(".item-card a.timestamp").first
    href = link.get_attribute("href")
    youtube = "youtu" in urlsplit(base).netloc
    assert href == (f"{base}{'&' if '?' in base else '?'}t={t}s" if youtube else f"{base}#t={t}")
    link.click()
    desktop.wait_for_url(href)
    expect(desktop.locator("body")).to_have_text("stand-in for the episode media")


def test_autocomplete_by_keyboard(server, desktop):
    desktop.goto(server + "/stats")
    desktop.keyboard.press("/")
    expect(desktop.locator("#q")).to_be_focused()
    desktop.keyboard.type("Nathan La", delay=30)
    listbox = desktop.locator("#suggestions")
    expect(listbox).to_be_visible()
    expect(desktop.locator("#q")).to_have_attribute("aria-expanded", "true")
    desktop.keyboard.press("Escape")
    expect(listbox).to_be_hidden()
    expect(desktop.locator("#q")).to_have_attribute("aria-expanded", "false")

    desktop.keyboard.type("m", delay=30)  # "Nathan Lam": the list comes back
    expect(listbox).to_be_visible()
    desktop.keyboard.press("ArrowDown")
    option = listbox.locator('[role="option"][aria-selected="true"]')
    expect(option).to_contain_text("Nathan Lambert")
    option_id = option.get_attribute("id")
    expect(desktop.locator("#q")).to_have_attribute("aria-activedescendant", option_id)
    desktop.keyboard.press("Enter")
    desktop.wait_for_url(re.compile(r"/\?guest=Nathan\+Lambert$"))
    expect(desktop.get_by_role("checkbox", name="Nathan Lambert", exact=True)).to_be_checked()


def no_horizontal_scroll(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_layout_on_a_wide_screen(server, desktop):
    desktop.goto(server + "/?q=book")
    assert no_horizontal_scroll(desktop)
    facets = desktop.locator("aside.facets").bounding_box()
    results = desktop.locator("section.results").bounding_box()
    assert facets["x"] + facets["width"] <= results["x"], "facets sit left of the results"
    assert abs(facets["y"] - results["y"]) < 40
    expect(desktop.locator("fieldset.facet").first).to_be_visible()


def test_layout_on_a_phone(server, phone):
    phone.goto(server + "/?q=book")
    assert no_horizontal_scroll(phone)
    box = phone.locator("#q").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    # Filters start folded so the results come first; opening them shows the checkboxes.
    facet = phone.locator("fieldset.facet").first
    expect(facet).to_be_hidden()
    phone.locator(".facets-panel > summary").click()
    expect(facet).to_be_visible()
    assert no_horizontal_scroll(phone)
    for url in [f"/episodes/{EXAMPLE_ID}", "/items", "/stats", "/guests/Nathan%20Lambert"]:
        phone.goto(server + url)
        assert no_horizontal_scroll(phone), url


def test_screenshot_of_search_with_facets_and_highlights(server, browser):
    page, errors = open_page(browser, {"width": 1280, "height": 1000})
    page.goto(server + "/?q=book&type=book")
    expect(page.locator("li.hit mark").first).to_be_visible()
    expect(page.locator(".chips .chip")).to_have_count(1)
    out = ROOT / "docs" / "screenshot.png"
    out.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(out))
    page.context.close()
    assert out.stat().st_size > 10_000
    assert errors == []


def test_facets_and_sort_work_without_javascript(server, browser):
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    page = context.new_page()
    everything = api(server, "/api/search")
    guest = min(everything["facets"]["guest"], key=lambda v: v["count"])
    page.goto(server + "/")
    page.get_by_role("checkbox", name=guest["value"], exact=True).check()
    assert "guest=" not in page.url, "without JS nothing happens until the form is sent"
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"guest="))
    assert params(page)["guest"] == [guest["value"]]
    assert count_text(page) == str(guest["count"])
    page.select_option("#sort", "date")
    page.locator(".sort button").click()
    page.wait_for_url(re.compile(r"sort=date"))
    assert params(page)["guest"] == [guest["value"]], "the filters survive a change of sort"
    context.close()


def test_date_range_applies_when_a_year_is_entered(server, desktop):
    since = api(server, "/api/search?from=2025")
    assert 0 < since["total"] < api(server, "/api/search")["total"]
    desktop.goto(server + "/")
    desktop.fill("#date-from", "2025")
    desktop.press("#date-from", "Tab")
    desktop.wait_for_url(re.compile(r"from=2025"))
    assert count_text(desktop) == str(since["total"])
    expect(desktop.get_by_role("link", name="Remove filter From: 2025-01-01")).to_be_visible()


def test_long_facet_lists_fold_behind_show_more_with_a_filter_box(server, desktop):
    topics = api(server, "/api/search")["facets"]["topic"]
    assert len(topics) > 9, "the bundled corpus has enough topics to need 'show more'"
    desktop.goto(server + "/")
    fieldset = desktop.locator('fieldset[data-facet="topic"]')
    more = fieldset.locator("details.facet-more")
    last = topics[-1]["value"]
    expect(fieldset.get_by_role("checkbox", name=last, exact=True)).to_be_hidden()
    fieldset.get_by_role("searchbox").fill(last)
    expect(more).to_have_attribute("open", "")
    expect(fieldset.get_by_role("checkbox", name=last, exact=True)).to_be_visible()
    expect(fieldset.get_by_role("checkbox", name=topics[0]["value"], exact=True)).to_be_hidden()
    fieldset.get_by_role("checkbox", name=last, exact=True).check()
    desktop.wait_for_url(re.compile(r"topic="))
    assert params(desktop)["topic"] == [last]


# WCAG contrast of every visible text run against the background it is painted on (ancestors' colours blended),
# and of field edges against the page: 4.5:1 for text (3:1 when large), 3:1 for the edges of inputs.
CONTRAST_JS = """
() => {
  const parse = c => {
    const p = c.match(/[\\d.]+/g).map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
  };
  const lum = c => [c.r, c.g, c.b].map(v => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const over = (top, bottom) => ({r: top.r * top.a + bottom.r * (1 - top.a), g: top.g * top.a + bottom.g * (1 - top.a),
                                 b: top.b * top.a + bottom.b * (1 - top.a), a: 1});
  const ratio = (x, y) => (Math.max(lum(x), lum(y)) + 0.05) / (Math.min(lum(x), lum(y)) + 0.05);
  const background = el => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c.a > 0) { layers.push(c); if (c.a >= 1) break; }
    }
    return layers.reverse().reduce((acc, c) => over(c, acc), {r: 255, g: 255, b: 255, a: 1});
  };
  const failures = [];
  const seen = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    if (!walker.currentNode.textContent.trim() || seen.has(el)) continue;
    seen.add(el);
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height || el.closest('.visually-hidden, [hidden], [aria-hidden="true"] svg')) continue;
    const style = getComputedStyle(el);
    let opacity = 1;
    for (let e = el; e; e = e.parentElement) opacity *= parseFloat(getComputedStyle(e).opacity);
    const bg = background(el);
    const fg = parse(style.color);
    const shown = ratio(over({...fg, a: fg.a * opacity}, bg), bg);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (parseInt(style.fontWeight) >= 700 && size >= 18.66);
    const what = `${el.tagName}.${el.className} "${el.textContent.trim().slice(0, 30)}"`;
    if (shown < (large ? 3 : 4.5)) failures.push(`${what} ${shown.toFixed(2)}`);
  }
  for (const field of document.querySelectorAll('#q, #sort, #date-from, #date-to, .facet-filter')) {
    const edge = ratio(parse(getComputedStyle(field).borderTopColor), background(field.parentElement));
    if (edge < 3) failures.push(`edge of #${field.id || field.className} ${edge.toFixed(2)}`);
  }
  return failures;
}
"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_and_field_edges_are_readable_in_light_and_dark(server, browser, scheme):
    context = browser.new_context(viewport=DESKTOP, color_scheme=scheme)
    page = context.new_page()
    try:
        for url in ["/?q=book&type=book", f"/episodes/{EXAMPLE_ID}", "/?q=qqxxzzyy", "/items"]:
            page.goto(server + url)
            if url.startswith("/?q=book"):
                expect(page.locator("li.hit mark").first).to_be_visible()  # highlights are part of the check
            assert page.evaluate(CONTRAST_JS) == [], f"{scheme} {url}"
    finally:
        context.close()


def test_keyboard_focus_is_visible_and_takes_one_stop_per_facet_value(server, desktop):
    desktop.goto(server + "/")
    desktop.keyboard.press("/")
    outline = desktop.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert desktop.evaluate("document.activeElement.id") == "q" and outline != "none"
    boxes = desktop.locator('fieldset[data-facet="guest"] .facet-value input')
    boxes.nth(0).focus()
    desktop.keyboard.press("Tab")
    expect(boxes.nth(1)).to_be_focused()
    # Focus moved by the keyboard is never hidden under the sticky header.
    desktop.goto(server + "/?q=book")
    link = desktop.locator(".hit-title a").nth(3)
    link.evaluate("el => window.scrollBy(0, el.getBoundingClientRect().top + 10)")  # just above the top edge
    link.focus()
    header = desktop.locator(".site-header").bounding_box()
    assert link.bounding_box()["y"] >= header["y"] + header["height"]


def test_autocomplete_announces_how_many_suggestions(server, desktop):
    desktop.goto(server + "/")
    desktop.fill("#q", "Nathan La")
    expect(desktop.locator("#suggestions")).to_be_visible()
    count = desktop.locator('#suggestions [role="option"]').count()
    announced = re.compile(rf"^{count} suggestions?, use the up and down arrows")
    expect(desktop.locator("#suggest-status")).to_have_text(announced)
    desktop.keyboard.press("Escape")
    expect(desktop.locator("#suggest-status")).to_have_text("")
