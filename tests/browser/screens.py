"""The two screens every browser test runs at, and what a page's tables must look like on each."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from playwright.sync_api import BrowserContext, Page

# Each table of a visible page, with its header cells' and body cells' boxes (one round trip per page).
TABLE_BOXES = """() => [...document.querySelectorAll("main table")].filter(t => t.offsetParent !== null).map(t => {
  const box = e => { const r = e.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width}; };
  const heads = [...t.querySelectorAll("thead tr:last-child th")];
  return {
    name: t.className,
    box: box(t),
    headsShown: heads.length > 0 && heads.every(h => h.offsetParent !== null && h.getBoundingClientRect().height > 0),
    heads: heads.map(h => ({...box(h), span: h.colSpan, text: h.textContent.trim()})),
    rows: [...t.tBodies].flatMap(b => [...b.rows]).map(r => ({
      box: box(r),
      cells: [...r.cells].map(c => ({...box(c), span: c.colSpan, text: c.textContent.trim().slice(0, 40),
                                     overflows: c.scrollWidth > c.clientWidth + 1}))})),
    scroller: t.closest(".table-scroll") ? box(t.closest(".table-scroll")) : null,
  };
})"""
PAGE_WIDTH = "() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})"
SLACK = 1.0  # px: sub-pixel rounding of borders
CARDS = "case-table"  # the tables whose rows become cards on a phone (web/static/app.css)


@dataclass(frozen=True)
class Screen:
    """A viewport the pages must work at."""

    name: str
    width: int
    height: int
    phone: bool

    def context_options(self) -> dict[str, Any]:
        """Playwright new_context() arguments for this screen."""
        options: dict[str, Any] = {"viewport": {"width": self.width, "height": self.height}, "locale": "zh-CN"}
        if self.phone:
            options.update(device_scale_factor=2, is_mobile=True, has_touch=True)
        return options


SCREENS = {"phone": Screen("phone", 390, 844, True), "desktop": Screen("desktop", 1366, 768, False)}


def add_session(context: BrowserContext, base_url: str, cookies: Any) -> None:
    """Give the browser the cookies of a logged-in httpx client (where logging in is not what is tested)."""
    context.add_cookies([{"name": name, "value": value, "url": base_url} for name, value in cookies.items()])


def _columns(table: dict[str, Any]) -> list[dict[str, Any]]:
    """The header cell over each column (a colspan header counts for each column it spans)."""
    columns = []
    for head in table["heads"]:
        columns.extend([head] * head["span"])
    return columns


def _check_columns(table: dict[str, Any]) -> None:
    """A desktop table: every body cell lies under its own column's header, inside its x-range."""
    columns = _columns(table)
    assert table["headsShown"], f"{table['name']}: the header row is hidden on a desktop"
    for number, row in enumerate(table["rows"], 1):
        assert sum(c["span"] for c in row["cells"]) == len(columns), (
            f"{table['name']} row {number}: {len(row['cells'])} cells under {len(columns)} headers"
        )
        column = 0
        for cell in row["cells"]:
            head, last = columns[column], columns[column + cell["span"] - 1]
            where = f"{table['name']} row {number}: {cell['text']!r}"
            assert head["bottom"] <= cell["top"] + SLACK, f"{where} is not below {head['text']!r}"
            assert head["left"] - SLACK <= cell["left"] and cell["right"] <= last["right"] + SLACK, (
                f"{where} at x {cell['left']:.0f}–{cell['right']:.0f} is not under {head['text']!r} "
                f"at x {head['left']:.0f}–{last['right']:.0f}"
            )
            column += cell["span"]


def _check_cards(table: dict[str, Any], width: int) -> None:
    """A phone: each row of a card table is a card within the screen, nothing in it cut off."""
    assert not table["headsShown"], f"{table['name']}: a squeezed table on a phone instead of cards"
    for number, row in enumerate(table["rows"], 1):
        card, where = row["box"], f"{table['name']} card {number}"
        assert card["left"] >= -SLACK and card["right"] <= width + SLACK, f"{where} is off the screen"
        for cell in row["cells"]:
            assert card["left"] - SLACK <= cell["left"] and cell["right"] <= card["right"] + SLACK, (
                f"{where}: {cell['text']!r} sticks out of its card"
            )
            assert not cell["overflows"], f"{where}: {cell['text']!r} is cut off"


def _check_fits(table: dict[str, Any], width: int) -> None:
    """A table that stays a table on a phone fits the screen, or scrolls inside a box that does."""
    outer = table["scroller"] or table["box"]
    assert outer["left"] >= -SLACK and outer["right"] <= width + SLACK, (
        f"{table['name']}: {outer['right']:.0f} px wide on a {width} px screen, with no box of its own to scroll in"
    )


def check_tables(page: Page, screen: Screen) -> set[str]:
    """Check the page's tables for the screen, and that the page never scrolls sideways; the tables' classes."""
    widths = page.evaluate(PAGE_WIDTH)
    assert widths["scroll"] <= widths["inner"], (
        f"{page.url}: the page is {widths['scroll']} px wide on a {widths['inner']} px screen"
    )
    tables = page.evaluate(TABLE_BOXES)
    for table in tables:
        assert table["rows"], f"{page.url}: {table['name']} has no rows to check"
        if screen.phone and CARDS in table["name"].split():
            _check_cards(table, widths["inner"])
            continue
        _check_columns(table)
        if screen.phone:
            _check_fits(table, widths["inner"])
    return {table["name"] for table in tables}
