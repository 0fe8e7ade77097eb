"""The README's bank table is generated from the bank, and the README holds the current one."""

import pytest

from bot.cli import main
from bot.rubric.bank import RubricBank
from bot.rubric.table import END, START, bank_table, table_in, with_table
from bot.settings import PROJECT_ROOT
from tests.conftest import make_rubric


def test_rows_count_rubrics_per_round_topic_and_difficulty() -> None:
    rubrics = [
        make_rubric(id="a", question="Q a?", topic="metrics", difficulty=1),
        make_rubric(id="b", question="Q b?", topic="metrics", difficulty=3),
        make_rubric(id="c", question="Q c?", topic="algorithms", difficulty=3),
        make_rubric(id="d", question="Q d?", round="recruiter", topic="intro", difficulty=1),
    ]
    lines = bank_table(rubrics).splitlines()
    assert lines[2] == "| recruiter | `intro` | 1 | 1 | 0 | 0 |", "rounds in the format's order"
    assert "| technical | `algorithms` | 1 | 0 | 0 | 1 |" in lines
    assert "| technical | `metrics` | 2 | 1 | 0 | 1 |" in lines
    assert "| technical | *all topics* | 3 | 1 | 0 | 2 |" in lines
    assert lines[-1] == "| **all rounds** |  | **4** | **2** | **0** | **2** |"
    assert not any("recruiter | *all topics*" in line for line in lines), "one topic, no subtotal"


def test_the_table_replaces_only_the_text_between_the_markers() -> None:
    readme = f"# Title\n\nbefore\n{START}\nold table\n{END}\nafter\n"
    updated = with_table(readme, "| new |")
    assert updated == f"# Title\n\nbefore\n{START}\n| new |\n{END}\nafter\n"
    assert table_in(updated) == "| new |"
    assert with_table(updated, "| new |") == updated
    with pytest.raises(ValueError, match="no bank table"):
        with_table("# no markers here\n", "| new |")


def test_the_readme_table_is_the_generated_one(bank: RubricBank) -> None:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert table_in(readme) == bank_table(bank), (
        "the bank changed: run `mockint rubric table --write` and commit README.md")


def test_the_command_prints_and_writes_the_table(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    readme = tmp_path / "README.md"
    readme.write_text(f"intro\n{START}\n{END}\n", encoding="utf-8")
    assert main(["rubric", "table", "--write", "--readme", str(readme)]) == 0
    written = table_in(readme.read_text(encoding="utf-8"))
    assert written.startswith("| round | topic | rubrics |") and "**all rounds**" in written
    capsys.readouterr()
    assert main(["rubric", "table"]) == 0
    assert capsys.readouterr().out.strip().endswith(written.splitlines()[-1])
    bare = tmp_path / "bare.md"
    bare.write_text("no markers\n", encoding="utf-8")
    assert main(["rubric", "table", "--write", "--readme", str(bare)]) == 1
    assert "no bank table" in capsys.readouterr().err
