"""The program the sandboxed interpreter runs: load the candidate's code, then call it on demand.

Executed by `launcher.py` inside the sandbox, after it has dropped its privileges; it is never
imported. It speaks JSON lines: the first line on stdin is `{"source", "function"}`, each next line
one request (`call` with `args` or an `args_code` expression that builds a large input, or `tests`
to run the candidate's own `test_*` functions), and each reply is one JSON line on the descriptor
that was stdout at start. A call first answers `{"ready": true}` once its input is built, so the
server's clock for the call starts there and building a large input is not charged to the candidate;
a call that returns says `{"returned": true}` before its value is converted and sent, so the clock
stops there and a large output's encoding is not charged either. The candidate's own prints go to a
capped buffer returned with the reply, and descriptors 1 and 2 point at /dev/null, so printed text
cannot pose as a reply.

Nothing here is trusted by the server: it decides pass or fail itself, by comparing the returned
value with the expected one, and it measures time from outside. A candidate who tampers with this
harness can only break their own run.
"""

import io
import json
import os
import sys
import traceback

PRINT_CAP = 4096
LINE_CAP = 16_000_000

os.environ.clear()
_reply = os.fdopen(os.dup(1), "w", encoding="utf-8")
_devnull = os.open("/dev/null", os.O_WRONLY)
os.dup2(_devnull, 1)
os.dup2(_devnull, 2)
sys.setrecursionlimit(100_000)


class _CappedText(io.TextIOBase):
    """stdout for the candidate: keeps the first PRINT_CAP characters and counts the rest."""

    def __init__(self) -> None:
        self.kept: list[str] = []
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        room = PRINT_CAP - self.size
        if room > 0:
            self.kept.append(text[:room])
        self.size += len(text)
        return len(text)

    def text(self) -> str:
        out = "".join(self.kept)
        if self.size > PRINT_CAP:
            out += f"\n[... {self.size - PRINT_CAP} more characters of output dropped]"
        return out


def _plain(value, depth=0):
    """The value as JSON data: tuples and sets become lists, anything else its repr."""
    if depth > 50:
        raise ValueError("the result is nested more than 50 levels deep")
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple):
        return [_plain(v, depth + 1) for v in value]
    if isinstance(value, set | frozenset):
        items = [_plain(v, depth + 1) for v in value]
        try:
            return sorted(items)
        except TypeError:
            return items
    if isinstance(value, dict):
        return {str(k): _plain(v, depth + 1) for k, v in value.items()}
    return {"__repr__": repr(value)[:200]}


def _where(exc: BaseException) -> str:
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == "<solution>"]
    line = f" (line {frames[-1].lineno} of your code)" if frames else ""
    message = str(exc)[:300]
    return f"{type(exc).__name__}: {message}{line}" if message else f"{type(exc).__name__}{line}"


def _send(message: dict) -> None:
    try:
        text = json.dumps(message)
    except (TypeError, ValueError) as exc:
        text = json.dumps({"ok": False, "error": f"the result cannot be returned: {exc}"})
    if len(text) > LINE_CAP:
        text = json.dumps({"ok": False, "error": f"the result is over {LINE_CAP} characters"})
    _reply.write(text + "\n")
    _reply.flush()


def _run(fn, args, extra=None, mark=True):
    out = _CappedText()
    sys.stdout = sys.stderr = out
    try:
        value = fn(*args) if extra is None else fn(args, *extra)
        sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
        if mark:
            _send({"returned": True})
        return {"ok": True, "value": _plain(value), "stdout": out.text()}
    except RecursionError as exc:
        return {"ok": False, "error": _where(exc) + ": recursion too deep", "stdout": out.text()}
    except MemoryError:
        return {"ok": False, "error": "MemoryError: out of memory", "memory": True}
    except BaseException as exc:  # noqa: BLE001 - everything the candidate raises is reported
        return {"ok": False, "error": _where(exc), "stdout": out.text()}
    finally:
        sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__


def _own_tests(namespace):
    results = []
    for name, fn in list(namespace.items()):
        if name.startswith("test_") and callable(fn):
            outcome = _run(fn, [], mark=False)
            results.append({"name": name, "ok": outcome["ok"],
                            "error": outcome.get("error", "")})
    return results


def main():
    first = json.loads(sys.stdin.readline())
    namespace = {"__name__": "solution", "__builtins__": __builtins__}
    out = _CappedText()
    sys.stdout = sys.stderr = out
    try:
        exec(compile(first["source"], "<solution>", "exec"), namespace)  # noqa: S102
        fn = namespace.get(first["function"])
        if not callable(fn):
            raise NameError(f"your code defines no function {first['function']!r}")
    except BaseException as exc:  # noqa: BLE001
        sys.stdout = sys.__stdout__
        _send({"ok": False, "error": _where(exc), "stdout": out.text(), "load": True})
        return
    sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
    _send({"ok": True, "stdout": out.text()})
    for line in sys.stdin:
        request = json.loads(line)
        if request.get("op") == "tests":
            _send({"ok": True, "tests": _own_tests(namespace)})
            continue
        if "args_code" in request:
            args = eval(request["args_code"], {"__builtins__": __builtins__})  # noqa: S307
        else:
            args = request["args"]
        _send({"ready": True})
        _send(_run(fn, args, request.get("extra")))


main()
