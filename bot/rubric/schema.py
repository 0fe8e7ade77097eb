"""The published JSON Schema of the rubric format, so editors validate while authors type."""

from __future__ import annotations

import json

from bot.rubric.model import Rubric

SCHEMA_FILE = "rubric.schema.json"


def rubric_schema_json() -> str:
    schema = Rubric.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "mockint rubric"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"
