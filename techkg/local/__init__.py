"""The local engine: the ArcadeDB server of the arcadedb-embedded wheel, run on 127.0.0.1 from
the techkg home, with its process, ports, read-only account, home folder and locks.

This is the package's entry module: the CLI and the rest of techkg import from here.
"""

from techkg.local.engine import DATABASE, READER, USER, EngineInfo, LocalEngine
from techkg.local.locks import writer_lock

__all__ = ["DATABASE", "READER", "USER", "EngineInfo", "LocalEngine", "writer_lock"]
