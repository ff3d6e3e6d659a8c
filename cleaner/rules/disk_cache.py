"""What is derived from the built-in rule packs, kept on disk between runs.

Parsing the packs and reading every pattern's structure (`literals`) took ~1 s of every start, in
every worker process, for the same answer each time. The answer is kept in the user's cache folder,
under a key made of the packs' bytes and the code that derives it: a changed pack, a new version of
the code or another Python reads a different key and is rebuilt, never served a stale answer. The
data is plain values (`marshal`: no code runs when it is read). Any failure to read or write the
cache (no home folder, a read-only disk, a damaged file) silently means no cache. The packs' language
tables, read when the engine's modules are imported, have an entry of their own: a few kilobytes, where
the rules' entry takes ~30 ms to read.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

ENV_VAR = "CLEANER_CACHE_DIR"  # where the cache lives; set to an empty value for no cache
FILE_NAME = "rules.marshal"  # one entry a file name: a new key replaces the last one
T = TypeVar("T")


def folder() -> Path | None:
    """The cache folder: $CLEANER_CACHE_DIR, else $XDG_CACHE_HOME/cleaner, else ~/.cache/cleaner; None
    when CLEANER_CACHE_DIR is set empty or no home folder is known."""
    chosen = os.environ.get(ENV_VAR)
    if chosen is not None:
        return Path(chosen) if chosen else None
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):  # the XDG spec: a relative path is to be ignored
        return Path(xdg) / "cleaner"
    try:
        return Path.home() / ".cache" / "cleaner"
    except RuntimeError:  # no home folder known
        return None


def key(parts: list[bytes]) -> bytes:
    """A digest of everything the cached value is derived from (and of the Python that reads it)."""
    digest = hashlib.sha256(sys.version.encode())
    for part in parts:
        digest.update(len(part).to_bytes(8, "little"))  # lengths first: parts cannot run into each other
        digest.update(part)
    return digest.digest()


def load(wanted: bytes, name: str = FILE_NAME) -> Any | None:
    """The value stored under `wanted`, or None (no cache, another key, an unreadable file)."""
    where = folder()
    if where is None:
        return None
    try:
        stored_key, value = marshal.loads((where / name).read_bytes())
    except (OSError, EOFError, ValueError, TypeError):  # missing, unreadable, truncated or not ours
        return None
    return value if stored_key == wanted else None


def store(wanted: bytes, value: Any, name: str = FILE_NAME) -> None:
    """Keep `value` under `wanted`, written whole or not at all (a temporary file renamed over the entry)."""
    where = folder()
    if where is None:
        return
    tmp: str | None = None
    try:
        where.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=where, prefix=f".{name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as file:
            file.write(marshal.dumps((wanted, value)))
        os.replace(tmp, where / name)
        tmp = None
    except OSError:  # an unwritable folder, a full disk
        pass
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def cached(parts: list[bytes], derive: Callable[[], T], to_plain: Callable[[T], Any], from_plain: Callable[[Any], T],
           name: str = FILE_NAME) -> T:
    """`derive()`, served from the entry `name` when it was stored under the key of `parts` (what the value
    is derived from), else derived and stored there as `to_plain` makes it."""
    wanted = key(parts)
    plain = load(wanted, name)
    if plain is not None:
        try:
            return from_plain(plain)
        except (ValueError, TypeError, KeyError, AttributeError):  # an entry not of this shape: derived anew below
            pass
    value = derive()
    store(wanted, to_plain(value), name)
    return value
