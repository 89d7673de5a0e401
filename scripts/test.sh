#!/usr/bin/env bash
# Runs every test of the project on a fresh machine (Java 17, Maven, Node 20 + npm).
# Installs what the tests need by itself: Azurite (pinned in tools/azurite) and, for the UI test,
# Debian's chromium + chromium-driver. Extra Maven arguments are passed through.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/prerequisites.sh

require_command java "Install a Java 17 JDK"
require_command mvn "Install Apache Maven 3.8+"
require_command npm "Install Node.js 20+ with npm"
install_azurite
install_chromium

started=$(date +%s)
mvn -B -ntp verify "$@"
echo "All tests passed in $(( $(date +%s) - started )) s"
