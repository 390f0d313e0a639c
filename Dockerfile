# Hookline in a container: the single jar on a JRE, data in the /data volume.
#   docker build -t hookline .
#   docker run -d -p 8080:8080 -v hookline-data:/data --name hookline hookline
#   docker logs hookline   # the generated API key of the first start is printed once

# Build stage: Maven and JDK 17, the same build as the README's (tests are run by CI, not here).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests -pl dist -am package

# Runtime stage: a JRE only, the jar, a user without a login that owns /data.
FROM eclipse-temurin:17-jre
RUN groupadd --system hookline \
    && useradd --system --gid hookline --home-dir /data --no-create-home --shell /usr/sbin/nologin hookline \
    && mkdir -p /data /opt/hookline \
    && chown hookline:hookline /data
COPY --from=build /src/dist/target/hookline.jar /opt/hookline/hookline.jar
# A class-data archive of the hub's classes, written by one start and stop with this image's JVM:
# the hub then starts in about half the CPU time (README "Performance", "Start-up").
RUN export HOOKLINE_DATA_DIR=/tmp/cds-training HOOKLINE_PORT=8079; \
    java -XX:ArchiveClassesAtExit=/opt/hookline/hookline.jsa -jar /opt/hookline/hookline.jar > /tmp/cds-training.log 2>&1 & pid=$!; \
    for i in $(seq 1 120); do java -jar /opt/hookline/hookline.jar healthcheck && break; sleep 1; done; \
    kill -TERM $pid; wait $pid; rm -rf /tmp/cds-training /tmp/cds-training.log; test -f /opt/hookline/hookline.jsa
ENV HOOKLINE_DATA_DIR=/data \
    HOOKLINE_PORT=8080
VOLUME ["/data"]
EXPOSE 8080
USER hookline
WORKDIR /data
# The JVM itself asks /health (no curl or wget needed in the image): exit 0 on 200.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["java", "-jar", "/opt/hookline/hookline.jar", "healthcheck"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/opt/hookline/hookline.jsa", "-jar", "/opt/hookline/hookline.jar"]
