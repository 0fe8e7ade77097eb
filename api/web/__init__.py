"""The browser side of mockint: pages rendered from Jinja2 templates, vanilla scripts and CSS
served by the same app (no CDN, no build step)."""

from __future__ import annotations

from fastapi import FastAPI

from api.web.routes import router, static


def install(app: FastAPI) -> None:
    """Adds the pages and their static files to the app."""
    app.include_router(router)
    app.mount("/static", static, name="static")
