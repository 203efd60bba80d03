package io.slipway.app;

import io.slipway.core.http.HttpLimits;
import io.slipway.engine.cluster.Nodes;
import io.slipway.engine.invoke.FunctionTargets;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The options of {@code slipway server}, each with its environment variable and default. A
 * command-line value wins over the variable, the variable over the default.
 *
 * <p>Parsed by hand rather than with picocli: picocli's classes are compiled for Java 5 and cannot
 * be kept in the JDK's AOT cache, so loading them cost about 100 ms of a 250 ms start-up budget
 * (bench/RESULTS.md).
 */
final class ServerOptions {
    /** One option: {@code valueLabel} is null for a flag. */
    record Spec(String name, String env, String valueLabel, String defaultValue, String help) {
    }

    static final List<Spec> SPECS = List.of(
            new Spec("--host", "SLIPWAY_HOST", "HOST", "127.0.0.1", "address to listen on"),
            new Spec("--port", "SLIPWAY_PORT", "N", "4599", "port to listen on; 0 picks a free one"),
            new Spec("--data-dir", "SLIPWAY_DATA_DIR", "DIR", ".slipway-data", "where the embedded store keeps its files"),
            new Spec("--ephemeral", "SLIPWAY_EPHEMERAL", null, "false", "keep everything in memory only"),
            new Spec("--time-scale", "SLIPWAY_TIME_SCALE", "N", "1",
                    "run Slipway's clock N times faster: waits, intervals and timeouts shrink"),
            new Spec("--database-url", "SLIPWAY_DATABASE_URL", "URL", "",
                    "PostgreSQL JDBC URL of a shared store, e.g. jdbc:postgresql://127.0.0.1:5432/slipway"),
            new Spec("--database-user", "SLIPWAY_DATABASE_USER", "USER", "", "PostgreSQL user"),
            new Spec("--database-password", "SLIPWAY_DATABASE_PASSWORD", "PASSWORD", "", "PostgreSQL password"),
            new Spec("--node-timeout", "SLIPWAY_NODE_TIMEOUT", "SECONDS", String.valueOf(Nodes.SILENCE.toSeconds()),
                    "with a shared store: how long a node may stay silent before the others take over its work "
                            + "(they notice within a third more; nodes heartbeat three times per timeout)"),
            new Spec("--endpoint-url", "SLIPWAY_ENDPOINT_URL", "URL", "",
                    "the URL functions, custom resources' responses and presigned links reach Slipway at; "
                            + "nodes behind a load balancer give its URL (default: this node's own address)"),
            new Spec("--tls", "SLIPWAY_TLS", null, "false",
                    "serve HTTPS on the same port as HTTP, with a certificate Slipway makes for this machine's names "
                            + "and keeps in the data directory (start-up prints the PEM file clients trust)"),
            new Spec("--tls-name", "SLIPWAY_TLS_NAMES", "NAME", "",
                    "another host name or IP address --tls's certificate names; repeatable; the variable separates them with commas"),
            new Spec("--tls-cert", "SLIPWAY_TLS_CERT", "FILE", "",
                    "serve HTTPS on the same port with this PEM certificate (leaf first, then its chain) instead of "
                            + "Slipway's own; a team gives every node the same one"),
            new Spec("--tls-key", "SLIPWAY_TLS_KEY", "FILE", "", "the unencrypted PEM private key of --tls-cert"),
            new Spec("--max-body-bytes", "SLIPWAY_MAX_BODY_BYTES", "N", "16777216", "largest request body accepted"),
            new Spec("--idle-timeout", "SLIPWAY_IDLE_TIMEOUT", "SECONDS", "60",
                    "close a kept-alive connection after this long without a request"),
            new Spec("--head-timeout", "SLIPWAY_HEAD_TIMEOUT", "SECONDS", "20",
                    "time a request's line and headers may take to arrive"),
            new Spec("--body-timeout", "SLIPWAY_BODY_TIMEOUT", "SECONDS", "20",
                    "answer RequestTimeout when a request body sends nothing for this long"),
            new Spec("--max-header-bytes", "SLIPWAY_MAX_HEADER_BYTES", "N", "16384",
                    "largest request line and header section accepted"),
            new Spec("--max-headers", "SLIPWAY_MAX_HEADERS", "N", "100", "most header lines accepted in a request"),
            new Spec("--access-log", "SLIPWAY_ACCESS_LOG", null, "true",
                    "print one line per request (--no-access-log turns it off)"),
            new Spec("--account", "SLIPWAY_ACCOUNTS", "KEY[:SECRET]=ACCOUNT,...", "",
                    "access key ids mapped to accounts; a 12-digit key id is its own account, others use 000000000000; "
                            + "with verification on, a key signs only with its SECRET"),
            new Spec("--accounts-file", "SLIPWAY_ACCOUNTS_FILE", "FILE", "",
                    "more --account entries, one KEY[:SECRET]=ACCOUNT a line (# starts a comment): keeps secrets off the command line"),
            new Spec("--verify-signatures", "SLIPWAY_VERIFY_SIGNATURES", null, "false",
                    "let in only requests signed with known keys (operator keys with a secret, IAM access keys, STS sessions)"),
            new Spec("--admin-token", "SLIPWAY_ADMIN_TOKEN", "TOKEN", "",
                    "with verification on, opens the /_slipway/ endpoints to 'Authorization: Bearer TOKEN' besides signed requests"),
            new Spec("--lambda-sandbox", "SLIPWAY_LAMBDA_SANDBOX", "auto|off", "auto",
                    "run Lambda functions in bubblewrap sandboxes with Lambda's layout where the machine allows it (auto), "
                            + "or always as plain processes (off)"),
            new Spec("--function", "SLIPWAY_FUNCTIONS", "NAME=TARGET", "",
                    "where a Lambda function named by a hook runs: NAME=http://... or 'NAME=command:<command line>'; "
                            + "repeatable; the variable separates entries with ;"));

    private ServerOptions() {
    }

    /** Thrown for a command line that cannot be understood; the message says why. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    static SlipwayConfig parse(List<String> args, Map<String, String> env) throws UsageException {
        Map<String, String> values = new LinkedHashMap<>();
        for (Spec s : SPECS) {
            values.put(s.name(), env.getOrDefault(s.env(), s.defaultValue()));
        }
        // repeatable options: the command line's entries replace the variable's
        Map<String, List<String>> repeated = new LinkedHashMap<>();
        repeated.put("--function", new ArrayList<>(FunctionTargets.splitEntries(values.get("--function"))));
        repeated.put("--tls-name", new ArrayList<>(splitNames(values.get("--tls-name"))));
        java.util.Set<String> onCommandLine = new java.util.HashSet<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String inline = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                inline = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            if (arg.equals("--no-access-log")) {
                values.put("--access-log", "false");
                continue;
            }
            Spec spec = spec(arg);
            if (repeated.containsKey(arg)) {
                if (onCommandLine.add(arg)) {
                    repeated.get(arg).clear();
                }
                String entry = inline != null ? inline : i + 1 < args.size() ? args.get(++i) : null;
                if (entry == null) {
                    throw new UsageException("Missing value for " + arg);
                }
                repeated.get(arg).add(entry);
            } else if (spec.valueLabel() == null) {
                values.put(arg, inline == null ? "true" : inline);
            } else if (inline != null) {
                values.put(arg, inline);
            } else if (i + 1 < args.size()) {
                values.put(arg, args.get(++i));
            } else {
                throw new UsageException("Missing value for " + arg);
            }
        }
        List<String> functions = repeated.get("--function");
        try {
            FunctionTargets.parse(functions);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return config(values).withFunctions(functions).withTls(tls(values, repeated.get("--tls-name")));
    }

    private static List<String> splitNames(String value) {
        return java.util.Arrays.stream(value.split("[,\\s]+")).filter(n -> !n.isEmpty()).toList();
    }

    /**
     * HTTPS with Slipway's own certificate, the operator's, or none. The operator's files are read
     * here, so that a missing file or a key that is not the certificate's stops the start with the reason.
     */
    private static SlipwayConfig.Tls tls(Map<String, String> v, List<String> names) throws UsageException {
        Optional<String> certificate = nonEmpty(v.get("--tls-cert"));
        Optional<String> key = nonEmpty(v.get("--tls-key"));
        if (certificate.isPresent() != key.isPresent()) {
            throw new UsageException(certificate.isPresent() ? "--tls-cert needs --tls-key, the certificate's private key"
                    : "--tls-key needs --tls-cert, the certificate it belongs to");
        }
        if (certificate.isPresent()) {
            if (!names.isEmpty()) {
                throw new UsageException("--tls-name names hosts in Slipway's own certificate; "
                        + "with --tls-cert the certificate's own names are served");
            }
            SlipwayConfig.Tls.Given given = new SlipwayConfig.Tls.Given(Path.of(certificate.get()), Path.of(key.get()));
            try {
                ServerTls.read(given);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            return given;
        }
        if (bool(v, "--tls")) {
            return new SlipwayConfig.Tls.SelfSigned(names.stream().map(String::strip).filter(n -> !n.isEmpty()).toList());
        }
        if (!names.isEmpty()) {
            throw new UsageException("--tls-name needs --tls");
        }
        return SlipwayConfig.Tls.OFF;
    }

    private static Spec spec(String name) throws UsageException {
        for (Spec s : SPECS) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new UsageException("Unknown option: " + name);
    }

    private static SlipwayConfig config(Map<String, String> v) throws UsageException {
        int port = (int) number(v, "--port", 0, 65535);
        double timeScale;
        try {
            timeScale = Double.parseDouble(v.get("--time-scale"));
        } catch (NumberFormatException e) {
            throw new UsageException("--time-scale must be a number, not " + v.get("--time-scale"));
        }
        if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
            throw new UsageException("--time-scale must be positive");
        }
        boolean ephemeral = bool(v, "--ephemeral");
        OperatorKeys keys = OperatorKeys.parse(v.get("--account"), nonEmpty(v.get("--accounts-file")));
        boolean verify = bool(v, "--verify-signatures");
        if (verify && keys.secrets().isEmpty()) {
            throw new UsageException("--verify-signatures needs at least one operator key with its secret: "
                    + "--account KEY:SECRET=ACCOUNT or --accounts-file FILE");
        }
        return new SlipwayConfig(v.get("--host"), port,
                ephemeral ? Optional.empty() : Optional.of(Path.of(v.get("--data-dir"))), ephemeral, timeScale,
                nonEmpty(v.get("--database-url")), nonEmpty(v.get("--database-user")),
                nonEmpty(v.get("--database-password")), http(v), bool(v, "--access-log"), keys.accounts(),
                List.of(), sandbox(v.get("--lambda-sandbox")),
                new SlipwayConfig.Signatures(verify, keys.secrets(), nonEmpty(v.get("--admin-token"))),
                nodeTimeout(v), endpointUrl(v), SlipwayConfig.Tls.OFF);
    }

    private static Optional<String> endpointUrl(Map<String, String> v) throws UsageException {
        Optional<String> url = nonEmpty(v.get("--endpoint-url")).map(String::strip);
        if (url.isPresent() && !url.get().matches("https?://[^/?#\\s]+/?")) {
            throw new UsageException("--endpoint-url must be http://HOST[:PORT] or https://HOST[:PORT], not " + url.get());
        }
        return url.map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u);
    }

    /** From one second (a heartbeat every third of one) to an hour. */
    private static Duration nodeTimeout(Map<String, String> v) throws UsageException {
        Duration timeout = seconds(v, "--node-timeout");
        if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(Duration.ofHours(1)) > 0) {
            throw new UsageException("--node-timeout must be from 1 to 3600 seconds, not " + v.get("--node-timeout"));
        }
        return timeout;
    }

    private static boolean sandbox(String value) throws UsageException {
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "auto", "" -> true;
            case "off" -> false;
            default -> throw new UsageException("--lambda-sandbox must be auto or off, not " + value);
        };
    }

    private static HttpLimits http(Map<String, String> v) throws UsageException {
        return new HttpLimits(number(v, "--max-body-bytes", 1, Integer.MAX_VALUE - 8), seconds(v, "--idle-timeout"),
                seconds(v, "--head-timeout"), seconds(v, "--body-timeout"),
                (int) number(v, "--max-header-bytes", 1024, 1024 * 1024), (int) number(v, "--max-headers", 8, 10_000));
    }

    /** Seconds, fractions allowed (tests use short ones), from a millisecond to a day. */
    private static Duration seconds(Map<String, String> v, String name) throws UsageException {
        try {
            double s = Double.parseDouble(v.get(name).trim());
            if (s >= 0.001 && s <= 86_400) {
                return Duration.ofMillis(Math.round(s * 1000));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(name + " must be a number of seconds from 0.001 to 86400, not " + v.get(name));
    }

    private static long number(Map<String, String> v, String name, long min, long max) throws UsageException {
        try {
            long n = Long.parseLong(v.get(name).trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(name + " must be a whole number from " + min + " to " + max + ", not " + v.get(name));
    }

    private static boolean bool(Map<String, String> v, String name) throws UsageException {
        return switch (v.get(name).trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no", "" -> false;
            default -> throw new UsageException(name + " must be true or false, not " + v.get(name));
        };
    }

    private static Optional<String> nonEmpty(String s) {
        return s == null || s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    /** The options, their variables and defaults, for {@code --help}. */
    static String help() {
        StringBuilder sb = new StringBuilder();
        for (Spec s : SPECS) {
            String left = s.name() + (s.valueLabel() == null ? "" : " " + s.valueLabel());
            sb.append(String.format("  %-36s %s%n", left, s.help()));
            sb.append(String.format("  %-36s %s, default: %s%n", "", s.env(),
                    s.defaultValue().isEmpty() ? "none" : s.defaultValue()));
        }
        // read by the app from the environment, not an option: Lambda functions' libraries are part of the install
        sb.append(String.format("  %-36s %s%n", "(variable only)", "where runtimes/install.sh put the SDKs Lambda's runtimes ship"));
        sb.append(String.format("  %-36s %s, default: %s%n", "", "SLIPWAY_RUNTIME_LIBRARIES", "the checkout's runtimes/"));
        return sb.toString();
    }
}
