package io.slipway.lambda.runtime;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How the local runtime runs functions.
 *
 * @param slipwayEndpoint Slipway's URL, given to functions as {@code AWS_ENDPOINT_URL} (a supplier:
 *                        the port is known only once the server listens)
 * @param region used when a function's ARN does not name one
 * @param accountId used when a function's ARN does not name one; 12 digits
 * @param maxEnvironments warm and busy environments in all; the least recently used idle one is
 *                        stopped to make room
 * @param maxPerFunction environments of one function; further invocations wait for a free one
 * @param workDirectory where runtime bootstraps and environment logs are written
 * @param libraries the SDKs Lambda's runtimes ship (AWS SDK for JavaScript v3), when installed
 * @param sandbox whether functions run in bubblewrap sandboxes where this machine allows it (false: always
 *                as plain processes)
 * @param roleCredentials mints the execution role's credentials at each cold start
 * @param endpointCertificates a PEM file of the certificates Slipway's HTTPS presents (its own or the
 *                        operator's): functions trust them when {@code AWS_ENDPOINT_URL} is https
 */
public record RuntimeSettings(Supplier<String> slipwayEndpoint, String region, String accountId, int maxEnvironments,
                              int maxPerFunction, Path workDirectory, RuntimeLibraries libraries, boolean sandbox,
                              ExecutionRoleCredentials roleCredentials, Optional<Path> endpointCertificates) {

    /** Settings for plain processes (no sandbox). */
    public RuntimeSettings(Supplier<String> slipwayEndpoint, String region, String accountId, int maxEnvironments,
                           int maxPerFunction, Path workDirectory, RuntimeLibraries libraries) {
        this(slipwayEndpoint, region, accountId, maxEnvironments, maxPerFunction, workDirectory, libraries, false,
                ExecutionRoleCredentials.none(), Optional.empty());
    }

    /** Settings without the runtimes' libraries: functions get only what they package. */
    public RuntimeSettings(Supplier<String> slipwayEndpoint, String region, String accountId, int maxEnvironments,
                           int maxPerFunction, Path workDirectory) {
        this(slipwayEndpoint, region, accountId, maxEnvironments, maxPerFunction, workDirectory, RuntimeLibraries.none());
    }

    /** The same settings, with functions sandboxed where this machine allows it, or not. */
    public RuntimeSettings withSandbox(boolean wanted) {
        return new RuntimeSettings(slipwayEndpoint, region, accountId, maxEnvironments, maxPerFunction, workDirectory,
                libraries, wanted, roleCredentials, endpointCertificates);
    }

    /** The same settings, with execution-role credentials from {@code minter}. */
    public RuntimeSettings withRoleCredentials(ExecutionRoleCredentials minter) {
        return new RuntimeSettings(slipwayEndpoint, region, accountId, maxEnvironments, maxPerFunction, workDirectory,
                libraries, sandbox, minter, endpointCertificates);
    }

    /** The same settings, with functions trusting the certificates in {@code pem} for an https endpoint. */
    public RuntimeSettings withEndpointCertificates(Optional<Path> pem) {
        return new RuntimeSettings(slipwayEndpoint, region, accountId, maxEnvironments, maxPerFunction, workDirectory,
                libraries, sandbox, roleCredentials, pem);
    }

    public RuntimeSettings {
        Objects.requireNonNull(slipwayEndpoint, "slipwayEndpoint");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(workDirectory, "workDirectory");
        Objects.requireNonNull(libraries, "libraries");
        Objects.requireNonNull(roleCredentials, "roleCredentials");
        Objects.requireNonNull(endpointCertificates, "endpointCertificates");
        if (!accountId.matches("\\d{12}")) {
            // Slipway maps a 12-digit access key id to that account; anything else would land elsewhere.
            throw new IllegalArgumentException("account id must be 12 digits, got " + accountId);
        }
        if (maxEnvironments < 1 || maxPerFunction < 1) {
            throw new IllegalArgumentException("maxEnvironments and maxPerFunction must be positive, got "
                    + maxEnvironments + " and " + maxPerFunction);
        }
    }
}
