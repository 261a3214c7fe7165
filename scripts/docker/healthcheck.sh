#!/bin/sh
# The image's HEALTHCHECK: healthy while sluice's /health answers 200.
# sluice serves it on the port of --metrics-addr; SLUICE_METRICS_PORT must
# match when the command line moves it off 9090.
set -eu
exec curl --fail --silent --show-error --max-time 3 --output /dev/null \
  "http://127.0.0.1:${SLUICE_METRICS_PORT:-9090}/health"
