package org.stdkg.neo4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * Runs an embedded Neo4j Community DBMS with Bolt on a loopback port until SIGTERM.
 *
 * Usage: java -jar stdkg-neo4j.jar DATA_DIR [PORT] [HOST]
 * When DATA_DIR holds stdkg-schema.cypher (left by a bulk import), its statements run, one per
 * line, before the server reports ready, the indexes come online, and the file is removed.
 * Authentication is disabled: this server is for tests on loopback only. The page cache
 * is NEO4J_PAGECACHE_MB mebibytes (default 512), not Neo4j's share of the machine's memory.
 */
public final class Main {
    private Main() {}

    static final String PENDING_SCHEMA = "stdkg-schema.cypher";

    public static void main(String[] args) throws InterruptedException, IOException {
        if (args.length < 1) {
            System.err.println("usage: Main DATA_DIR [PORT] [HOST]");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 7687;
        String host = args.length > 2 ? args[2] : "127.0.0.1";
        String pagecache = System.getenv().getOrDefault("NEO4J_PAGECACHE_MB", "512");

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(host, port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, Long.parseLong(pagecache) * 1024 * 1024)
                .setConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(5))
                // A test server: do not wait out Bolt's graceful quiet periods (about 10 s) on shutdown.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(2))
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dbms.shutdown();
            System.out.println("stdkg-neo4j stopped");
            System.out.flush();
            stopped.countDown();
        }, "stdkg-neo4j-shutdown"));

        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        applyPendingSchema(db, home.resolve(PENDING_SCHEMA));
        System.out.println("stdkg-neo4j ready bolt://" + host + ":" + port);
        System.out.flush();
        stopped.await();
    }

    private static void applyPendingSchema(GraphDatabaseService db, Path pending) throws IOException {
        if (!Files.exists(pending)) {
            return;
        }
        int applied = 0;
        for (String statement : Files.readAllLines(pending, StandardCharsets.UTF_8)) {
            if (!statement.isBlank()) {
                db.executeTransactionally(statement);
                applied++;
            }
        }
        db.executeTransactionally("CALL db.awaitIndexes(600)");
        Files.delete(pending);
        System.out.println("stdkg-neo4j schema statements applied: " + applied);
    }
}
