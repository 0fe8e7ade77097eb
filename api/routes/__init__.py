"""The API's routers, one module per resource."""

from api.routes import code, review, rubrics, sessions, system

__all__ = ["code", "review", "rubrics", "sessions", "system"]
