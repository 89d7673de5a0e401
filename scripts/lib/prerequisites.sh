# Shared set-up steps of the scripts in this folder. Source it from the repository root.

require_command() {
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "error: '$1' is not installed. $2" >&2
    exit 1
  fi
}

# Azurite, the Azure Storage emulator, at the version pinned in tools/azurite/package-lock.json.
install_azurite() {
  if [ ! -x tools/azurite/node_modules/.bin/azurite ]; then
    echo "Installing Azurite (pinned in tools/azurite)..."
    npm ci --prefix tools/azurite --no-audit --no-fund --loglevel=error
  fi
}

# Debian's chromium and chromium-driver, for the UI test (no browser is ever downloaded by the tests).
install_chromium() {
  if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
    return
  fi
  echo "Installing chromium and chromium-driver from Debian's packages..."
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    require_command sudo "Install the Debian packages chromium and chromium-driver, or run as root"
    sudo="sudo"
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver >/dev/null
}
