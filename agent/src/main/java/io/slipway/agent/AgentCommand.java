package io.slipway.agent;

import io.slipway.agent.client.Credentials;
import io.slipway.agent.client.TrustedCertificates;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/** {@code slipway agent}: plays the CodeDeploy agent on this host (or on N simulated ones) until stopped. */
public final class AgentCommand {
    static final String USAGE = """
            Usage: slipway agent --endpoint URL --host-identifier ID --root DIR [--region R] [--ca-bundle PEM]
                                 [--simulate N] [--once]

            Plays the AWS CodeDeploy agent: polls Slipway's command service for this host's commands and runs
            them (DownloadBundle from Slipway's S3, Install, and the AppSpec file's hook scripts).

              --endpoint URL          Slipway's URL, e.g. http://127.0.0.1:4599 (SLIPWAY_AGENT_ENDPOINT)
              --host-identifier ID    the host's identifier, e.g. its on-premises instance ARN
                                      (SLIPWAY_AGENT_HOST_IDENTIFIER)
              --root DIR              all the agent writes goes below DIR: the AppSpec file's /var/www is
                                      DIR/var/www (SLIPWAY_AGENT_ROOT)
              --region R              the region requests are signed for (AWS_REGION; us-east-1)
              --ca-bundle PEM         for an https endpoint, trust only the certificates in PEM, e.g. the
                                      one Slipway's --tls prints (AWS_CA_BUNDLE; else the JDK's own)
              --simulate N            run N hosts in one process: ID-1..ID-N, rooted at DIR/ID-1..DIR/ID-N
              --once                  poll once (a long poll), run the command it brings, and exit

            Requests are signed with AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for
            session credentials; default test/test). When Slipway verifies signatures (--verify-signatures),
            give the agent the keys of the IAM user the instance was registered with (--iam-user-arn; make
            them with aws iam create-access-key) and that user's ARN as --host-identifier, or the session
            credentials of its --iam-session-arn; keys Slipway refuses are logged, retried every 30 s, and end
            --once with exit code 1.
            """;

    private AgentCommand() {
    }

    /** The parsed command line. */
    record Options(AgentSettings settings, int simulate, boolean once) {
    }

    /** A command line that cannot be understood; the message says why. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    /** Runs the command; the exit code is 0, 1 when --once is refused for its credentials, or 2 for a bad command line. */
    public static int run(List<String> args) throws InterruptedException {
        if (args.contains("--help") || args.contains("-h")) {
            System.out.print(USAGE);
            return 0;
        }
        Options options;
        try {
            options = parse(args, System.getenv());
        } catch (UsageException e) {
            System.err.println("slipway agent: " + e.getMessage() + "\nSee 'slipway agent --help'.");
            return 2;
        }
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT %4$s %5$s%6$s%n");
        }
        if (options.once()) {
            if (options.simulate() > 0) {
                try (AgentFleet fleet = AgentFleet.create(options.settings(), options.simulate())) {
                    fleet.pollOnce();
                }
            } else {
                try (HostAgent agent = new HostAgent(options.settings())) {
                    agent.pollOnce();
                } catch (CredentialsRefusedException e) {
                    return 1; // the agent's log said why
                }
            }
            return 0;
        }
        AutoCloseable running = options.simulate() > 0
                ? AgentFleet.start(options.settings(), options.simulate())
                : new HostAgent(options.settings()).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                running.close();
            } catch (Exception e) {
                System.err.println("slipway agent: " + e.getMessage());
            }
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    static Options parse(List<String> args, Map<String, String> env) throws UsageException {
        String endpoint = env.get("SLIPWAY_AGENT_ENDPOINT");
        String hostIdentifier = env.get("SLIPWAY_AGENT_HOST_IDENTIFIER");
        String root = env.get("SLIPWAY_AGENT_ROOT");
        String region = env.getOrDefault("AWS_REGION", AgentSettings.DEFAULT_REGION);
        String caBundle = env.get("AWS_CA_BUNDLE");
        int simulate = 0;
        boolean once = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            if (arg.equals("--once")) {
                once = true;
                continue;
            }
            if (!List.of("--endpoint", "--host-identifier", "--root", "--region", "--ca-bundle", "--simulate").contains(arg)) {
                throw new UsageException("unknown option '" + args.get(i) + "'");
            }
            if (value == null) {
                if (i + 1 >= args.size()) {
                    throw new UsageException("missing value for " + arg);
                }
                value = args.get(++i);
            }
            switch (arg) {
                case "--endpoint" -> endpoint = value;
                case "--host-identifier" -> hostIdentifier = value;
                case "--root" -> root = value;
                case "--region" -> region = value;
                case "--ca-bundle" -> caBundle = value;
                default -> simulate = hosts(value);
            }
        }
        if (blank(endpoint) || blank(hostIdentifier) || blank(root)) {
            throw new UsageException("--endpoint, --host-identifier and --root are required (or SLIPWAY_AGENT_ENDPOINT, "
                    + "SLIPWAY_AGENT_HOST_IDENTIFIER and SLIPWAY_AGENT_ROOT)");
        }
        try {
            AgentSettings settings = AgentSettings.of(new URI(endpoint), hostIdentifier, Path.of(root))
                    .withRegion(region).withCredentials(Credentials.fromEnvironment(env))
                    .withCaBundle(blank(caBundle) ? Optional.empty() : Optional.of(Path.of(caBundle)));
            settings.caBundle().ifPresent(TrustedCertificates::from); // an unreadable bundle is a usage error, now
            return new Options(settings, simulate, once);
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static int hosts(String value) throws UsageException {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--simulate takes a number of hosts of 1 or more, not '" + value + "'");
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
