"""The rendered page and timeline in a real browser: Debian's headless Chromium, driven
through Playwright pointed at the system binary (no browser download).

Each page is opened at 375 px (a phone) and 1280 px: no console errors, nothing fetched,
no element wider than the page, every session title visible; screenshots and PDFs are
kept under build/render-artifacts/ for people to look at.
"""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

import agenda_kit
from agenda_kit import render

from .helpers import REALWORLD, ROOT, SEED
from .render_helpers import HOSTILE, hostile_agenda

ARTIFACTS = ROOT / "build" / "render-artifacts"
WIDTHS = (375, 1280)
CONFERENCE = ROOT / "tests" / "agendas" / "planted" / "conference.yaml"
MULTI_DAY = ROOT / "tests" / "agendas" / "valid" / "multi-day-tracks.yaml"

# Runs in the page: what is wider than the page, and which titles cannot be seen.
INSPECT = """(selector) => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.querySelectorAll("body *")) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.left < -0.5 || r.right > width + 0.5) {
      wide.push(`${el.tagName}.${el.getAttribute("class")} ${r.left}..${r.right}`);
    }
  }
  const titles = [...document.querySelectorAll(selector)].map((el) => {
    const r = el.getBoundingClientRect();
    const seen = el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})
      && r.width > 0 && r.height > 0 && r.left >= -0.5 && r.right <= width + 0.5;
    return [el.textContent.trim(), seen];
  });
  return {wide, overflow: document.documentElement.scrollWidth - width, titles};
}"""

# Runs in the page: pairs of timeline labels that meet (in the drawing's own units).
LABELS_MEET = """() => {
  const boxes = [...document.querySelectorAll("text.label")].map((t) => [t, t.getBBox()]);
  const meet = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i][1], boxes[j][1]];
      if (a.x + a.width > b.x + 0.5 && b.x + b.width > a.x + 0.5 &&
          a.y + a.height > b.y + 0.5 && b.y + b.height > a.y + 0.5) {
        meet.push([boxes[i][0].textContent, boxes[j][0].textContent]);
      }
    }
  }
  return meet;
}"""


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = _chromium()
    if executable is None:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium fonts-noto-cjk)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install -e '.[dev]')")
    with sync_playwright() as playwright:
        # --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
        launched = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield launched
        launched.close()


def _svg_page(svg: str) -> str:
    return (
        '<!doctype html><html lang="ko"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<title>timeline</title></head><body style="margin:8px">' + svg + "</body></html>"
    )


def _write(name: str, text: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    path.write_text(text, "utf-8")
    return path


class Opened:
    def __init__(self, page: Any, errors: list[str], requests: list[str]) -> None:
        self.page, self.errors, self.requests = page, errors, requests


def _open(browser: Any, path: Path, width: int, **context: Any) -> Opened:
    ctx = browser.new_context(viewport={"width": width, "height": 900}, **context)
    page = ctx.new_page()
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return Opened(page, errors, requests)


def _check_page(browser: Any, path: Path, selector: str, titles: list[str], name: str) -> None:
    for width in WIDTHS:
        opened = _open(browser, path, width)
        page = opened.page
        found = page.evaluate(INSPECT, selector)
        page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
        assert opened.errors == [], (width, opened.errors)
        assert opened.requests == [path.as_uri()], "the page fetched something"
        assert found["wide"] == [] and found["overflow"] <= 0, (width, found["wide"][:5])
        # Every session once (the timeline draws them lane by lane, the table in order).
        assert sorted(t for t, _ in found["titles"]) == sorted(titles), width
        assert [t for t, seen in found["titles"] if not seen] == [], width
        page.context.close()


def _titles(agenda: agenda_kit.Agenda) -> list[str]:
    from agenda_kit.render._view import build_view

    return [row.title for row in build_view(agenda).rows()]


CASES = {
    "seed": (SEED, False),
    "conference": (CONFERENCE, True),
    "multi-day": (MULTI_DAY, False),
    "unresolved": (ROOT / "tests" / "agendas" / "invalid" / "AK208_unresolved-time.yaml", True),
}


@pytest.mark.parametrize("name", list(CASES))
def test_html_in_chromium(browser: Any, name: str) -> None:
    path, with_report = CASES[name]
    agenda = agenda_kit.load(path)
    report = agenda_kit.check(agenda) if with_report else None
    page = _write(f"{name}.html", render.html(agenda, report))
    _check_page(browser, page, "tr.session .title", _titles(agenda), f"{name}-html")


@pytest.mark.parametrize("name", list(CASES))
def test_svg_in_chromium(browser: Any, name: str) -> None:
    path, with_report = CASES[name]
    agenda = agenda_kit.load(path)
    report = agenda_kit.check(agenda) if with_report else None
    text = render.svg(agenda, report)
    _write(f"{name}.svg", text)
    page = _write(f"{name}-svg.html", _svg_page(text))
    _check_page(browser, page, "g.session tspan.title", _titles(agenda), f"{name}-svg")
    opened = _open(browser, page, 1280)
    assert opened.page.evaluate(LABELS_MEET) == []
    opened.page.context.close()


def _pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))


@pytest.mark.parametrize(("name", "pages"), [("seed", 1), ("conference", 2), ("multi-day", 2)])
def test_html_prints_on_a4_one_page_per_day(browser: Any, name: str, pages: int) -> None:
    path, with_report = CASES[name]
    agenda = agenda_kit.load(path)
    report = agenda_kit.check(agenda) if with_report else None
    page = _write(f"{name}-print.html", render.html(agenda, report))
    opened = _open(browser, page, 1280)
    pdf = opened.page.pdf(format="A4", prefer_css_page_size=True)
    (ARTIFACTS / f"{name}.pdf").write_bytes(pdf)
    opened.page.context.close()
    assert _pdf_pages(pdf) == pages


def test_the_session_running_now_is_marked(browser: Any) -> None:
    page = _write("seed-now.html", render.html(agenda_kit.load(SEED)))
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = ctx.new_page()
    # 15:10 in Busan: the minister's lecture (15:08-15:33) is on.
    tab.clock.set_fixed_time(datetime.fromisoformat("2024-10-17T15:10:00+09:00"))
    tab.goto(page.as_uri())
    assert tab.eval_on_selector_all("tr.now", "rows => rows.map(r => r.dataset.id)") == ["lecture"]
    assert tab.get_attribute("tr.now", "aria-current") == "time"
    tab.screenshot(path=str(ARTIFACTS / "seed-now-1280.png"), full_page=True)
    ctx.close()
    # Without scripts the page is whole, nothing is marked.
    opened = _open(browser, page, 375, java_script_enabled=False)
    found = opened.page.evaluate(INSPECT, "tr.session .title")
    assert opened.page.query_selector_all("tr.now") == []
    assert all(seen for _, seen in found["titles"]) and len(found["titles"]) == 13
    opened.page.context.close()


def test_hostile_titles_are_shown_as_text(browser: Any) -> None:
    agenda = hostile_agenda()
    for name, text, selector in (
        ("hostile.html", render.html(agenda), "tr.session .title"),
        ("hostile-svg.html", _svg_page(render.svg(agenda)), "g.session tspan.title"),
    ):
        path = _write(name, text)
        opened = _open(browser, path, 1280)
        page = opened.page
        assert opened.errors == []
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert page.eval_on_selector_all(selector, "els => els.map(e => e.textContent.trim())") == [
            t.strip() for t in HOSTILE
        ]
        assert page.query_selector_all("img") == []
        page.screenshot(path=str(ARTIFACTS / name.replace(".html", ".png")), full_page=True)
        page.context.close()


@pytest.mark.skipif(not REALWORLD.is_dir(), reason="../shared/realworld is absent")
def test_fosdem_page_in_chromium(browser: Any, tmp_path: Path) -> None:
    from agenda_kit.exchange import import_file

    agenda = import_file(REALWORLD / "schedules" / "fosdem_2021.xml").agenda
    page = _write("fosdem-2021.html", render.html(agenda, agenda_kit.check(agenda)))
    began = time.perf_counter()
    opened = _open(browser, page, 1280)
    loaded = time.perf_counter() - began
    found = opened.page.evaluate(INSPECT, "tr.session .title")
    opened.page.screenshot(path=str(ARTIFACTS / "fosdem-2021-1280.png"))
    print(f"FOSDEM 2021 page: {page.stat().st_size} bytes, opened in {loaded:.2f} s")
    assert opened.errors == [] and found["wide"] == []
    assert len(found["titles"]) == 773 and all(seen for _, seen in found["titles"])
    assert loaded < 30
    opened.page.context.close()


def test_parallel_tracks_side_by_side_on_wide_screens_only(browser: Any) -> None:
    page = _write("conference-tracks.html", render.html(agenda_kit.load(CONFERENCE)))
    boxes = {}
    for width in WIDTHS:
        opened = _open(browser, page, width)
        boxes[width] = opened.page.eval_on_selector_all(
            ".day:first-of-type .track",
            "els => els.map(e => { const r = e.getBoundingClientRect();"
            " return [e.dataset.track, r.left, r.top, r.bottom]; })",
        )
        opened.page.context.close()
    (main, left_wide, top_wide, _), (labs, left_labs, top_labs, _) = boxes[1280]
    assert (main, labs) == ("main", "labs")
    assert top_wide == top_labs and left_labs > left_wide  # one row, two columns
    (_, left_a, _, bottom_a), (_, left_b, top_b, _) = boxes[375]
    assert left_a == left_b and top_b >= bottom_a  # one column
