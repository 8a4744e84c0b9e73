#!/bin/sh
# The interpreter `make` builds .venv with: the newest CPython the locked dependencies support (3.13, then 3.12)
# when this machine has it (on PATH or under pyenv), else python3 if it is 3.11 or newer. Measured in
# BENCHMARKS.md: the same parse takes less CPU on 3.13 than on 3.11.
for v in 3.13 3.12; do
  for p in "$(command -v "python$v" 2>/dev/null)" "$HOME"/.pyenv/versions/"$v"*/bin/"python$v"; do
    if [ -n "$p" ] && [ -x "$p" ] && "$p" -c 'import ssl, sqlite3, venv' >/dev/null 2>&1; then
      echo "$p"; exit 0
    fi
  done
done
if python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo python3; exit 0
fi
echo "EventDesk needs Python 3.11 or newer (python3 is older)" >&2
echo python3
