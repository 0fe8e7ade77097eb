"""Rubrics: the format, loading a bank of them, and the published schema."""

from bot.rubric.bank import RubricBank, load_bank, parse_rubrics, rubric_files
from bot.rubric.model import Example, KeyPoint, RedFlag, Round, Rubric, derive_key_points
from bot.rubric.schema import SCHEMA_FILE, rubric_schema_json

__all__ = [
    "SCHEMA_FILE",
    "Example",
    "KeyPoint",
    "RedFlag",
    "Round",
    "Rubric",
    "RubricBank",
    "derive_key_points",
    "load_bank",
    "parse_rubrics",
    "rubric_files",
    "rubric_schema_json",
]
