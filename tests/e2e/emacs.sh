#!/usr/bin/env bash
# Headless Emacs + eglot end-to-end test of the language server, with the README's Emacs (eglot)
# configuration as it stands. Installs Debian's emacs-nox and elpa-eglot with apt-get when they
# are missing (as root, or through sudo). Usage: tests/e2e/emacs.sh [path/to/corroborate]
# Without a path it builds the debug binary and takes it from cargo's target directory
# (`cargo metadata`, which honours CARGO_TARGET_DIR and .cargo/config), as nvim.sh does.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
if [ $# -ge 1 ]; then
  bin="$1"
else
  target="$(cd "$repo" && cargo metadata --format-version 1 --no-deps \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')"
  (cd "$repo" && cargo build --quiet)
  bin="$target/debug/corroborate"
fi
if [ ! -x "$bin" ]; then
  echo "no corroborate binary at $bin" >&2
  exit 1
fi

packages=(emacs-nox elpa-eglot)
installed() {
  [ "$(dpkg-query -W -f='${db:Status-Status} ' "${packages[@]}" 2>/dev/null)" = "installed installed " ]
}
if ! installed; then
  if ! command -v apt-get >/dev/null; then
    echo "emacs e2e: ${packages[*]} are not installed and there is no apt-get to install them" >&2
    exit 1
  fi
  sudo=()
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null; then sudo=(sudo -n); else
      echo "emacs e2e: installing ${packages[*]} needs root (or sudo)" >&2
      exit 1
    fi
  fi
  echo "== apt-get install ${packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Package lists may be missing (a fresh container) or stale: update once and retry.
  if ! "${sudo[@]}" apt-get install -y -q --no-install-recommends "${packages[@]}" >/dev/null; then
    "${sudo[@]}" apt-get update -q >/dev/null
    "${sudo[@]}" apt-get install -y -q --no-install-recommends "${packages[@]}" >/dev/null
  fi
  installed || { echo "emacs e2e: apt-get did not install ${packages[*]}" >&2; exit 1; }
fi
emacs --version | head -1

# A workspace with a corpus, like a writer's: seeds/ and a draft, as in nvim.sh.
ws="$(mktemp -d)"
trap 'rm -rf "$ws"' EXIT
cp -r "$repo/seeds" "$ws/seeds"
cp "$repo/tests/data/drafts/telepon.md" "$ws/draft.md"
mkdir -p "$ws/bin" "$ws/home"
ln -s "$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")" "$ws/bin/corroborate"

cd "$ws"
# The binary on PATH, no user init file (--batch), a throwaway HOME; Debian's site-start puts
# elpa-eglot on the load-path. The driver checks, logs and exits 1 on a failure; the timeout is
# for a hang.
status=0
HOME="$ws/home" PATH="$ws/bin:$PATH" E2E_DRAFT="$ws/draft.md" E2E_README="$repo/README.md" \
  timeout 180 emacs --batch -l "$repo/tests/e2e/emacs_test.el" < /dev/null || status=$?
if [ "$status" = 124 ]; then
  echo "emacs e2e: FAILED: no result within 180 s (timeout)" >&2
fi
exit "$status"
