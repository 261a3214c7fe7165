# Sluice container image: a Debian 12 build stage that compiles and installs
# Sluice under /opt/sluice, and a slim Debian 12 runtime stage with only the
# shared libraries it needs, running as an unprivileged user.
#
#   docker build -t sluice .
#   docker run --rm -e SQS_QUEUE_URL=... -e PG_DSN=... -e SLUICE_MASK_KEY=... -p 9090:9090 sluice
#
# The default command runs pipelines/user_logins.yaml with JSON logs and
# metrics on :9090. Give `docker stop` time to settle in-flight work
# (docker stop -t 90; docker-compose.yml sets stop_grace_period).
ARG DEBIAN_IMAGE=debian:12-slim

FROM ${DEBIAN_IMAGE} AS build
COPY scripts/docker/install-packages.sh scripts/docker/build-packages.txt /tmp/docker/
RUN sh /tmp/docker/install-packages.sh /tmp/docker/build-packages.txt
WORKDIR /src
COPY . .
RUN sh scripts/docker/build.sh /src /tmp/build /opt/sluice

FROM ${DEBIAN_IMAGE} AS runtime
COPY scripts/docker/install-packages.sh scripts/docker/runtime-packages.txt /tmp/docker/
RUN sh /tmp/docker/install-packages.sh /tmp/docker/runtime-packages.txt && rm -rf /tmp/docker
# A fixed numeric id, so that Kubernetes' runAsNonRoot can verify it.
RUN useradd --system --uid 10001 --user-group --home-dir /nonexistent --no-create-home \
      --shell /usr/sbin/nologin sluice

COPY --from=build /opt/sluice/bin/ /opt/sluice/bin/
COPY --from=build /opt/sluice/lib/sluice/ /opt/sluice/lib/sluice/
COPY pipelines/ /opt/sluice/pipelines/
COPY scripts/docker/healthcheck.sh /opt/sluice/libexec/healthcheck.sh

ENV PATH=/opt/sluice/bin:$PATH \
    SLUICE_METRICS_PORT=9090
USER 10001:10001
WORKDIR /opt/sluice
EXPOSE 9090
# sluice settles in-flight work on SIGTERM and exits 0.
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["sh", "/opt/sluice/libexec/healthcheck.sh"]
ENTRYPOINT ["/opt/sluice/bin/sluice"]
CMD ["run", "/opt/sluice/pipelines/user_logins.yaml", "--metrics-addr", "0.0.0.0:9090", "--log-format", "json"]
