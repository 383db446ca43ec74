package regnet;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

/**
 * Starts an embedded Neo4j Community database with its Bolt connector on
 * 127.0.0.1, for tests and local use. Authentication is OFF: anyone who can
 * reach the loopback port can read and write the database.
 *
 * <pre>
 *   java -cp 'target/classes:target/lib/*' regnet.Neo4jLauncher DATA_DIR PORT
 * </pre>
 *
 * DATA_DIR is the Neo4j home (databases, transaction logs and Neo4j's own
 * logs/debug.log go below it); PORT 0 picks a free port. When the database is
 * available and the Bolt port answers, one line
 * {@code ready bolt://127.0.0.1:PORT} is written to stdout. SIGTERM (or
 * SIGINT) shuts the database down cleanly.
 */
public final class Neo4jLauncher {
    private static final String HOST = "127.0.0.1";
    private static final long AVAILABLE_TIMEOUT_MS = TimeUnit.MINUTES.toMillis(3);

    private Neo4jLauncher() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: Neo4jLauncher DATA_DIR PORT   (PORT 0 = any free port)");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port;
        try {
            port = Integer.parseInt(args[1]);
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            System.err.println("Neo4jLauncher: bad port: " + args[1]);
            System.exit(2);
        }
        if (port == 0) {
            port = freePort();
        }
        Files.createDirectories(home);

        long t0 = System.nanoTime();
        log("starting Neo4j in " + home + " with Bolt on " + HOST + ":" + port);

        SocketAddress bolt = new SocketAddress(HOST, port);
        DatabaseManagementService managementService;
        try {
            managementService = new DatabaseManagementServiceBuilder(home)
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, bolt)
                    .setConfig(BoltConnector.advertised_address, bolt)
                    .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(HttpsConnector.enabled, false)
                    .setConfig(GraphDatabaseSettings.auth_enabled, false)
                    .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(128))
                    // A fresh, throwaway store per start: keep its disk use small.
                    .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                    .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(16))
                    // No usage reports to neo4j.com (the pom also leaves neo4j-udc out).
                    .setConfig(GraphDatabaseSettings.udc_enabled, false)
                    // Bolt's netty event loops otherwise wait 2 x 5 s on shutdown.
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(2))
                    .build();
        } catch (RuntimeException e) {
            log("FAILED to start Neo4j: " + e);
            e.printStackTrace();
            System.exit(1);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log("shutting down");
            try {
                managementService.shutdown();
                log("stopped");
            } catch (Throwable t) {
                log("error during shutdown: " + t);
            } finally {
                stopped.countDown();
            }
        }, "neo4j-launcher-shutdown"));

        GraphDatabaseService db = managementService.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        if (!db.isAvailable(AVAILABLE_TIMEOUT_MS)) {
            log("FAILED: database '" + db.databaseName() + "' not available after "
                    + AVAILABLE_TIMEOUT_MS / 1000 + " s");
            System.exit(1);
        }
        if (!boltAnswers(port, AVAILABLE_TIMEOUT_MS)) {
            log("FAILED: Bolt port " + HOST + ":" + port + " does not answer");
            System.exit(1);
        }

        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        log("database '" + db.databaseName() + "' available after " + ms + " ms");
        // The line scripts/neo4j waits for: keep its form.
        System.out.println("ready bolt://" + HOST + ":" + port);
        System.out.flush();

        // Stay up until a signal runs the shutdown hook (which then lets the JVM exit).
        stopped.await();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        }
    }

    private static boolean boltAnswers(int port, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(HOST, port), 1000);
                return true;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        return false;
    }

    private static void log(String msg) {
        System.err.println("[neo4j-launcher] " + msg);
        System.err.flush();
    }
}
