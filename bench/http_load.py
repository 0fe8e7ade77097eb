"""Answers over HTTP as candidates meet them: ready time, memory, one turn, many candidates.

Starts `mockint serve` on a free port with a fresh database (an SQLite file; and a throw-away
PostgreSQL server with 2 workers when Debian's PostgreSQL binaries are installed), then measures:

- ready: seconds from starting the process until every worker has logged "ready" and `/readyz`
  answers 200 (the on-disk vector cache in MOCKINT_CACHE_DIR is used, as after any restart);
- rss: resident memory of the whole process tree at ready and after the load (MB);
- one turn: the median time of one answer over HTTP, one candidate at a time, beside the median
  time the model takes to encode the same answer's sentences in this process, interleaved so
  both see the same load on the machine: `SentenceTransformer.encode` on torch (the model's own
  encode), and on the service's backend when it is another (the least the service spends);
- load: answers/s and p50/p95 latency with 1, 8 and 32 candidates answering at once, each
  running whole interviews (a new session when one finishes) with live feedback;
- errors: every response that is not 2xx, by status (a 429/503 counts as an error too).

Per-client rate limits are switched off for the run (every simulated candidate comes from
127.0.0.1); every other limit and cache keeps its default. The simulated candidates give the same
answers in every session, but that saves the service nothing: the span cache only serves a
follow-up what its question's earlier turns said, and a new answer is always encoded in full, as
a real candidate's is. `--soak SECONDS` instead runs 32 candidates for
that long and samples RSS each 10 s, to check that memory stays flat (RSS after the first minute
against RSS at the end). The last line is JSON with `--json`.

    mockint bench http [--json] [--duration 20] [--short] [--databases sqlite,postgres]
                       [--pg-workers 2] [--soak 300]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TRACK = "ml-engineer"
SERVE = (
    "import sys; from api.server import serve; from bot.settings import load_settings; "
    "serve(load_settings(), host='127.0.0.1', port=int(sys.argv[1]), workers=int(sys.argv[2]))"
)
"""What `mockint-api serve --port P --workers N` runs, whichever command line module holds it."""
READY_TIMEOUT_S = 300.0
FLOOR_ANSWERS = 96
FALLBACK_ANSWER = (
    "I would start from the data: check how it was collected, clean it, and split it into "
    "training, validation and test sets before looking at any model. Then I would train a simple "
    "baseline, measure it on the validation set with a metric that matches the business goal, "
    "and only then try a more complex model, tuning its hyperparameters with cross-validation."
)


def _out(text: str = "") -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants, in MB (Linux /proc)."""
    total_kb = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total_kb += int(line.split()[1])
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                stack.extend(int(c) for c in task.read_text().split())
            except OSError:
                continue
    return round(total_kb / 1024, 1)


def tree_cpu_s(pid: int) -> float:
    """CPU seconds (user + system) used so far by a process and its descendants (Linux /proc):
    what an answer costs, less sensitive than wall time to other work on shared cores."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                stack.extend(int(c) for c in task.read_text().split())
            except OSError:
                continue
    return total / ticks


# --- the service -----------------------------------------------------------------------------


class Service:
    """`mockint serve` in a child process on a free port."""

    def __init__(self, database_url: str, workers: int, extra_env: dict[str, str]) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.workers = workers
        env = dict(os.environ)
        env.update({
            "MOCKINT_DATABASE_URL": database_url,
            "MOCKINT_SESSION_RATE": "0",
            "MOCKINT_ANSWER_RATE": "0",
            "MOCKINT_CLIENT_ANSWER_RATE": "0",
            "MOCKINT_LOG_LEVEL": "INFO",
            **extra_env,
        })
        self._ready_logs = 0
        self._lines: list[str] = []
        self._started = time.perf_counter()
        self.proc = subprocess.Popen(
            [sys.executable, "-c", SERVE, str(self.port), str(workers)],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
            start_new_session=True)
        self._reader = threading.Thread(target=self._read_logs, daemon=True)
        self._reader.start()

    def _read_logs(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            if '"ready"' in line:
                self._ready_logs += 1
            elif '"level": "error"' in line.lower() or "Traceback" in line:
                self._lines.append(line.rstrip()[-400:])
            del self._lines[:-50]

    def wait_ready(self) -> float:
        """Seconds from start until every worker logged ready and /readyz answers 200."""
        deadline = self._started + READY_TIMEOUT_S
        with httpx.Client(timeout=5) as client:
            while time.perf_counter() < deadline:
                if self.proc.poll() is not None:
                    raise RuntimeError("the service exited:\n" + "\n".join(self._lines))
                if self._ready_logs >= self.workers:
                    try:
                        if client.get(f"{self.url}/readyz").status_code == 200:
                            return time.perf_counter() - self._started
                    except httpx.HTTPError:
                        pass
                time.sleep(0.05)
        raise RuntimeError(f"not ready after {READY_TIMEOUT_S:g} s")

    def rss_mb(self) -> float:
        return tree_rss_mb(self.proc.pid)

    def cpu_s(self) -> float:
        return tree_cpu_s(self.proc.pid)

    def errors_logged(self) -> list[str]:
        return list(self._lines)

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


@contextmanager
def postgres():  # noqa: ANN201 - a generator context manager
    """A throw-away PostgreSQL server on loopback (as scripts/with-postgres.sh starts for tests)."""
    bins = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: p.parent.name)
    if not bins:
        raise RuntimeError("no PostgreSQL server binaries under /usr/lib/postgresql (Debian's "
                           "postgresql package); run with --databases sqlite")
    pgbin = bins[-1]
    data = Path(tempfile.mkdtemp(prefix="mockint-bench-pg."))
    runas: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(data, "postgres")
        runas = ["runuser", "-u", "postgres", "--"]
    port = free_port()
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    subprocess.run([*runas, str(pgbin / "initdb"), "-D", str(data), "-U", "postgres", "-A",
                    "trust"], check=True, **quiet)
    subprocess.run([*runas, str(pgbin / "pg_ctl"), "-D", str(data), "-o",
                    f"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c max_connections=200",
                    "-l", str(data / "log"), "-w", "start"], check=True, **quiet)
    try:
        subprocess.run([*runas, str(pgbin / "createdb"), "-h", "127.0.0.1", "-p", str(port),
                        "-U", "postgres", "mockint_bench"], check=True, **quiet)
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/mockint_bench"
    finally:
        subprocess.run([*runas, str(pgbin / "pg_ctl"), "-D", str(data), "-m", "fast", "-w",
                        "stop"], check=False, **quiet)
        shutil.rmtree(data, ignore_errors=True)


# --- candidates ------------------------------------------------------------------------------


def answer_book() -> dict[str, str]:
    """For each rubric, the answer a good candidate gives: its best example, else the reference."""
    from bot.rubric.bank import load_bank
    from bot.settings import Settings

    book: dict[str, str] = {}
    for rubric in load_bank([Settings().rubrics_dir]):
        examples = sorted(rubric.examples, key=lambda e: -e.expected_score)
        book[rubric.id] = examples[0].answer if examples else rubric.reference_answer
    return book


class Stats:
    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.errors: Counter[str] = Counter()
        self.answers = 0
        self.sessions = 0
        self.texts: list[str] = []
        self.warmup_answers = 0


class Candidate:
    """One simulated candidate: whole interviews, one after another, answering every question."""

    def __init__(self, client: httpx.AsyncClient, book: dict[str, str], seed: int) -> None:
        self.client = client
        self.book = book
        self.rng = random.Random(seed)
        self.token = ""
        self.session = ""
        self.question: dict[str, Any] | None = None

    async def _start(self, stats: Stats) -> bool:
        reply = await self.client.post("/v1/sessions", json={
            "track": TRACK, "feedback": "live", "seed": self.rng.randrange(2**31),
            "candidate_name": "Bench"})
        if reply.status_code != 201:
            stats.errors[f"start {reply.status_code}"] += 1
            return False
        body = reply.json()
        self.token, self.session = body["candidate_token"], body["session_id"]
        self.question = body["current_question"]
        stats.sessions += 1
        return True

    def text(self) -> str:
        q = self.question or {}
        return self.book.get(q.get("rubric_id") or "", FALLBACK_ANSWER)

    async def turn(self, stats: Stats, record: bool = True) -> float | None:
        """One answer; its latency in seconds, or None when it failed."""
        if not self.session and not await self._start(stats):
            return None
        text = self.text()
        started = time.perf_counter()
        try:
            reply = await self.client.post(
                f"/v1/sessions/{self.session}/answers", json={"text": text},
                headers={"Authorization": f"Bearer {self.token}"})
        except httpx.HTTPError as exc:
            stats.errors[type(exc).__name__] += 1
            self.session = ""
            return None
        elapsed = time.perf_counter() - started
        if reply.status_code != 200:
            stats.errors[f"answer {reply.status_code}"] += 1
            self.session = ""
            return None
        body = reply.json()
        if record:
            stats.latencies.append(elapsed)
            stats.answers += 1
            stats.texts.append(text)
        self.question = body["current_question"]
        if body["status"] != "in_progress" or self.question is None:
            self.session = ""
        return elapsed


def _client(url: str, concurrency: int) -> httpx.AsyncClient:
    limits = httpx.Limits(max_connections=concurrency + 4, max_keepalive_connections=concurrency)
    return httpx.AsyncClient(base_url=url, timeout=120, limits=limits)


async def _load(url: str, book: dict[str, str], concurrency: int, duration: float,
                warmup: float, on_tick: Any = None) -> Stats:
    """`concurrency` candidates answer for `warmup` + `duration` s; only the last part counts."""
    stats = Stats()
    async with _client(url, concurrency) as client:
        candidates = [Candidate(client, book, seed) for seed in range(concurrency)]
        started = time.perf_counter()
        counting_from = started + warmup
        stop_at = counting_from + duration

        async def run(candidate: Candidate) -> None:
            while time.perf_counter() < stop_at:
                begun = time.perf_counter()
                counted = begun >= counting_from
                if await candidate.turn(stats, record=counted) is not None and not counted:
                    stats.warmup_answers += 1

        async def ticker() -> None:
            while on_tick is not None and time.perf_counter() < stop_at:
                await asyncio.sleep(1.0)
                on_tick(time.perf_counter() - started)

        await asyncio.gather(ticker(), *(run(c) for c in candidates))
    stats.elapsed = time.perf_counter() - counting_from  # type: ignore[attr-defined]
    return stats


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def load_figures(stats: Stats, concurrency: int) -> dict[str, Any]:
    elapsed = getattr(stats, "elapsed", 1.0)
    return {
        "concurrency": concurrency,
        "answers": stats.answers,
        "answers_per_s": round(stats.answers / elapsed, 2),
        "p50_ms": round(1000 * _percentile(stats.latencies, 0.5), 1),
        "p95_ms": round(1000 * _percentile(stats.latencies, 0.95), 1),
        "errors": sum(stats.errors.values()),
        "error_kinds": dict(stats.errors),
    }


class Encoder:
    """The encode the service is held against: the model's own `SentenceTransformer.encode` on
    torch with its default threads (what the issue's script times), and, when the service runs
    another backend, that backend's own encode of the same sentences (the service's least cost)."""

    def __init__(self) -> None:
        from bot.settings import Settings

        settings = Settings()
        try:
            from bot.runtime import build_embedder
        except ImportError:  # a tree from before the backends (A/B runs against old commits)
            build_embedder = None
        from bot.scoring.embedder import SentenceEmbedder

        self.backend = getattr(settings, "backend", "torch")
        self.reference: Any = SentenceEmbedder(settings.model, cache_dir=None)
        self.own: Any = None
        if build_embedder is not None and self.backend != "torch":
            self.own = build_embedder(settings)

    def seconds(self, text: str) -> tuple[float, float | None]:
        """Seconds to encode the answer's sentences: on torch, and on the service's backend."""
        from bot.scoring.segment import sentences

        parts = sentences(text)
        started = time.perf_counter()
        self.reference.encode_padded(parts)
        reference = time.perf_counter() - started
        if self.own is None:
            return reference, None
        started = time.perf_counter()
        self.own.embed(parts)
        return reference, time.perf_counter() - started

    def floor(self, book: dict[str, str], answers: int = FLOOR_ANSWERS,
              per_call: int = 32) -> dict[str, Any]:
        """What the service's model alone sustains on this machine, nothing else running: the
        sentences of `answers` answers, `per_call` answers per call. On torch one thread, times
        the cores (on shared cores torch's spinning threads collapse and two threads measure
        less than one); on ONNX one run at a time, then one per core side by side (measured).
        No service can serve more whatever its design, so the load figures are read against it."""
        from bot.scoring.segment import sentences

        texts = sorted(book.values())[:answers]
        cores = os.cpu_count() or 1
        calls = [[s for text in texts[start:start + per_call] for s in sentences(text)]
                 for start in range(0, len(texts), per_call)]

        def rate(encode: Any) -> float:
            encode(sentences(texts[0]))  # warm
            started = time.perf_counter()
            for call in calls:
                encode(call)
            return len(texts) / (time.perf_counter() - started)

        if self.own is None:
            threads = _torch_threads(1)
            try:
                per_core = rate(self.reference.embed)
            finally:
                _torch_threads(threads)
            ceiling = per_core * cores
        else:
            from bot.runtime import build_embedder
            from bot.settings import Settings

            one = build_embedder(Settings(encode_threads=1, solo_encode_threads=1))
            per_core = rate(one.embed)
            ceiling = rate(self.own.embed)
        words = sum(len(t.split()) for t in texts) / len(texts)
        return {"backend": self.backend, "answers": len(texts), "answers_per_call": per_call,
                "words_per_answer": round(words, 1), "answers_per_s_one_core": round(per_core, 2),
                "cores": cores, "ceiling_answers_per_s": round(ceiling, 2)}


def _torch_threads(threads: int) -> int:
    """Sets torch's intra-op threads when torch is loaded; the previous count (0 without)."""
    torch = sys.modules.get("torch")
    if torch is None or threads <= 0:
        return 0
    previous = int(torch.get_num_threads())
    torch.set_num_threads(threads)
    return previous


async def _single_turns(url: str, book: dict[str, str], encoder: Encoder,
                        turns: int) -> dict[str, Any]:
    """One candidate, one answer at a time, each beside encodes of the same answer."""
    stats = Stats()
    http_s: list[float] = []
    encode_s: list[float] = []
    own_s: list[float] = []
    async with _client(url, 1) as client:
        candidate = Candidate(client, book, seed=12345)
        for _ in range(3):  # warm both sides
            await candidate.turn(stats, record=False)
            encoder.seconds(candidate.text())
        while len(http_s) < turns and sum(stats.errors.values()) < turns:
            if not candidate.session:
                await candidate._start(stats)
            text = candidate.text()
            reference, own = encoder.seconds(text)
            elapsed = await candidate.turn(stats)
            if elapsed is not None:
                http_s.append(elapsed)
                encode_s.append(reference)
                if own is not None:
                    own_s.append(own)
    turn_ms = 1000 * statistics.median(http_s)
    encode_ms = 1000 * statistics.median(encode_s)
    figures = {"turns": len(http_s), "turn_ms": round(turn_ms, 1),
               "encode_ms": round(encode_ms, 1), "ratio": round(turn_ms / encode_ms, 2),
               "errors": sum(stats.errors.values())}
    if own_s:
        own_ms = 1000 * statistics.median(own_s)
        figures.update(own_encode_ms=round(own_ms, 1), ratio_own=round(turn_ms / own_ms, 2))
    return figures


# --- runs ------------------------------------------------------------------------------------


def run_database(name: str, database_url: str, workers: int, args: argparse.Namespace,
                 book: dict[str, str], encoder: Encoder) -> dict[str, Any]:
    _out(f"== {name}, {workers} worker(s) ==")
    service = Service(database_url, workers, {})
    try:
        ready = service.wait_ready()
        time.sleep(1.0)
        rss_ready = service.rss_mb()
        _out(f"ready in {ready:.2f} s, RSS {rss_ready:.0f} MB")
        single = asyncio.run(_single_turns(service.url, book, encoder, args.turns))
        own = (f"; {single['own_encode_ms']:.1f} ms on {encoder.backend} (ratio "
               f"{single['ratio_own']:.2f})" if "own_encode_ms" in single else "")
        _out(f"one turn {single['turn_ms']:.1f} ms vs the model's encode on torch "
             f"{single['encode_ms']:.1f} ms (ratio {single['ratio']:.2f}){own}, "
             f"{single['turns']} turns")
        loads = []
        for level in args.levels:
            cpu = service.cpu_s()
            stats = asyncio.run(_load(service.url, book, level, args.duration, args.warmup))
            figures = load_figures(stats, level)
            used = service.cpu_s() - cpu  # warm-up included: per answer over the whole level
            done = stats.answers + stats.warmup_answers
            figures["cpu_ms_per_answer"] = round(1000 * used / done, 1) if done else None
            loads.append(figures)
            _out(f"{level:>3} candidates: {figures['answers_per_s']:6.2f} answers/s  p50 "
                 f"{figures['p50_ms']:7.1f} ms  p95 {figures['p95_ms']:7.1f} ms  CPU "
                 f"{figures['cpu_ms_per_answer']} ms/answer  errors "
                 f"{figures['errors']} {figures['error_kinds'] or ''}")
        rss_after = service.rss_mb()
        _out(f"RSS after the load {rss_after:.0f} MB")
        errors = single["errors"] + sum(f["errors"] for f in loads)
        return {"database": name, "workers": workers, "ready_s": round(ready, 2),
                "rss_ready_mb": rss_ready, "rss_after_mb": rss_after, "single": single,
                "load": loads, "errors": errors, "server_errors": service.errors_logged()[-5:]}
    finally:
        service.stop()


def run_soak(database_url: str, workers: int, seconds: float, book: dict[str, str],
             concurrency: int) -> dict[str, Any]:
    """`concurrency` candidates for `seconds`; RSS each 10 s, after 1 minute and at the end."""
    service = Service(database_url, workers, {})
    samples: list[tuple[float, float]] = []
    try:
        ready = service.wait_ready()
        rss_ready = service.rss_mb()
        _out(f"ready in {ready:.2f} s, RSS {rss_ready:.0f} MB; {concurrency} candidates for "
             f"{seconds:g} s")
        last = [0.0]

        def tick(t: float) -> None:
            if t - last[0] >= 10.0:
                last[0] = t
                samples.append((round(t, 1), service.rss_mb()))
                _out(f"  t={t:5.0f} s RSS {samples[-1][1]:.0f} MB")

        stats = asyncio.run(_load(service.url, book, concurrency, seconds, 0.0, tick))
        rss_end = service.rss_mb()
        after_minute = next((rss for t, rss in samples if t >= 60.0), rss_end)
        growth = 100.0 * (rss_end - after_minute) / after_minute
        figures = load_figures(stats, concurrency)
        _out(f"RSS after 1 min {after_minute:.0f} MB, at the end {rss_end:.0f} MB "
             f"({growth:+.1f}%); {figures['answers_per_s']} answers/s, p95 "
             f"{figures['p95_ms']} ms, errors {figures['errors']}")
        return {"soak_s": seconds, "ready_s": round(ready, 2), "rss_ready_mb": rss_ready,
                "rss_after_1min_mb": after_minute, "rss_end_mb": rss_end,
                "rss_growth_pct": round(growth, 1), "samples": samples, "load": figures}
    finally:
        service.stop()


def machine() -> dict[str, Any]:
    return {"cpus": os.cpu_count(), "loadavg": [round(x, 2) for x in os.getloadavg()],
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "backend": _backend()}


def _backend() -> str:
    from bot.settings import Settings

    return str(getattr(Settings(), "backend", "torch"))


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="mockint bench http", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true", help="a JSON line last")
    parser.add_argument("--duration", type=float, default=20.0,
                        help="seconds counted at each concurrency level (default 20)")
    parser.add_argument("--warmup", type=float, default=3.0,
                        help="seconds of load before counting starts at each level")
    parser.add_argument("--turns", type=int, default=30, help="single turns timed (default 30)")
    parser.add_argument("--levels", default="1,8,32", help="concurrent candidates (1,8,32)")
    parser.add_argument("--short", action="store_true",
                        help="a quick run: 5 s per level, 10 single turns, SQLite only")
    parser.add_argument("--databases", default="sqlite,postgres",
                        help="sqlite, postgres or both (default both)")
    parser.add_argument("--sqlite-workers", type=int, default=1)
    parser.add_argument("--pg-workers", default="2",
                        help="worker counts to run on PostgreSQL, e.g. 1,2 (default 2)")
    parser.add_argument("--soak", type=float, default=0.0, metavar="SECONDS",
                        help="instead: 32 candidates for this long on SQLite, RSS sampled")
    parser.add_argument("--soak-concurrency", type=int, default=32)
    parser.add_argument("--backend", choices=["torch", "onnx", "onnx-int8"],
                        help="MOCKINT_BACKEND for the service and for the reference encode")
    args = parser.parse_args(argv)
    args.levels = [int(x) for x in str(args.levels).split(",") if x]
    if args.short:
        args.duration, args.warmup, args.turns = 5.0, 1.0, 10
        args.databases = "sqlite"
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.backend:
        os.environ["MOCKINT_BACKEND"] = args.backend
    before = machine()
    book = answer_book()
    work = Path(tempfile.mkdtemp(prefix="mockint-bench-"))
    result: dict[str, Any] = {"machine": before}
    try:
        if args.soak:
            result["soak"] = run_soak(f"sqlite:///{work / 'soak.db'}", args.sqlite_workers,
                                      args.soak, book, args.soak_concurrency)
        else:
            encoder = Encoder()
            floor = result["model_floor"] = encoder.floor(book)
            _out(f"model alone ({floor['backend']}): {floor['answers_per_s_one_core']:.2f} "
                 f"answers/s on one core, at most {floor['ceiling_answers_per_s']:.2f} on "
                 f"{floor['cores']} ("
                 f"{floor['answers']} answers of {floor['words_per_answer']:g} words, their "
                 f"sentences encoded {floor['answers_per_call']} answers per call)")
            runs = []
            names = [n.strip() for n in args.databases.split(",") if n.strip()]
            if "sqlite" in names:
                runs.append(run_database("sqlite", f"sqlite:///{work / 'bench.db'}",
                                         args.sqlite_workers, args, book, encoder))
            if "postgres" in names:
                for workers in (int(w) for w in str(args.pg_workers).split(",")):
                    with postgres() as url:
                        runs.append(run_database("postgres", url, workers, args, book, encoder))
            result["runs"] = runs
    finally:
        shutil.rmtree(work, ignore_errors=True)
    result["machine"]["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    if args.json:
        _out(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
