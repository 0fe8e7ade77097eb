"""The command line as a rubric author uses it."""

import json
from pathlib import Path

import pytest

from bot.cli import main
from tests.bot.rubric.test_bank import GOOD


def test_validate_exits_nonzero_on_a_broken_file(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "good.yaml").write_text(GOOD)
    assert main(["rubric", "validate", str(tmp_path)]) == 0
    (tmp_path / "bad.yaml").write_text("id: Bad Id\nquestion: q\nreference_answer: r\n")
    assert main(["rubric", "validate", str(tmp_path)]) == 1
    assert "bad.yaml" in capsys.readouterr().out


def test_calibrate_json_last_line(monkeypatch: pytest.MonkeyPatch, cache_dir: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("MOCKINT_CACHE_DIR", str(cache_dir))
    assert main(["rubric", "calibrate", "l1-vs-l2-regularization", "--json"]) == 0
    last = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert set(last) == {"n", "exact", "within_one", "spearman", "misordered_rubrics"}
    assert last["n"] >= 3


def test_score_unknown_rubric_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rubric", "score", "no-such-rubric", "--answer", "x"]) == 2
    assert "no-such-rubric" in capsys.readouterr().err
