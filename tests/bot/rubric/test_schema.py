import json

from bot.rubric.schema import SCHEMA_FILE, rubric_schema_json
from bot.settings import PROJECT_ROOT


def test_published_schema_is_current() -> None:
    published = (PROJECT_ROOT / "rubrics" / SCHEMA_FILE).read_text(encoding="utf-8")
    assert published == rubric_schema_json(), "run `mockint rubric schema --write`"


def test_schema_requires_the_three_fields() -> None:
    schema = json.loads(rubric_schema_json())
    assert set(schema["required"]) == {"id", "question", "reference_answer"}
    assert schema["additionalProperties"] is False
