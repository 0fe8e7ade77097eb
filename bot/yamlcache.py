"""Parsed YAML kept beside the vector cache, so a restart does not parse an unchanged bank again.

PyYAML builds its Python objects in Python even with libyaml's parser: the bank's 180 files took
about half a second of every start, a tenth of the service's ready time. `marshal` of the same
data loads in a fiftieth of that and, unlike JSON, keeps integer keys (rubric anchors); unlike
pickle it cannot run code. Entries are keyed by a hash of the file's text, so an edited file is
parsed again and nothing can be stale; data marshal cannot hold (dates) is simply never cached.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from pathlib import Path
from typing import Any

from bot.yamlio import load_yaml_text

FILE_NAME = "parsed-yaml.marshal"
FORMAT = 1
"""Bumped when the loader's rules change (`bot/yamlio.py`), which orphans every entry."""


class ParsedYamlCache:
    """`load(path)` is `load_yaml_file(path)`, served from `folder` when the text was seen before.

    Not thread-safe: one bank load uses one cache. `save()` writes the entries used since it was
    opened (which drops those of deleted or edited files) when any was new.
    """

    def __init__(self, folder: Path | None) -> None:
        self._path = folder / FILE_NAME if folder is not None else None
        self._known = self._read()
        self._used: dict[str, Any] = {}
        self._dirty = False

    def load(self, path: Path) -> Any:
        """Raises: OSError when the file cannot be read, yaml.YAMLError when it is not YAML."""
        text = path.read_text(encoding="utf-8")
        key = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if key in self._known:
            data = self._known[key]
        else:
            data = load_yaml_text(text)
            if not _marshallable(data):
                return data
            self._dirty = True
        self._used[key] = data
        return data

    def save(self) -> None:
        """Best effort: a read-only or full disk only costs the next start its parse."""
        if self._path is None or not (self._dirty or self._used.keys() != self._known.keys()):
            return
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self._path.parent, prefix=".parsed-yaml-")
        except OSError:
            return
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(marshal.dumps({"format": FORMAT, "entries": self._used}))
            os.replace(temporary, self._path)  # atomic: a concurrent reader sees old or new
        except OSError:
            Path(temporary).unlink(missing_ok=True)

    def _read(self) -> dict[str, Any]:
        if self._path is None:
            return {}
        try:
            stored = marshal.loads(self._path.read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            return {}
        if not isinstance(stored, dict) or stored.get("format") != FORMAT:
            return {}
        entries = stored.get("entries")
        return entries if isinstance(entries, dict) else {}


def _marshallable(data: Any) -> bool:
    try:
        marshal.dumps(data)
    except ValueError:
        return False
    return True
