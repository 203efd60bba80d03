package io.slipway.app;

import io.slipway.core.http.HttpLimits;

import io.slipway.engine.cluster.Nodes;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a Slipway server is started with.
 *
 * @param dataDir      where the embedded store keeps its files; empty with {@code ephemeral}
 * @param databaseUrl  a PostgreSQL JDBC URL for a shared store; when present it replaces the embedded one
 * @param accounts     access key id -> account id, for keys that are not themselves account ids
 * @param http         the HTTP transport's limits: body size, timeouts, header caps
 * @param functions    where Lambda functions named by hooks run: {@code NAME=http://...} or {@code NAME=command:...}
 * @param lambdaSandbox whether Lambda functions run in bubblewrap sandboxes where the machine allows it
 *                      (false: plain processes, as {@code --lambda-sandbox off} asks)
 * @param signatures   verification mode, and the secrets of operator keys
 * @param nodeTimeout  how long a node sharing the store may stay silent before the others take over its work
 * @param endpointUrl  the URL that functions, custom resources' responses and presigned links reach Slipway at
 *                     (a team's load balancer); empty: this node's own address
 * @param tls          whether the port serves HTTPS besides HTTP, and with which certificate
 */
public record SlipwayConfig(String host, int port, Optional<Path> dataDir, boolean ephemeral, double timeScale,
                            Optional<String> databaseUrl, Optional<String> databaseUser,
                            Optional<String> databasePassword, HttpLimits http, boolean accessLog,
                            Map<String, String> accounts, List<String> functions, boolean lambdaSandbox,
                            Signatures signatures, Duration nodeTimeout, Optional<String> endpointUrl, Tls tls) {

    public static final int DEFAULT_PORT = 4599;
    public static final long DEFAULT_MAX_BODY_BYTES = 16L * 1024 * 1024;

    /** An in-memory server on a free port: what tests start. */
    public static SlipwayConfig ephemeralOnFreePort() {
        return new SlipwayConfig("127.0.0.1", 0, Optional.empty(), true, 1.0, Optional.empty(), Optional.empty(),
                Optional.empty(), HttpLimits.defaults(DEFAULT_MAX_BODY_BYTES), false, Map.of(), List.of(), true, Signatures.OFF,
                Nodes.SILENCE, Optional.empty(), Tls.OFF);
    }

    public SlipwayConfig withPort(int newPort) {
        return new SlipwayConfig(host, newPort, dataDir, ephemeral, timeScale, databaseUrl, databaseUser,
                databasePassword, http, accessLog, accounts, functions, lambdaSandbox, signatures, nodeTimeout, endpointUrl, tls);
    }

    public SlipwayConfig withDataDir(Path dir) {
        return new SlipwayConfig(host, port, Optional.of(dir), false, timeScale, databaseUrl, databaseUser,
                databasePassword, http, accessLog, accounts, functions, lambdaSandbox, signatures, nodeTimeout, endpointUrl, tls);
    }

    /** The largest request body read whole. */
    public long maxBodyBytes() {
        return http.maxBodyBytes();
    }

    public SlipwayConfig withMaxBodyBytes(long max) {
        return withHttp(new HttpLimits(max, http.idleTimeout(), http.headTimeout(), http.bodyStallTimeout(),
                http.maxHeaderBytes(), http.maxHeaderCount()));
    }

    public SlipwayConfig withHttp(HttpLimits limits) {
        return new SlipwayConfig(host, port, dataDir, ephemeral, timeScale, databaseUrl, databaseUser,
                databasePassword, limits, accessLog, accounts, functions, lambdaSandbox, signatures, nodeTimeout, endpointUrl, tls);
    }

    public SlipwayConfig withAccounts(Map<String, String> map) {
        return new SlipwayConfig(host, port, dataDir, ephemeral, timeScale, databaseUrl, databaseUser,
                databasePassword, http, accessLog, map, functions, lambdaSandbox, signatures, nodeTimeout, endpointUrl, tls);
    }

    public SlipwayConfig withFunctions(List<String> entries) {
        return new SlipwayConfig(host, port, dataDir, ephemeral, timeScale, databaseUrl, databaseUser,
                databasePassword, http, accessLog, accounts, List.copyOf(entries), lambdaSandbox, signatures, nodeTimeout, endpointUrl, tls);
    }

    /** Lambda functions sandboxed where the machine allows it ({@code true}), or always plain processes. */
    public SlipwayConfig withLambdaSandbox(boolean wanted) {
        return new SlipwayConfig(host, port, dataDir, ephemeral, timeScale, databaseUrl, databaseUser,
                databasePassword, http, accessLog, accounts, functions, wanted, signatures, nodeTimeout, endpointUrl, tls);
    }

    /**
     * Whether signatures are verified.
     *
     * @param verify      true: every request must be signed with a key Slipway knows
     * @param secrets     operator keys' secrets, by access key id ({@code --account KEY:SECRET=ACCOUNT})
     * @param adminToken  an operator's token that opens {@code /_slipway/} endpoints in verification mode
     */
    public record Signatures(boolean verify, Map<String, String> secrets, Optional<String> adminToken) {
        public static final Signatures OFF = new Signatures(false, Map.of(), Optional.empty());

        public Signatures {
            secrets = Map.copyOf(secrets);
        }
    }

    /** Verification mode on or off. */
    public SlipwayConfig withVerifySignatures(boolean verify) {
        return withSignatures(new Signatures(verify, signatures.secrets(), signatures.adminToken()));
    }

    /** An operator key with its secret, acting in {@code account} (as {@code --account KEY:SECRET=ACCOUNT}). */
    public SlipwayConfig withAccountKey(String accessKeyId, String secret, String account) {
        Map<String, String> keys = new java.util.HashMap<>(accounts);
        keys.put(accessKeyId, account);
        Map<String, String> secrets = new java.util.HashMap<>(signatures.secrets());
        secrets.put(accessKeyId, secret);
        return withAccounts(keys).withSignatures(new Signatures(signatures.verify(), secrets, signatures.adminToken()));
    }

    public SlipwayConfig withAdminToken(String token) {
        return withSignatures(new Signatures(signatures.verify(), signatures.secrets(), Optional.of(token)));
    }

    public SlipwayConfig withSignatures(Signatures next) {
        return new SlipwayConfig(host, port, dataDir, ephemeral, timeScale, databaseUrl, databaseUser,
                databasePassword, http, accessLog, accounts, functions, lambdaSandbox, next, nodeTimeout, endpointUrl, tls);
    }

    public SlipwayConfig withNodeTimeout(Duration timeout) {
        return new SlipwayConfig(host, port, dataDir, ephemeral, timeScale, databaseUrl, databaseUser,
                databasePassword, http, accessLog, accounts, functions, lambdaSandbox, signatures, timeout, endpointUrl, tls);
    }

    public SlipwayConfig withEndpointUrl(String url) {
        return new SlipwayConfig(host, port, dataDir, ephemeral, timeScale, databaseUrl, databaseUser,
                databasePassword, http, accessLog, accounts, functions, lambdaSandbox, signatures, nodeTimeout,
                Optional.of(url), tls);
    }

    public SlipwayConfig withTls(Tls next) {
        return new SlipwayConfig(host, port, dataDir, ephemeral, timeScale, databaseUrl, databaseUser,
                databasePassword, http, accessLog, accounts, functions, lambdaSandbox, signatures, nodeTimeout,
                endpointUrl, next);
    }

    /**
     * Whether the port serves HTTPS besides plain HTTP (a connection's first byte tells which), and
     * which certificate it presents.
     */
    public sealed interface Tls {
        Tls OFF = new Off();

        /** Plain HTTP only. */
        record Off() implements Tls {
        }

        /**
         * Slipway's own certificate, kept in the data directory and made again when it expires or
         * lacks a name: for loopback, localhost, the machine's name, the listening and endpoint
         * hosts, and {@code names} ({@code --tls-name}).
         */
        record SelfSigned(List<String> names) implements Tls {
            public SelfSigned {
                names = List.copyOf(names);
            }
        }

        /** The operator's certificate (chain allowed, leaf first) and its key, PEM files. */
        record Given(Path certificate, Path key) implements Tls {
        }
    }

    public SlipwayConfig withDatabase(String url, String user, String password) {
        return new SlipwayConfig(host, port, dataDir, false, timeScale, Optional.of(url), Optional.ofNullable(user),
                Optional.ofNullable(password), http, accessLog, accounts, functions, lambdaSandbox, signatures, nodeTimeout, endpointUrl, tls);
    }
}
