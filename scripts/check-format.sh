#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Fails if any tracked C++ source (git ls-files '*.cpp' '*.h') differs from what clang-format
# makes of it under .clang-format, and lists those files. The CTest entry format_check (label
# style) runs it. A missing clang-format or git is a failure, never a skip.
# Usage: scripts/check-format.sh        (CLANG_FORMAT=/path/to/clang-format to pick another one)
set -euo pipefail
cd "$(dirname "$0")/.."

clang_format="${CLANG_FORMAT:-clang-format}"
if ! command -v "$clang_format" >/dev/null 2>&1; then
  echo "error: $clang_format not found, so the format check cannot run." >&2
  echo "Install it with scripts/deps.sh (Debian/Ubuntu: apt-get install clang-format), or point" >&2
  echo "CLANG_FORMAT at a clang-format binary, and run the check again." >&2
  exit 1
fi
if ! command -v git >/dev/null 2>&1 || ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  echo "error: the format check lists the tracked sources with git: run it in a git checkout with git installed." >&2
  exit 1
fi

mapfile -t files < <(git ls-files '*.cpp' '*.h')
if [ ${#files[@]} -eq 0 ]; then
  echo "error: git ls-files found no C++ sources: nothing was checked." >&2
  exit 1
fi

# One clang-format run over all files: its exit status decides; its diagnostics name the files.
status=0
out="$("$clang_format" --dry-run -Werror --ferror-limit=0 "${files[@]}" 2>&1)" || status=$?
mapfile -t differ < <(printf '%s\n' "$out" | sed -nE 's/^(.*):[0-9]+:[0-9]+: (error|warning): .*/\1/p' |
  LC_ALL=C sort -u | LC_ALL=C comm -12 - <(printf '%s\n' "${files[@]}" | LC_ALL=C sort -u))
version="$("$clang_format" --version)"
if [ "$status" -ne 0 ] && [ ${#differ[@]} -eq 0 ]; then
  printf '%s\n' "$out" | head -n 40 >&2
  echo "error: $clang_format failed ($version, exit status $status) without naming a file; see above." >&2
  exit 1
fi
if [ ${#differ[@]} -gt 0 ]; then
  echo "${#differ[@]} of ${#files[@]} tracked C++ files differ from .clang-format ($version):"
  printf '  %s\n' "${differ[@]}"
  echo "Fix with: clang-format -i <file>...   (see the differences with: clang-format --dry-run <file>)"
  exit 1
fi
echo "All ${#files[@]} tracked C++ files match .clang-format ($version)."
