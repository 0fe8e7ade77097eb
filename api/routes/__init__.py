"""The API's routers, one module per resource."""

from api.routes import review, rubrics, sessions, system

__all__ = ["review", "rubrics", "sessions", "system"]
