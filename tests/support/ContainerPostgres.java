import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import trading.db.DatabaseUrl;

/**
 * PostgreSQL in a container, for machines with a Docker engine. Kept in its own class so
 * that Testcontainers is only loaded where Docker might answer.
 */
final class ContainerPostgres implements AutoCloseable {
    private final PostgreSQLContainer container;

    private ContainerPostgres(PostgreSQLContainer container) {
        this.container = container;
    }

    /** A started container, or null when no Docker engine answers. */
    static ContainerPostgres startIfDockerAnswers() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            return null;
        }
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:18-alpine");
        container.start();
        return new ContainerPostgres(container);
    }

    DatabaseUrl url() {
        DatabaseUrl parsed = DatabaseUrl.parse(container.getJdbcUrl());
        return new DatabaseUrl(parsed.hosts(), parsed.database(), container.getUsername(), container.getPassword(),
                parsed.parameters());
    }

    @Override
    public void close() {
        container.stop();
    }
}
