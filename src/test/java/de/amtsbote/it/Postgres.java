package de.amtsbote.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server for integration tests (zonky's embedded binaries from Maven Central, so neither Docker
 * nor an installed server is needed, and it runs as root as CI does). One server per test JVM, started on first
 * use and stopped at exit; every test gets a database and owner of its own, so no two share state.
 */
public final class Postgres {

    /**
     * Where a hub finds its database. The owner is not a superuser, as in production; the server trusts local
     * connections, so the password is passed but not checked.
     */
    public record Database(String jdbcUrl, String user, String password) {

        /** The hub's command-line properties for this database. */
        public Map<String, String> hubProperties() {
            return Map.of("spring.datasource.url", jdbcUrl, "spring.datasource.username", user,
                    "spring.datasource.password", password);
        }

        /** A submission's status as the hub recorded it, read straight from the database; null if there is none. */
        public String submissionStatus(String trackingId) throws SQLException {
            try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
                 PreparedStatement query = connection.prepareStatement("select status from submission where tracking_id = ?")) {
                query.setString(1, trackingId);
                try (ResultSet row = query.executeQuery()) {
                    return row.next() ? row.getString(1) : null;
                }
            }
        }
    }

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private Postgres() {
    }

    /** Creates an empty database owned by a new login role. */
    public static Database newDatabase() {
        String name = "it" + DATABASES.incrementAndGet();
        String password = "pw-" + name;
        try (Connection admin = Server.INSTANCE.getPostgresDatabase().getConnection();
             Statement sql = admin.createStatement()) {
            sql.execute("create role " + name + " login password '" + password + "'");
            sql.execute("create database " + name + " owner " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return new Database("jdbc:postgresql://127.0.0.1:" + Server.INSTANCE.getPort() + "/" + name, name, password);
    }

    /** Lazy holder: the server starts when the first test asks for a database. */
    private static final class Server {

        static final EmbeddedPostgres INSTANCE = start();

        private static EmbeddedPostgres start() {
            long started = System.nanoTime();
            try {
                File log = Files.createDirectories(Path.of("target", "it")).resolve("postgres.log").toFile();
                EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                        // zonky turns it off for speed; a commit the hub relies on must be on disk, as in production
                        .setServerConfig("synchronous_commit", "on")
                        .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log))
                        .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log))
                        .start();
                System.out.printf("PostgreSQL on port %d ready in %d ms%n", postgres.getPort(),
                        (System.nanoTime() - started) / 1_000_000);
                return postgres;
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
        }
    }
}
