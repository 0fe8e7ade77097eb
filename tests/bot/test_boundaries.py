import subprocess
import sys


def test_bot_imports_no_web_or_database_package() -> None:
    code = (
        "import sys, bot, bot.rubric, bot.scoring, bot.engine, bot.terminal, bot.cli, bot.runtime,"
        " bot.bench.asag, bot.bench.calibrate;"
        "bad = [m for m in ('fastapi', 'sqlmodel', 'sqlalchemy', 'starlette') if m in sys.modules];"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
