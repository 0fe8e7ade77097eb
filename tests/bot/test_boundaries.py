import ast
import subprocess
import sys
from pathlib import Path

from bot.settings import PROJECT_ROOT

FORBIDDEN = ("api", "fastapi", "sqlmodel", "sqlalchemy", "starlette", "uvicorn")


def test_bot_imports_no_web_or_database_package() -> None:
    code = (
        "import sys, bot, bot.rubric, bot.scoring, bot.engine, bot.terminal, bot.cli, bot.runtime,"
        " bot.remote, bot.local, bot.bench.asag, bot.bench.calibrate;"
        "bad = [m for m in ('fastapi', 'sqlmodel', 'sqlalchemy', 'starlette', 'api')"
        " if m in sys.modules];"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def forbidden_imports(source: str) -> list[str]:
    """Every import of a forbidden package anywhere in the module, inside functions too."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute | ast.Name)
              and (getattr(node.func, "attr", None) or getattr(node.func, "id", None))
              in ("import_module", "__import__") and node.args
              and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            names = [node.args[0].value]
        found += [f"{name} (line {node.lineno})" for name in names
                  if name.split(".")[0] in FORBIDDEN]
    return found


def test_no_module_in_bot_imports_the_api_even_lazily() -> None:
    """The run-time check above sees only what importing runs; a function-level import of
    `api` (as `mockint serve` once had) shows only here."""
    offenders = {
        str(path.relative_to(PROJECT_ROOT)): found
        for path in sorted((PROJECT_ROOT / "bot").rglob("*.py"))
        if (found := forbidden_imports(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}


def test_the_static_check_sees_lazy_and_dynamic_imports() -> None:
    source = ("def serve():\n    from api.server import serve\n"
              "def other():\n    import sqlalchemy.orm\n"
              "def third():\n    importlib.import_module('fastapi')\n"
              "import bot.engine\nfrom bot import api_like\n")
    assert [f.split(" ")[0] for f in forbidden_imports(source)] == [
        "api.server", "sqlalchemy.orm", "fastapi"]


def test_the_client_path_does_not_load_the_model_stack() -> None:
    """`mockint interview --server` must start in well under 5 s: no torch, no
    sentence-transformers, no engine (which pulls numpy and scipy) just to talk HTTP."""
    code = ("import sys, bot.cli, bot.terminal, bot.remote;"
            "print(','.join(m for m in ('torch', 'sentence_transformers', 'scipy', 'numpy',"
            " 'bot.engine', 'bot.scoring') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(PROJECT_ROOT))
    assert out.stdout.strip() == ""
