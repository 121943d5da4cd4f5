#!/bin/sh
# Installs the Debian packages xapnews needs to build and test.
# Idempotent: packages already present are left alone, and nothing is
# downloaded when everything is installed. Needs root (or sudo).
set -eu

packages="build-essential autoconf automake libtool pkg-config
libxapian-dev xapian-tools libstemmer-dev libjansson-dev libutf8proc-dev
check snowball-data help2man python3 python3-xapian xapian-omega
wamerican wbritish"

missing=""
for p in $packages; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done

if [ -z "$missing" ]; then
    echo "install-deps: all build and test dependencies are present"
    exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo=sudo; else
        echo "install-deps: missing packages:$missing" >&2
        echo "install-deps: run this script as root (or install sudo)" >&2
        exit 1
    fi
fi

echo "install-deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
echo "install-deps: done"
