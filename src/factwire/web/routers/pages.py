"""The dashboard, Plotly, and the interactive API docs, all served from installed packages:
nothing is fetched from the internet (the page works offline and in a closed network)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from fastapi import APIRouter
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse

STATIC = Path(str(resources.files("factwire") / "web" / "static"))
SWAGGER = "/vendor/swagger-ui"

router = APIRouter(include_in_schema=False)


def swagger_ui_path() -> Path:
    from swagger_ui_bundle import swagger_ui_path as path  # swagger-ui-bundle-v2 (Apache-2.0)

    return Path(str(path))


@router.get("/")
def dashboard() -> FileResponse:
    return FileResponse(STATIC / "index.html")


@router.get("/vendor/plotly.min.js")
def plotly_js() -> FileResponse:
    import plotly

    return FileResponse(Path(plotly.__file__).parent / "package_data" / "plotly.min.js",
                        media_type="application/javascript")


@router.get("/docs")
def docs() -> HTMLResponse:
    return get_swagger_ui_html(
        openapi_url="/openapi.json", title="factwire API",
        swagger_js_url=f"{SWAGGER}/swagger-ui-bundle.js", swagger_css_url=f"{SWAGGER}/swagger-ui.css",
        swagger_favicon_url=f"{SWAGGER}/favicon-32x32.png",
    )
