"""Running a candidate's Python in a separate, isolated, limited process, never in the server.

Why hand-written rather than a library: the well-kept sandboxes (nsjail, bubblewrap, firejail) are
binaries that are not installed here and cannot be fetched from PyPI, and the Python ones either run
code in-process (RestrictedPython, which is not a security boundary) or need Docker. What they do
underneath is a handful of system calls, and `launcher.py` makes exactly those: namespaces, mounts,
rlimits, setuid, execve. It is short enough to read in one sitting.

A run (`Sandbox.session`) starts one process for one piece of code and calls its function once per
test, with the input sent over a pipe and the return value read back as JSON. The server decides
pass or fail by comparing values itself, and measures each call from outside (CPU seconds from
`/proc/<pid>/stat`, which the code cannot fake, and the wall clock), so nothing the code does inside
its process can forge a result. The clock starts once the test's input is built (the harness says
"ready"). A harness the code has tampered with could lie about that moment, which only skews its own
timing. A call that passes its wall-clock deadline kills the whole process group and every process
of the run's uid; later calls start a fresh process.

Isolation (`Sandbox.isolation`) is decided once by a probe: "namespaces" when the server is root and
the kernel allows new mount and network namespaces (no network, hidden files, its own uid);
otherwise code is refused (`SandboxUnavailable`) unless the operator opts in to "unisolated" runs
(`MOCKINT_SANDBOX_ALLOW_UNISOLATED=true`), which keep the limits, the empty environment, the fresh
directory and the process-group kill, but not the network or file isolation.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from bot.errors import SandboxBusy, SandboxUnavailable

HERE = Path(__file__).resolve().parent
LAUNCHER = HERE / "launcher.py"
HARNESS = HERE / "harness.py"
SETUP_FAILED = 121
LINE_CAP = 16_000_000
"""Longest reply line read from a run; more is an output flood and kills it."""
SANDBOX_WORKDIR = "/tmp/sandbox"
_BUFFERS: dict[int, bytearray] = {}
"""Unread reply bytes per running process (by pid), dropped when the process is killed."""
ALWAYS_HIDDEN = ("/root", "/home", "/tmp", "/var/tmp", "/dev/shm", "/run", "/srv", "/mnt",
                 "/media", "/opt", "/var/lib", "/var/log", "/var/cache", "/var/mail",
                 "/var/spool", "/var/backups", "/etc", "/work", "/boot")
"""Covered with an empty tmpfs in every isolated run; the interpreter's prefix and the few files
the dynamic loader reads are bound back read-only."""
KEEP_FILES = ("/etc/ld.so.cache", "/etc/localtime")
HIDDEN_LATE = ("/proc", "/sys")
"""Hidden last: the set-up reads /proc/self/fd to bind the kept paths back."""
CLK_TCK = os.sysconf("SC_CLK_TCK")
BUILD_SECONDS = 10.0
"""Wall-clock allowance for building a test's input (an `args_code` expression), which happens
before the call's own clock starts."""
PROBE = "def probe():\n    return 1\n"

Isolation = Literal["namespaces", "unisolated"]
Outcome = Literal["ok", "error", "timeout", "memory", "output", "crashed", "load_error"]


@dataclass(frozen=True)
class Limits:
    """One run's limits; per call, `cpu_seconds` is judged and `wall_seconds` kills."""

    cpu_seconds: float = 2.0
    wall_seconds: float = 6.0
    memory_bytes: int = 256 * 2**20
    file_bytes: int = 4 * 2**20
    processes: int = 8
    open_files: int = 32
    stack_bytes: int = 64 * 2**20
    total_cpu_seconds: int = 20
    """The RLIMIT_CPU of the whole process, over all its calls."""


@dataclass(frozen=True)
class Call:
    """One call of the candidate's function: JSON arguments, or an expression building them."""

    args: Sequence[Any] | None = None
    args_code: str | None = None
    extra: Sequence[Any] | None = None
    """When set, the function is called as f(args, *extra) (a checker), not f(*args)."""

    def request(self) -> dict[str, Any]:
        request: dict[str, Any] = {"op": "call"}
        if self.args_code is not None:
            request["args_code"] = self.args_code
        else:
            request["args"] = list(self.args or [])
        if self.extra is not None:
            request["extra"] = list(self.extra)
        return request


@dataclass
class CallResult:
    outcome: Outcome
    value: Any = None
    error: str = ""
    stdout: str = ""
    cpu_seconds: float = 0.0
    wall_seconds: float = 0.0


@dataclass
class OwnTest:
    name: str
    ok: bool
    error: str = ""


@dataclass
class SandboxConfig:
    """Where things are and how many runs may happen at once (from `bot.settings.Settings`)."""

    hide: Sequence[Path] = ()
    """Extra paths to hide: the project, the database's folder, the cache."""
    workers: int = 2
    wait_seconds: float = 30.0
    uid_base: int = 61_000
    uid_count: int = 64
    lock_dir: Path = field(default_factory=lambda: Path(tempfile.gettempdir()) / "mockint-uids")
    allow_unisolated: bool = False


class Sandbox:
    """Runs code in isolated processes, at most `workers` at once per server process."""

    def __init__(self, config: SandboxConfig) -> None:
        self.config = config
        self._slots = threading.BoundedSemaphore(config.workers)
        self._python = os.path.realpath(sys.executable)
        self._prefix = os.path.realpath(sys.base_prefix)
        self._isolation: Isolation | None = None
        self._refusal = ""
        self._probe_lock = threading.Lock()

    @property
    def isolation(self) -> Isolation:
        """Probes once. Raises: SandboxUnavailable when code must not run here."""
        with self._probe_lock:
            if self._isolation is None and not self._refusal:
                self._isolation, self._refusal = self._probe()
        if self._isolation is None:
            raise SandboxUnavailable(self._refusal)
        return self._isolation

    def _probe(self) -> tuple[Isolation | None, str]:
        why = "the server is not running as root" if os.geteuid() != 0 else ""
        if not why:
            try:
                with self._slot() as uid, self._process(PROBE, uid, "namespaces",
                                                        "probe") as proc:
                    reply = _first_reply(proc, Limits())
                if reply.get("ok"):
                    return "namespaces", ""
                why = reply.get("error", "the probe failed")
            except SandboxUnavailable as exc:
                why = exc.detail
        if self.config.allow_unisolated:
            return "unisolated", ""
        return None, (f"code cannot run in isolation here ({why}); run the server as root on a "
                      "kernel that allows mount and network namespaces, or set "
                      "MOCKINT_SANDBOX_ALLOW_UNISOLATED=true to accept unisolated runs")

    @contextlib.contextmanager
    def session(self, source: str, function: str, limits: Limits) -> Iterator[Runner]:
        """A runner for `source`, holding one worker slot until the block ends.

        Raises:
            SandboxUnavailable: isolation is unavailable and unisolated runs are not allowed.
            SandboxBusy: no worker slot freed up within `wait_seconds`.
        """
        isolation = self.isolation
        if not self._slots.acquire(timeout=self.config.wait_seconds):
            raise SandboxBusy(self.config.wait_seconds)
        try:
            with self._slot() as uid:
                runner = Runner(self, source, function, limits, uid, isolation)
                try:
                    yield runner
                finally:
                    runner.stop()
        finally:
            self._slots.release()

    @contextlib.contextmanager
    def _slot(self) -> Iterator[int]:
        """A uid no other run holds, in this process or any other on the machine (a lock file
        per uid), so killing "every process of this uid" only ever hits this run."""
        self.config.lock_dir.mkdir(parents=True, exist_ok=True)
        for uid in range(self.config.uid_base, self.config.uid_base + self.config.uid_count):
            handle = open(self.config.lock_dir / f"uid-{uid}.lock", "a+")  # noqa: SIM115
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.close()
                continue
            try:
                yield uid
            finally:
                kill_uid(uid)
                fcntl.flock(handle, fcntl.LOCK_UN)
                handle.close()
            return
        raise SandboxBusy(0)

    def launch_config(self, uid: int, isolation: Isolation, workdir: str,
                      limits: Limits) -> dict[str, Any]:
        hide = [str(p) for p in self.config.hide] + list(ALWAYS_HIDDEN)
        return {
            "harness": str(HARNESS), "python": self._python, "uid": uid,
            "isolate": isolation == "namespaces", "workdir": workdir,
            "hide": sorted({os.path.realpath(p) for p in hide}, key=len),
            "hide_late": list(HIDDEN_LATE),
            "keep": [self._prefix, os.path.dirname(self._python), *KEEP_FILES],
            "limits": {
                "cpu_seconds": limits.total_cpu_seconds, "memory_bytes": limits.memory_bytes,
                "file_bytes": limits.file_bytes, "processes": limits.processes,
                "open_files": limits.open_files, "stack_bytes": limits.stack_bytes,
            },
        }

    @contextlib.contextmanager
    def _process(self, source: str, uid: int, isolation: Isolation,
                 function: str = "print", limits: Limits | None = None,
                 ) -> Iterator[subprocess.Popen[bytes]]:
        limits = limits or Limits()
        tempdir = None if isolation == "namespaces" else tempfile.mkdtemp(prefix="mockint-run-")
        workdir = SANDBOX_WORKDIR if tempdir is None else tempdir
        config = self.launch_config(uid, isolation, workdir, limits)
        proc = subprocess.Popen(  # noqa: S603 - a fixed interpreter and our own launcher
            [self._python, "-I", "-S", "-B", str(LAUNCHER), json.dumps(config)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env={}, cwd="/", start_new_session=True, close_fds=True,
        )
        try:
            assert proc.stdin is not None
            with contextlib.suppress(BrokenPipeError, OSError):
                proc.stdin.write((json.dumps({"source": source, "function": function}) + "\n")
                                 .encode())
                proc.stdin.flush()
            yield proc
        finally:
            kill_group(proc)
            if isolation == "namespaces":
                kill_uid(uid)
            if tempdir is not None:
                shutil.rmtree(tempdir, ignore_errors=True)


class Runner:
    """Calls one piece of code, test after test, restarting it after a fatal call."""

    def __init__(self, sandbox: Sandbox, source: str, function: str, limits: Limits, uid: int,
                 isolation: Isolation) -> None:
        self.sandbox = sandbox
        self.source = source
        self.function = function
        self.limits = limits
        self.uid = uid
        self.isolation = isolation
        self._stack: contextlib.ExitStack | None = None
        self._proc: subprocess.Popen[bytes] | None = None
        self.load_error: str = ""

    def _start(self) -> subprocess.Popen[bytes] | None:
        if self._proc is not None:
            return self._proc
        self._stack = contextlib.ExitStack()
        proc = self._stack.enter_context(self.sandbox._process(
            self.source, self.uid, self.isolation, self.function, self.limits))
        reply = _first_reply(proc, self.limits)
        if not reply.get("ok"):
            self.load_error = reply.get("error", "your code did not load")
            self.stop()
            return None
        self._proc = proc
        return proc

    def stop(self) -> None:
        if self._stack is not None:
            self._stack.close()
        self._stack, self._proc = None, None

    def call(self, call: Call, limits: Limits | None = None) -> CallResult:
        """One call, judged against `limits` (default: the run's)."""
        limits = limits or self.limits
        proc = self._start()
        if proc is None:
            return CallResult(outcome="load_error", error=self.load_error)
        reply = _exchange(proc, call.request(), limits.wall_seconds + BUILD_SECONDS)
        if reply.kind == "reply" and reply.data.get("ready"):
            before = _cpu_seconds(proc.pid)
            started = time.monotonic()
            reply = _read_line(proc, limits.wall_seconds)
        else:
            before, started = _cpu_seconds(proc.pid), time.monotonic()
        wall = time.monotonic() - started
        cpu = max(0.0, _cpu_seconds(proc.pid) - before) if reply.kind == "reply" else wall
        if reply.kind == "reply" and reply.data.get("returned"):
            reply = _read_line(proc, BUILD_SECONDS)
        if reply.kind != "reply":
            outcome = _fatal_outcome(proc, reply.kind)
            self.stop()
            return CallResult(outcome=outcome, error=_fatal_message(outcome, limits, reply.detail),
                              cpu_seconds=round(cpu, 3), wall_seconds=round(wall, 3))
        data = reply.data
        if data.get("memory"):
            self.stop()
            return CallResult(outcome="memory", error=_fatal_message("memory", limits, ""),
                              cpu_seconds=round(cpu, 3), wall_seconds=round(wall, 3))
        result = CallResult(outcome="ok" if data.get("ok") else "error",
                            value=data.get("value"), error=str(data.get("error", "")),
                            stdout=str(data.get("stdout", "")), cpu_seconds=round(cpu, 3),
                            wall_seconds=round(wall, 3))
        if result.outcome == "ok" and cpu > limits.cpu_seconds:
            result.outcome = "timeout"
            result.error = (f"took {cpu:.2f} s of CPU; the limit is {limits.cpu_seconds:g} s "
                            "(too slow for this input)")
        return result

    def own_tests(self) -> list[OwnTest]:
        """The candidate's own `test_*` functions, run after loading their code."""
        proc = self._start()
        if proc is None:
            return []
        reply = _exchange(proc, {"op": "tests"}, self.limits.wall_seconds)
        if reply.kind != "reply":
            self.stop()
            return [OwnTest(name="test_*", ok=False,
                            error=_fatal_message(_fatal_outcome(proc, reply.kind), self.limits,
                                                 reply.detail))]
        return [OwnTest(name=str(t["name"])[:100], ok=bool(t["ok"]), error=str(t["error"]))
                for t in reply.data.get("tests", [])[:20]]


@dataclass
class _Reply:
    kind: Literal["reply", "timeout", "eof", "flood", "garbled"]
    data: dict[str, Any] = field(default_factory=dict)
    detail: str = ""


def _first_reply(proc: subprocess.Popen[bytes], limits: Limits) -> dict[str, Any]:
    reply = _read_line(proc, limits.wall_seconds + 5)
    if reply.kind == "reply":
        return reply.data
    if reply.kind == "eof":
        proc.wait(timeout=5)
        if proc.returncode == SETUP_FAILED:
            assert proc.stderr is not None
            detail = proc.stderr.read(2000).decode(errors="replace").strip()
            raise SandboxUnavailable(detail or "the sandbox set-up failed")
        if proc.returncode is not None and proc.returncode < 0:
            return {"ok": False, "error": _fatal_message(_fatal_outcome(proc, "eof"), limits,
                                                         "")}
    return {"ok": False, "error": _fatal_message(_fatal_outcome(proc, reply.kind), limits,
                                                 reply.detail)}


def _exchange(proc: subprocess.Popen[bytes], request: dict[str, Any], wall: float) -> _Reply:
    assert proc.stdin is not None
    try:
        proc.stdin.write((json.dumps(request) + "\n").encode())
        proc.stdin.flush()
    except (BrokenPipeError, OSError):
        return _Reply(kind="eof")
    return _read_line(proc, wall)


def _read_line(proc: subprocess.Popen[bytes], wall: float) -> _Reply:
    """One reply line, within `wall` seconds and LINE_CAP bytes; bytes read past the line wait
    in the process's buffer for the next call."""
    assert proc.stdout is not None
    fd = proc.stdout.fileno()
    buffer: bytearray = _BUFFERS.setdefault(proc.pid, bytearray())
    deadline = time.monotonic() + wall
    with selectors.DefaultSelector() as selector:
        selector.register(fd, selectors.EVENT_READ)
        while b"\n" not in buffer:
            if len(buffer) > LINE_CAP:
                return _Reply(kind="flood")
            left = deadline - time.monotonic()
            if left <= 0:
                return _Reply(kind="timeout")
            if not selector.select(timeout=left):
                continue
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                return _Reply(kind="eof")
            buffer.extend(chunk)
        end = buffer.index(b"\n")
        line = bytes(buffer[:end])
        del buffer[: end + 1]
        if len(line) > LINE_CAP:
            return _Reply(kind="flood")
        try:
            data = json.loads(line)
        except ValueError:
            return _Reply(kind="garbled", detail="the run's reply was not readable")
        if not isinstance(data, dict):
            return _Reply(kind="garbled", detail="the run's reply was not readable")
        return _Reply(kind="reply", data=data)


def _fatal_outcome(proc: subprocess.Popen[bytes], kind: str) -> Outcome:
    if kind == "timeout":
        return "timeout"
    if kind == "flood":
        return "output"
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=2)
    code = proc.returncode
    if code == -signal.SIGXCPU:
        return "timeout"
    if code == -signal.SIGXFSZ:
        return "output"
    return "crashed"


def _fatal_message(outcome: Outcome, limits: Limits, detail: str) -> str:
    if outcome == "timeout":
        return (f"stopped after {limits.wall_seconds:g} s: the time limit is "
                f"{limits.cpu_seconds:g} s of CPU (an endless loop, or too slow)")
    if outcome == "memory":
        return f"out of memory: the limit is {limits.memory_bytes // 2**20} MiB"
    if outcome == "output":
        return (f"too much output: a result over {LINE_CAP // 10**6} MB or a file over "
                f"{limits.file_bytes // 2**20} MiB")
    return detail or "the process died (killed, crashed, or exited on its own)"


def _cpu_seconds(pid: int) -> float:
    """User plus system CPU of a process, read from outside it."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def kill_group(proc: subprocess.Popen[bytes]) -> None:
    """Kills the run's whole process group, then reaps the run."""
    _BUFFERS.pop(proc.pid, None)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError):
        proc.kill()
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=5)
    for stream in (proc.stdin, proc.stdout, proc.stderr):
        if stream is not None:
            with contextlib.suppress(OSError):
                stream.close()


def kill_uid(uid: int) -> int:
    """SIGKILLs every process owned by `uid` (a process that left the group with setsid, or a
    fork bomb's children), until none is left. Returns how many it killed."""
    killed = 0
    for _ in range(300):
        found = _pids_of(uid)
        if not found:
            return killed
        for pid in found:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
                killed += 1
        time.sleep(0.01)
    return killed


def _pids_of(uid: int) -> list[int]:
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/status") as handle:
                for line in handle:
                    if line.startswith("State:") and line.split()[1] == "Z":
                        break  # a zombie runs nothing; its parent or init reaps it
                    if line.startswith("Uid:"):
                        if int(line.split()[1]) == uid:
                            pids.append(int(entry))
                        break
        except (OSError, ValueError):
            continue
    return pids
