"""Attacks on the sandbox: each is contained, says what happened, and leaves the server (this test
process) and the machine as they were. Real processes, real namespaces, real limits: these tests
need the isolation the service runs with (root and namespaces) and fail, saying so, without it."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.coding.sandbox import (
    Call,
    CallResult,
    Limits,
    Sandbox,
    SandboxConfig,
    _pids_of,
)
from bot.errors import SandboxUnavailable
from bot.settings import PROJECT_ROOT

FAST = Limits(cpu_seconds=1.0, wall_seconds=3.0, memory_bytes=256 * 2**20)
SECRET = "MOCKINT_TEST_SECRET"


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    os.environ[SECRET] = "hunter2"
    box = Sandbox(SandboxConfig(hide=[PROJECT_ROOT], workers=4, uid_base=62_000,
                                lock_dir=tmp_path_factory.mktemp("uids")))
    assert box.isolation == "namespaces", "these tests need root and namespaces"
    yield box
    os.environ.pop(SECRET, None)


def call(sandbox: Sandbox, source: str, *args: object, limits: Limits = FAST) -> CallResult:
    with sandbox.session(source, "attack", limits) as runner:
        uid = runner.uid
        got = runner.call(Call(args=list(args)))
    assert _pids_of(uid) == [], "a process of the run outlived it"
    return got


def alive(sandbox: Sandbox) -> None:
    """The server is unharmed: still here, and the sandbox still runs ordinary code."""
    assert os.getpid() > 0
    got = call(sandbox, "def attack(x):\n    return x + 1\n", 41)
    assert (got.outcome, got.value) == ("ok", 42)


def test_an_infinite_loop_is_stopped_at_the_wall_clock(sandbox: Sandbox) -> None:
    started = time.monotonic()
    got = call(sandbox, "def attack():\n    while True:\n        pass\n")
    assert got.outcome == "timeout" and "time limit is 1 s" in got.error
    assert time.monotonic() - started < 15
    alive(sandbox)


def test_sleeping_past_the_limit_is_stopped(sandbox: Sandbox) -> None:
    got = call(sandbox, "import time\ndef attack():\n    time.sleep(60)\n")
    assert got.outcome == "timeout" and "stopped after 3 s" in got.error
    alive(sandbox)


def test_a_fork_bomb_hits_the_process_limit_and_leaves_nothing(sandbox: Sandbox) -> None:
    source = ("import os\n"
              "def attack():\n"
              "    made = 0\n"
              "    try:\n"
              "        while True:\n"
              "            if os.fork() == 0:\n"
              "                import time\n"
              "                time.sleep(30)\n"
              "                os._exit(0)\n"
              "            made += 1\n"
              "    except OSError as exc:\n"
              "        return [made, type(exc).__name__]\n")
    got = call(sandbox, source)
    assert got.outcome == "ok", got.error
    made, error = got.value
    assert made < FAST.processes and error == "BlockingIOError"
    alive(sandbox)


def test_a_memory_bomb_is_out_of_memory(sandbox: Sandbox) -> None:
    got = call(sandbox, "def attack():\n    hog = []\n    while True:\n"
                        "        hog.append(bytearray(50 * 2**20))\n")
    assert got.outcome == "memory" and "256 MiB" in got.error
    alive(sandbox)


def test_a_gigabyte_of_print_is_capped(sandbox: Sandbox) -> None:
    source = ("import os\n"
              "def attack():\n"
              "    chunk = 'x' * 2**20\n"
              "    for _ in range(1024):\n"
              "        print(chunk)\n"
              "        os.write(1, chunk.encode())\n"
              "    return 'done'\n")
    got = call(sandbox, source, limits=Limits(cpu_seconds=5, wall_seconds=20))
    assert got.outcome == "ok" and got.value == "done"
    assert len(got.stdout) < 5000 and "more characters of output dropped" in got.stdout
    alive(sandbox)


def test_a_huge_return_value_is_refused_not_read(sandbox: Sandbox) -> None:
    got = call(sandbox, "def attack():\n    return 'y' * 40_000_000\n",
               limits=Limits(cpu_seconds=5, wall_seconds=20))
    assert got.outcome == "error" and "over" in got.error
    alive(sandbox)


def test_secrets_files_and_the_environment_are_out_of_reach(sandbox: Sandbox,
                                                          tmp_path: Path) -> None:
    database = PROJECT_ROOT / "mockint.db"
    source = ("import os\n"
              "def attack(paths):\n"
              "    seen = {}\n"
              "    for path in paths:\n"
              "        try:\n"
              "            with open(path, 'rb') as handle:\n"
              "                seen[path] = handle.read(64).decode('latin-1')\n"
              "        except OSError as exc:\n"
              "            seen[path] = type(exc).__name__\n"
              "    seen['env'] = dict(os.environ)\n"
              "    seen['uid'] = os.getuid()\n"
              "    return seen\n")
    paths = ["/etc/passwd", "/etc/shadow", str(database), str(PROJECT_ROOT / "pyproject.toml"),
             str(PROJECT_ROOT / ".cache"), "/proc/1/environ", "/root/.bash_history",
             str(tmp_path)]
    got = call(sandbox, source, paths)
    assert got.outcome == "ok", got.error
    seen = got.value
    assert seen.pop("env") == {} and seen.pop("uid") >= 62_000
    assert all(v in ("FileNotFoundError", "PermissionError", "IsADirectoryError")
               for v in seen.values()), seen
    assert "root:" not in str(seen) and "hunter2" not in str(got)
    alive(sandbox)


def test_writing_outside_the_working_directory_fails(sandbox: Sandbox, tmp_path: Path) -> None:
    targets = [str(PROJECT_ROOT / "pwned.txt"), "/tmp/pwned.txt", "/etc/pwned", "/pwned",
               str(tmp_path / "pwned.txt")]
    source = ("import os\n"
              "def attack(paths):\n"
              "    out = {}\n"
              "    for path in paths + ['inside.txt']:\n"
              "        try:\n"
              "            with open(path, 'w') as handle:\n"
              "                handle.write('x')\n"
              "            out[path] = 'written'\n"
              "        except OSError as exc:\n"
              "            out[path] = type(exc).__name__\n"
              "    out['cwd'] = os.getcwd()\n"
              "    return out\n")
    got = call(sandbox, source, targets)
    assert got.outcome == "ok", got.error
    assert got.value.pop("inside.txt") == "written"
    assert got.value.pop("cwd") == "/tmp/sandbox"
    assert "written" not in got.value.values(), got.value
    assert not any(Path(p).exists() for p in targets)


def test_a_big_file_hits_the_file_size_limit(sandbox: Sandbox) -> None:
    source = ("def attack():\n"
              "    with open('big.bin', 'wb') as handle:\n"
              "        for _ in range(64):\n"
              "            handle.write(b'z' * 2**20)\n")
    got = call(sandbox, source)
    assert got.outcome in ("output", "error")
    assert "File too large" in got.error or "too much output" in got.error or \
           "No space" in got.error, got.error
    alive(sandbox)


def test_no_network_not_even_the_servers_port(sandbox: Sandbox) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.2)
    port = listener.getsockname()[1]
    accepted: list[object] = []

    def watch() -> None:
        for _ in range(50):
            try:
                accepted.append(listener.accept())
            except OSError:
                pass

    watcher = threading.Thread(target=watch)
    watcher.start()
    source = ("import socket\n"
              "def attack(port):\n"
              "    out = []\n"
              "    for host in ('127.0.0.1', '10.0.0.1', 'pypi.org'):\n"
              "        try:\n"
              "            socket.create_connection((host, port), timeout=2).close()\n"
              "            out.append('connected')\n"
              "        except OSError as exc:\n"
              "            out.append(type(exc).__name__)\n"
              "    return out\n")
    try:
        got = call(sandbox, source, port)
    finally:
        watcher.join()
        listener.close()
    assert got.outcome == "ok", got.error
    assert "connected" not in got.value and not accepted, got.value


def test_ctypes_tricks_get_nowhere(sandbox: Sandbox) -> None:
    source = ("import ctypes, os\n"
              "def attack():\n"
              "    libc = ctypes.CDLL(None)\n"
              "    return [libc.setuid(0), libc.setgid(0), libc.unshare(0x40000000),\n"
              "            libc.mount(b'none', b'/work', b'tmpfs', 0, None),\n"
              "            libc.kill(os.getppid(), 9), os.getuid()]\n")
    got = call(sandbox, source)
    assert got.outcome == "ok", got.error
    *refused, uid = got.value
    assert refused == [-1, -1, -1, -1, -1] and uid >= 62_000
    crash = call(sandbox, "import ctypes\ndef attack():\n    return ctypes.string_at(0)\n")
    assert crash.outcome == "crashed" and crash.error
    alive(sandbox)


def test_killing_the_parent_or_everyone_is_refused(sandbox: Sandbox) -> None:
    source = ("import os, signal\n"
              "def attack():\n"
              "    out = []\n"
              "    for pid in (os.getppid(), 1):\n"
              "        try:\n"
              "            os.kill(pid, signal.SIGKILL)\n"
              "            out.append('killed')\n"
              "        except OSError as exc:\n"
              "            out.append(type(exc).__name__)\n"
              "    return out\n")
    got = call(sandbox, source)
    assert got.outcome == "ok" and "killed" not in got.value, got.value
    everyone = call(sandbox, "import os, signal\ndef attack():\n    os.kill(-1, signal.SIGKILL)\n")
    assert everyone.outcome == "ok"  # kill(-1) reaches only the run's own uid, not the caller
    alive(sandbox)


def test_a_process_that_leaves_the_group_is_still_killed(sandbox: Sandbox) -> None:
    source = ("import os, time\n"
              "def attack():\n"
              "    if os.fork() == 0:\n"
              "        os.setsid()\n"
              "        time.sleep(120)\n"
              "        os._exit(0)\n"
              "    return 'forked'\n")
    got = call(sandbox, source)  # `call` asserts no process of the run's uid is left
    assert got.value == "forked"


def test_code_is_refused_without_isolation_unless_the_operator_opts_in(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    strict = Sandbox(SandboxConfig(lock_dir=tmp_path))
    with pytest.raises(SandboxUnavailable, match="MOCKINT_SANDBOX_ALLOW_UNISOLATED"):
        with strict.session("def attack():\n    return 1\n", "attack", FAST):
            pass
    lenient = Sandbox(SandboxConfig(lock_dir=tmp_path, allow_unisolated=True))
    assert lenient.isolation == "unisolated"
    with lenient.session("import os\ndef attack():\n    return sorted(os.environ)\n",
                         "attack", FAST) as runner:
        got = runner.call(Call(args=[]))
    assert (got.outcome, got.value) == ("ok", [])
