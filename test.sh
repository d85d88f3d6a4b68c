#!/usr/bin/env bash
# Runs every test: unit, integration (real SQLite, the sandbox servers), kubectl fidelity, and Chromium end to end.
# Installs Debian's Chromium first when it is missing (Playwright cannot download a browser here).
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Chromium for the browser tests…"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq chromium >/dev/null
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log=$(mktemp)
trap 'rm -f "$log"' EXIT

status=0
# -m:1 runs the test assemblies one after another: on a 2-core machine five test hosts at once (each with its own
# portal, sandbox cluster or browser) starve each other, and waits that are generous alone stop being so.
dotnet test Portal.sln --nologo -m:1 "$@" 2>&1 | tee "$log" || status=$?

# One closing line for the whole run, summed over the test assemblies.
awk '/^(Passed|Failed)!/ {
       for (i = 1; i <= NF; i++) {
         if ($i == "Failed:")  { f += $(i+1) }
         if ($i == "Passed:")  { p += $(i+1) }
         if ($i == "Skipped:") { s += $(i+1) }
       }
     }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
