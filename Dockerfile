# syntax=docker/dockerfile:1
# The orchestrator-service image: built from this source tree with the Maven wrapper on a JDK 21,
# run on a JRE 21 as a non-root user. `docker build -t stepflow .` (docker-compose.yml builds it
# too). See README.md, "Deploy", for the settings a container needs.

FROM eclipse-temurin:21-jdk AS build
# The wrapper fetches Maven with curl (or wget) and unpacks it with unzip (or tar).
RUN apt-get update && apt-get install -y --no-install-recommends curl unzip \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
# The Maven repository is a build cache, so that a change to the sources does not download every
# dependency again. Tests and the formatting check belong to CI (./mvnw verify), not to the image.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -ntp -pl orchestrator-service -am package -DskipTests -Dspotless.check.skip=true \
    && cp orchestrator-service/target/orchestrator-service-*.jar /stepflow.jar

FROM eclipse-temurin:21-jre
# curl for the health check.
RUN apt-get update && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 stepflow \
    && useradd --system --uid 10001 --gid stepflow --home-dir /var/lib/stepflow --no-create-home stepflow \
    && mkdir -p /var/lib/stepflow && chown stepflow:stepflow /var/lib/stepflow
COPY --from=build /stepflow.jar /opt/stepflow/stepflow.jar
USER 10001:10001
WORKDIR /var/lib/stepflow
# The embedded database lives here when spring.datasource.url is unset; with PostgreSQL the folder
# stays (nearly) empty.
ENV STEPFLOW_DATA_DIR=/var/lib/stepflow \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
VOLUME /var/lib/stepflow
EXPOSE 8080
# Without credentials (STEPFLOW_AWS_ACCESS_KEY_ID/SECRET_ACCESS_KEY) the service listens on the
# container's loopback only; the check asks from inside, so it holds either way.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8080/actuator/health/readiness >/dev/null || exit 1
ENTRYPOINT ["java", "-jar", "/opt/stepflow/stepflow.jar"]
