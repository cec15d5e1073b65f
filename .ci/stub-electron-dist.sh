#!/bin/sh
# .ci/stub-electron-dist.sh DIR: a fake unpacked Electron, enough for electron-builder's
# pipeline (file globs, asar, dependency collection) offline. Not runnable; never ship it.
set -eu
[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
mkdir -p "$1/resources" "$1/locales" && : > "$1/locales/en-US.pak"
printf '#!/bin/sh\necho "stub electron: not runnable" >&2; exit 1\n' > "$1/electron" && chmod +x "$1/electron"
