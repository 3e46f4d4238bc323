"""The remit crawl: one principal requests every GET route with ids harvested from earlier answers, and every
case an answer names must be one that `GET /api/v1/cases` lists for that principal."""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import product
from urllib.parse import quote, urlencode

from tests.web.crawl_reading import CaseFinder, harvest, text_of
from tests.web.crawl_routes import FIXED_VALUES, NO_CASE_CONTENT, GetRoute, Param, query_variants
from tests.web.crawl_world import DemoWorld, Visitor

# Ids sampled per kind: of what the principal was shown, and of what it was not (a filter takes one of each).
IN_REMIT, OUT_OF_REMIT = 2, 2
FILTER_IN_REMIT, FILTER_OUT_OF_REMIT = 1, 1
TRY_ALL = 8  # a kind with no more ids than this (task forces, projects) is tried in full in paths
LIST_PAGE = 100  # the API's largest page


@dataclass(frozen=True)
class Leak:
    """A case outside the principal's remit, named by an answer."""

    visitor: str
    url: str
    status: int
    numbers: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.visitor}: GET {self.url} ({self.status}) shows {', '.join(self.numbers)}"


@dataclass
class CrawlResult:
    """What one principal's crawl requested and found."""

    visitor: Visitor
    visible: set[str]
    requests: int = 0
    seconds: float = 0.0
    leaks: list[Leak] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # 5xx, unreadable answers
    statuses: dict[str, Counter[int]] = field(default_factory=lambda: defaultdict(Counter))
    unfilled: list[str] = field(default_factory=list)  # routes never requested: no id of a kind they need

    def summary(self) -> str:
        """One line for the report."""
        return (
            f"{self.visitor}: {len(self.statuses)} routes, {self.requests} requests in {self.seconds:.1f} s, "
            f"{len(self.visible)} cases in remit, {len(self.leaks)} leaking answers"
        )


class Pools:
    """Ids by kind: everything any crawl saw (shared between principals), or what one principal saw."""

    def __init__(self) -> None:
        self.ids: dict[str, set[str]] = defaultdict(set)

    def add(self, found: dict[str, set[str]]) -> None:
        """Take in what an answer handed out."""
        for kind, values in found.items():
            self.ids[kind] |= values


class Crawler:
    """One principal's crawl over the routes, the shared pools growing with what it is shown."""

    def __init__(self, world: DemoWorld, routes: list[GetRoute], shared: Pools, visitor: Visitor) -> None:
        self.world, self.routes, self.shared, self.visitor = world, routes, shared, visitor
        self.client = world.client(visitor)
        self.finder = CaseFinder(world.cases)
        self.own = Pools()
        self.own.ids["account"] = {visitor.username}
        self.own.ids["event"] = {str(world.event_positions[0])}
        self.chosen: dict[str, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
        self.glimpsed: set[str] = set()  # case ids its answers named though they are not listed for it
        self.refused: set[str] = set()  # routes that answered 403: the rest of their requests would too
        self.base_only = False  # only the required query parameters (decided once the remit is known)
        self.result = CrawlResult(visitor, set())

    def run(self) -> CrawlResult:
        """Crawl until no new request can be made; then name the routes that could never be filled."""
        started = time.monotonic()
        self.result.visible = self._visible()
        # Whoever is listed every case cannot be shown one outside their remit, and a token's remit is its
        # account's (crawled with a session, variants and all): one request per route and id is enough.
        self.base_only = len(self.result.visible) == len(self.world.cases) or self.visitor.token
        self.own.ids["case"] = set(self.result.visible)
        requested: set[str] = set()
        while batch := [(r, url) for r in self._crawled_routes() for url in self._urls(r) if url not in requested]:
            for route, url in batch:
                requested.add(url)
                if route.path not in self.refused:
                    self._get(route, url)
        self.result.unfilled = [r.path for r in self._crawled_routes() if not self._urls(r)]
        self.result.seconds = time.monotonic() - started
        return self.result

    def _crawled_routes(self) -> list[GetRoute]:
        """The routes this principal requests: all but those without case content (API routes for a token)."""
        return [r for r in self.routes if r.path not in NO_CASE_CONTENT and (r.api or not self.visitor.token)]

    def _visible(self) -> set[str]:
        """Every case id `GET /api/v1/cases` lists for the principal, all pages."""
        found: set[str] = set()
        page = 1
        while True:
            answer = self.client.get("/api/v1/cases", params={"per_page": LIST_PAGE, "page": page})
            assert answer.status_code == 200, f"{self.visitor}: GET /api/v1/cases: {answer.status_code}"
            self.result.requests += 1
            body = answer.json()
            found |= {row["case_id"] for row in body["items"]}
            if page * LIST_PAGE >= body["total"]:
                return found
            page += 1

    def _values(self, param: Param, *, query: bool = False) -> list[str]:
        """What the parameter is filled with: fixed values, or ids in and out of the principal's remit."""
        if param.kind is None:
            return list(FIXED_VALUES.get(param.name, ()))
        inside, outside = self.chosen[param.kind]
        mine, taken = self.own.ids[param.kind], set(inside) | set(outside)
        every = mine | self.shared.ids[param.kind]
        if not query and len(every) <= TRY_ALL:
            return self._ordered(param.kind, every)
        others = self.shared.ids[param.kind] - mine
        inside += self._ordered(param.kind, mine - taken)[: max(0, IN_REMIT - len(inside))]
        outside += self._ordered(param.kind, others - taken)[: max(0, OUT_OF_REMIT - len(outside))]
        # Fewer of one sort than its share (a registry list shows a handler every task force): more of the other.
        spare = max(0, IN_REMIT + OUT_OF_REMIT - len(inside) - len(outside))
        outside += self._ordered(param.kind, (mine | others) - set(inside) - set(outside))[:spare]
        if query:
            return inside[:FILTER_IN_REMIT] + outside[:FILTER_OUT_OF_REMIT]
        return inside + outside

    def _ordered(self, kind: str, values: set[str]) -> list[str]:
        """Cases the principal glimpsed outside its remit first; then a stable order (cases by description,
        since their ids differ from run to run)."""
        cases = self.finder.by_id
        return sorted(
            values, key=lambda v: (v not in self.glimpsed, cases[v].description if kind == "case" and v in cases else v)
        )

    def _urls(self, route: GetRoute) -> list[str]:
        """Every request of the route that the ids seen so far allow."""
        fills = [self._values(p) for p in route.path_params]
        values = {p.name: self._values(p, query=True) for p in route.query_params}
        urls = []
        for combination in product(*fills):
            path = route.path
            for param, value in zip(route.path_params, combination, strict=True):
                path = path.replace(f"{{{param.name}}}", quote(value, safe=""))
            queries = query_variants(route, values, base_only=self.base_only)
            urls += [f"{path}?{urlencode(query)}" if query else path for query in queries]
        return urls

    def _get(self, route: GetRoute, url: str) -> None:
        """Request one URL; record its status, any case outside the remit it names, and the ids it hands out."""
        answer = self.client.get(url, follow_redirects=False)
        self.result.requests += 1
        self.result.statuses[route.path][answer.status_code] += 1
        if answer.status_code == 403:
            self.refused.add(route.path)
        if answer.status_code >= 500:
            self.result.failures.append(f"{self.visitor}: GET {url} answered {answer.status_code}")
        try:
            text = text_of(answer)
        except Exception as error:  # noqa: BLE001 - an answer the crawl cannot read is reported, never skipped
            self.result.failures.append(f"{self.visitor}: GET {url}: {error}")
            return
        leaked = self.finder.named(text, echoed=url) - self.result.visible
        if leaked:
            numbers = tuple(sorted(self.finder.by_id[c].number for c in leaked))
            self.result.leaks.append(Leak(str(self.visitor), url, answer.status_code, numbers))
        if answer.is_success:
            found = harvest(answer, route, self.routes)
            self.shared.add(found)
            # The principal's own cases are the listed ones; others it was shown are the first to try again.
            self.glimpsed |= found.pop("case", set()) - self.result.visible
            self.own.add(found)
