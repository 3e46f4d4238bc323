"""No answer names a case outside the asker's remit: every GET route and page, crawled as every demo principal.

For each principal of the demo (and an API token where the role may have one) the crawl requests every GET
route of the app — pages, JSON, .xlsx and PDF exports, their `as_of`/`at` variants, filters — with ids
harvested from earlier answers (in and out of the principal's remit), reads every answer's text and collects
each case it names by id, number or description. That set must be inside what `GET /api/v1/cases` lists for
the principal. On SQLite and PostgreSQL, one served demo world per database.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support import url_for_backend
from tests.web.crawl_routes import NO_CASE_CONTENT, get_routes, unfillable
from tests.web.crawl_world import SESSIONS, VISITORS, DemoWorld, Visitor, serve_demo_world
from tests.web.crawler import Crawler, CrawlResult, Pools
from tests.web.matrix_support import throwaway_app

# The all-seeing principals crawl first: what they are shown fills the others' out-of-remit samples.
SEEDS = [Visitor("demo-inspector"), Visitor("demo-admin"), Visitor("demo-lead")]


class Crawls:
    """Each visitor's crawl, made once per served world."""

    def __init__(self, world: DemoWorld) -> None:
        self.world = world
        self.routes = get_routes(world.app)
        self.shared = Pools()
        self.shared.ids["account"] = {v.username for v in VISITORS}
        self.shared.ids["event"] = {str(p) for p in world.event_positions}
        self.done: dict[Visitor, CrawlResult] = {}

    def of(self, visitor: Visitor) -> CrawlResult:
        """The visitor's crawl (the seeds' first)."""
        for needed in [*SEEDS, visitor]:
            if needed not in self.done:
                self.done[needed] = Crawler(self.world, self.routes, self.shared, needed).run()
        return self.done[visitor]


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def crawls(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Crawls]:
    """The demo world served once per database, and the crawls made on it."""
    with url_for_backend(request, tmp_path_factory, "crawl") as url, serve_demo_world(url) as world:
        yield Crawls(world)


def test_every_get_route_parameter_has_a_source():
    with throwaway_app() as app:
        routes = get_routes(app)
    assert not unfillable(routes), (
        "the remit crawl cannot fill these parameters: give them a kind (tests/web/crawl_routes.py) or list "
        f"the route in NO_CASE_CONTENT with the reason it cannot show a case: {unfillable(routes)}"
    )
    assert set(NO_CASE_CONTENT) <= {r.path for r in routes}, "NO_CASE_CONTENT names routes the app no longer has"


@pytest.mark.parametrize("visitor", VISITORS, ids=str)
def test_no_answer_names_a_case_outside_the_remit(crawls: Crawls, visitor: Visitor):
    result = crawls.of(visitor)
    print(result.summary())
    assert not result.failures, "\n".join(result.failures)
    assert not result.unfilled, f"{visitor}: no id to request these routes with: {result.unfilled}"
    assert not result.leaks, f"{len(result.leaks)} answers name cases outside {visitor}'s remit:\n" + "\n".join(
        map(str, result.leaks)
    )


def test_the_crawl_reached_every_route(crawls: Crawls):
    results = [crawls.of(v) for v in VISITORS]
    answered = {path for r in results for path, statuses in r.statuses.items() if any(200 <= s < 400 for s in statuses)}
    crawled = {r.path for r in crawls.routes if r.path not in NO_CASE_CONTENT}
    assert crawled - answered == set(), f"no principal got an answer from: {sorted(crawled - answered)}"
    print(
        f"remit crawl: {len(crawls.routes)} GET routes, {sum(r.requests for r in results)} requests, "
        f"{sum(r.seconds for r in results):.1f} s over {len(results)} principals ({len(SESSIONS)} sessions)"
    )
