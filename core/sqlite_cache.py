"""Read-only SQLite cache files (gazetteer, Norsk Ordbank forms): one connection per thread."""
from __future__ import annotations

import sqlite3
import threading
from pathlib import Path


class ReadOnlySQLite:
    def __init__(self, path: Path):
        self.path = path
        self._local = threading.local()

    def con(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._local.con = con
        return con
