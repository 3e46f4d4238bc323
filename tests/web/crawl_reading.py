"""Reading the crawl's answers: their text (HTML, JSON, .xlsx, PDF), the ids they hand out, the cases they name."""

from __future__ import annotations

import re
import subprocess
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from html import unescape
from io import BytesIO
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx
from openpyxl import load_workbook

from tests.web.crawl_routes import QUERY_KINDS, GetRoute
from tests.web.crawl_world import CaseMark

XLSX = "spreadsheetml"
UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
NUMBER_RE = re.compile(r"\b[0-9]{8}-[0-9A-F]{6}\b")
LINK_RE = re.compile(r'(?:href|action|src)="([^"]+)"')
SPACE_RE = re.compile(r"\s+")
MIN_DESCRIPTION = 8  # characters: shorter descriptions could turn up in unrelated text
# JSON fields whose values are ids of a kind; "key" is a task force's, project's or unit's by the route answering.
FIELD_KINDS = {
    "case_id": "case",
    "struck_off": "case",
    "finding_id": "finding",
    "task_force": "task_force",
    "project": "project",
    "lead_unit": "unit",
    "member_units": "unit",
    "supporting_units": "unit",
    "unit": "unit",
    "enterprise_uscc": "enterprise",
    "uscc": "enterprise",
    "street": "street",
    "field": "field",
}
KEY_FIELD_KINDS = {
    "/api/v1/task-forces": "task_force",
    "/api/v1/task-forces-overview": "task_force",
    "/api/v1/projects": "project",
    "/api/v1/my-projects": "project",
    "/api/v1/units": "unit",
}


class Unreadable(Exception):
    """An answer of a type the crawl cannot read: it must learn to, or the answer escapes the check."""


def pdf_text(content: bytes) -> str:
    """A PDF's text as poppler's pdftotext extracts it."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "answer.pdf"
        path.write_bytes(content)
        return subprocess.run(
            ["pdftotext", str(path), "-"], check=True, capture_output=True, text=True, timeout=60
        ).stdout


def xlsx_text(content: bytes) -> str:
    """Every cell of every sheet, one per line."""
    book = load_workbook(BytesIO(content), read_only=True)
    return "\n".join(
        str(v) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for v in row if v is not None
    )


def strings_of(value: Any) -> Iterator[str]:
    """Every string (and number) inside a JSON value."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from strings_of(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_of(item)
    elif value is not None:
        yield str(value)


def text_of(response: httpx.Response) -> str:
    """All the text an answer shows, whatever its type (a redirect's target included)."""
    kind = response.headers.get("content-type", "")
    head = response.headers.get("location", "")
    if not response.content:
        return head
    if "json" in kind:
        return head + "\n" + "\n".join(strings_of(response.json()))
    if kind.startswith("text/"):
        return head + "\n" + unescape(response.text)
    if XLSX in kind:
        return xlsx_text(response.content)
    if kind.startswith("application/pdf"):
        return pdf_text(response.content)
    raise Unreadable(f"{response.request.url}: cannot read an answer of type {kind!r}")


class CaseFinder:
    """Which cases of the world a text names, by id, by number or by (unique) description."""

    def __init__(self, cases: list[CaseMark]) -> None:
        self.by_id = {c.case_id: c for c in cases}
        self.by_number = {c.number: c for c in cases}
        squashed = {c.case_id: SPACE_RE.sub("", c.description) for c in cases}
        # A description is a mark only when no other case's description contains it.
        self.descriptions = {
            case_id: text
            for case_id, text in squashed.items()
            if len(text) >= MIN_DESCRIPTION
            and not any(text in other for other_id, other in squashed.items() if other_id != case_id)
        }

    def named(self, text: str, echoed: str = "") -> set[str]:
        """The case ids the text names; an id only echoed from the request (`echoed`) does not count."""
        found = {n: "id" for n in UUID_RE.findall(text) if n in self.by_id}
        for number in NUMBER_RE.findall(text):
            if number in self.by_number:
                found[self.by_number[number].case_id] = "number"
        squashed = SPACE_RE.sub("", text)
        found.update({case_id: "description" for case_id, d in self.descriptions.items() if d in squashed})
        return {case_id for case_id, how in found.items() if not (how == "id" and case_id in echoed)}


def _json_ids(value: Any, key_kind: str | None, out: dict[str, set[str]]) -> None:
    """Ids a JSON answer hands out, by kind."""
    if isinstance(value, list):
        for item in value:
            _json_ids(item, key_kind, out)
        return
    if not isinstance(value, dict):
        return
    for field, item in value.items():
        kind = key_kind if field == "key" else FIELD_KINDS.get(field)
        values = item if isinstance(item, list) else [item]
        if kind:
            out[kind].update(str(v) for v in values if isinstance(v, str) and v)
        _json_ids(item, key_kind, out)


def _link_ids(text: str, routes: Iterable[GetRoute], out: dict[str, set[str]]) -> None:
    """Ids in the links of a page (or a redirect): path parameters by route, query parameters by name."""
    for link in LINK_RE.findall(text):
        parts = urlsplit(unescape(link))
        for route in routes:
            match = route.pattern.match(parts.path)
            if match:
                for param in route.path_params:
                    if param.kind:
                        out[param.kind].add(match[param.name])
        for name, value in parse_qsl(parts.query):
            if name in QUERY_KINDS and value:
                out[QUERY_KINDS[name]].add(value)


def harvest(response: httpx.Response, route: GetRoute, routes: list[GetRoute]) -> dict[str, set[str]]:
    """The ids, by kind, that an answer hands out (for filling later requests)."""
    out: dict[str, set[str]] = defaultdict(set)
    kind = response.headers.get("content-type", "")
    if "json" in kind:
        _json_ids(response.json(), KEY_FIELD_KINDS.get(route.path), out)
    elif kind.startswith("text/html"):
        _link_ids(response.text, routes, out)
    return out
