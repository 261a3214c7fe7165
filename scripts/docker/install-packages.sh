#!/bin/sh
# Installs the Debian packages a list file names (one or more a line, `#`
# starts a comment), without recommended extras, and leaves no apt lists
# behind, so that the image layer holds only what was asked for.
#
#   install-packages.sh LIST_FILE
set -eu

if [ "$#" -ne 1 ] || [ ! -r "$1" ]; then
  echo "usage: $0 LIST_FILE (a readable file of Debian package names)" >&2
  exit 2
fi

packages=$(sed -e 's/#.*//' "$1")
if [ -z "$(printf '%s' "$packages" | tr -d ' \n\t')" ]; then
  echo "$0: $1 names no package" >&2
  exit 2
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update
# The list is split into words on purpose; no name holds a glob character.
set -f
# shellcheck disable=SC2086
apt-get install -y --no-install-recommends $packages
set +f
apt-get clean
rm -rf /var/lib/apt/lists/*
