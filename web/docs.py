"""GET /docs: Swagger UI served from our own origin (the swagger-ui-py package's files), no inline script.

FastAPI's own /docs page uses an inline script and a CDN, which the site-wide CSP forbids; this page
loads the same Swagger UI from /docs/assets and starts it from /static/api_docs.js. /redoc is not served.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

router = APIRouter()
ASSETS = "/docs/assets"
PAGE = """<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>甘心办 Ganxin 接口文档 / API</title>
  <link rel="stylesheet" href="{assets}/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui" data-openapi-url="{openapi}"></div>
  <script src="{assets}/swagger-ui-bundle.js"></script>
  <script src="/static/api_docs.js"></script>
</body>
</html>
"""


def swagger_assets() -> Path:
    """Where the swagger-ui-py package keeps Swagger UI's built files."""
    return Path(str(resources.files("swagger_ui") / "static"))


@router.get("/docs", include_in_schema=False)
def docs() -> HTMLResponse:
    """The interactive API documentation."""
    return HTMLResponse(PAGE.format(assets=ASSETS, openapi="/openapi.json"))


def install_docs(app: FastAPI) -> None:
    """Serve /docs and its assets (create_app passes docs_url=None, redoc_url=None to FastAPI)."""
    app.include_router(router)
    app.mount(ASSETS, StaticFiles(directory=swagger_assets()), name="swagger-assets")
