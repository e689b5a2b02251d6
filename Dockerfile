# TapeLab container: a static-stdlib release binary on a slim Debian runtime.
#
#   docker build -t tapelab .
#   docker run -p 8080:8080 -e TAPELAB_TOKEN=change-me tapelab
#
# The server listens on 0.0.0.0 here, so it refuses to start without a token.

FROM swift:6.3.1-bookworm AS build
WORKDIR /src
COPY . .
# The same script .ci/run uses, so CI exercises this recipe.
RUN scripts/build-release.sh \
    && install -D -s -m 0755 "$(swift build -c release --static-swift-stdlib --show-bin-path)/tapelab" /out/tapelab \
    && mkdir -p web /out/app/config \
    && cp -R web /out/app/web \
    && cp config/tapelab.json /out/app/config/tapelab.json

FROM debian:bookworm-slim
# A static-stdlib Swift binary needs only glibc, libstdc++ and libgcc.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libstdc++6 libgcc-s1 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --user-group --home-dir /app --shell /usr/sbin/nologin tapelab
COPY --from=build /out/tapelab /usr/local/bin/tapelab
COPY --from=build --chown=root:root /out/app /app
WORKDIR /app
# Every setting can be overridden with TAPELAB_* variables, flags, or a config mounted at /app/config/tapelab.json.
ENV TAPELAB_HOST=0.0.0.0 \
    TAPELAB_PORT=8080 \
    TAPELAB_CONFIG=/app/config/tapelab.json \
    TAPELAB_WEB_ROOT=/app/web
USER tapelab
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 CMD ["tapelab", "healthcheck"]
ENTRYPOINT ["tapelab"]
CMD ["serve"]
