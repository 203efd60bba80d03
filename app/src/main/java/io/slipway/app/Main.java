package io.slipway.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code slipway}: the command line. Every option can also be set by its {@code SLIPWAY_*} variable. */
@Command(name = "slipway", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "A local AWS deployment control plane: CodeDeploy, CodePipeline and CloudFormation that run.",
        subcommands = {Main.Server.class, CommandLine.HelpCommand.class},
        footer = {"", "Settings of 'slipway server' (option, environment variable, default):",
            "  --host               SLIPWAY_HOST               127.0.0.1",
            "  --port               SLIPWAY_PORT               4599",
            "  --data-dir           SLIPWAY_DATA_DIR           .slipway-data",
            "  --ephemeral          SLIPWAY_EPHEMERAL          false (keep nothing on disk)",
            "  --time-scale         SLIPWAY_TIME_SCALE         1 (clock runs N times faster)",
            "  --database-url       SLIPWAY_DATABASE_URL       none (shared PostgreSQL store)",
            "  --database-user      SLIPWAY_DATABASE_USER      none",
            "  --database-password  SLIPWAY_DATABASE_PASSWORD  none",
            "  --max-body-bytes     SLIPWAY_MAX_BODY_BYTES     16777216",
            "  --[no-]access-log    SLIPWAY_ACCESS_LOG         true",
            "  --account KEY=ACCT   SLIPWAY_ACCOUNTS           none",
            "See 'slipway server --help' for details."})
public final class Main {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Command(name = "server", mixinStandardHelpOptions = true,
            description = "Serve the AWS APIs on one port until stopped.")
    static final class Server implements Callable<Integer> {
        @Option(names = "--host", defaultValue = "${env:SLIPWAY_HOST:-127.0.0.1}",
                description = "Address to listen on (SLIPWAY_HOST, default ${DEFAULT-VALUE}).")
        String host;

        @Option(names = "--port", defaultValue = "${env:SLIPWAY_PORT:-4599}",
                description = "Port to listen on, 0 for any free one (SLIPWAY_PORT, default ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--data-dir", defaultValue = "${env:SLIPWAY_DATA_DIR:-.slipway-data}",
                description = "Where the embedded store keeps its files (SLIPWAY_DATA_DIR, default ${DEFAULT-VALUE}).")
        Path dataDir;

        @Option(names = "--ephemeral", defaultValue = "${env:SLIPWAY_EPHEMERAL:-false}",
                description = "Keep everything in memory only (SLIPWAY_EPHEMERAL).")
        boolean ephemeral;

        @Option(names = "--time-scale", defaultValue = "${env:SLIPWAY_TIME_SCALE:-1}",
                description = "Run Slipway's clock N times faster: waits, timeouts and intervals shrink (SLIPWAY_TIME_SCALE, default ${DEFAULT-VALUE}).")
        double timeScale;

        @Option(names = "--database-url", defaultValue = "${env:SLIPWAY_DATABASE_URL}",
                description = "PostgreSQL JDBC URL for a shared store, e.g. jdbc:postgresql://127.0.0.1:5432/slipway (SLIPWAY_DATABASE_URL).")
        String databaseUrl;

        @Option(names = "--database-user", defaultValue = "${env:SLIPWAY_DATABASE_USER}",
                description = "PostgreSQL user (SLIPWAY_DATABASE_USER).")
        String databaseUser;

        @Option(names = "--database-password", defaultValue = "${env:SLIPWAY_DATABASE_PASSWORD}",
                description = "PostgreSQL password (SLIPWAY_DATABASE_PASSWORD).")
        String databasePassword;

        @Option(names = "--max-body-bytes", defaultValue = "${env:SLIPWAY_MAX_BODY_BYTES:-16777216}",
                description = "Largest request body accepted (SLIPWAY_MAX_BODY_BYTES, default ${DEFAULT-VALUE}).")
        long maxBodyBytes;

        @Option(names = "--access-log", negatable = true, defaultValue = "${env:SLIPWAY_ACCESS_LOG:-true}",
                description = "Print one line per request (SLIPWAY_ACCESS_LOG, default ${DEFAULT-VALUE}).")
        boolean accessLog;

        @Option(names = "--account", defaultValue = "${env:SLIPWAY_ACCOUNTS}", split = ",",
                description = "ACCESS_KEY_ID=ACCOUNT_ID mappings, comma separated (SLIPWAY_ACCOUNTS). "
                        + "A 12-digit key id is its own account; other keys use 000000000000.")
        Map<String, String> accounts = new LinkedHashMap<>();

        @Override
        public Integer call() throws InterruptedException {
            if (timeScale <= 0) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--time-scale must be positive");
            }
            SlipwayConfig config = new SlipwayConfig(host, port, ephemeral ? Optional.empty() : Optional.of(dataDir),
                    ephemeral, timeScale, Optional.ofNullable(databaseUrl), Optional.ofNullable(databaseUser),
                    Optional.ofNullable(databasePassword), maxBodyBytes, accessLog,
                    accounts == null ? Map.of() : accounts);
            Slipway slipway = Slipway.start(config);
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                slipway.close();
                stopped.countDown();
            }));
            System.out.println("Slipway " + Version.get() + " listening on http://" + host + ":" + slipway.port()
                    + " (store: " + (databaseUrl != null ? "postgresql" : ephemeral ? "memory" : dataDir) + ")");
            System.out.flush();
            stopped.await();
            return 0;
        }
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"slipway " + Version.get()};
        }
    }
}
