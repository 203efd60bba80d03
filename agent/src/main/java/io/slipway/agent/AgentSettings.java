package io.slipway.agent;

import io.slipway.agent.client.Credentials;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What one host agent needs: the service endpoint (command service and S3, on one port), the host's
 * identifier and root directory, the region and credentials that sign requests, how long to wait
 * between tries when the service cannot be reached, the clock, and the certificates an https
 * endpoint is trusted by (the JDK's own when none are given).
 *
 * @param root everything the agent writes goes below it: its deployment-root tree, and the host
 *             paths AppSpec files name ({@code /var/www} is {@code <root>/var/www})
 */
public record AgentSettings(URI endpoint, String hostIdentifier, Path root, String region, Credentials credentials,
                            Duration retryDelay, Duration maxRetryDelay, Clock clock, Optional<Path> caBundle) {
    public static final String DEFAULT_REGION = "us-east-1";

    public AgentSettings {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(hostIdentifier, "hostIdentifier");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(caBundle, "caBundle");
        if (!("http".equalsIgnoreCase(endpoint.getScheme()) || "https".equalsIgnoreCase(endpoint.getScheme())) || endpoint.getHost() == null) {
            throw new IllegalArgumentException("The endpoint must be an http:// or https:// URL with a host: " + endpoint);
        }
        if (hostIdentifier.isBlank()) {
            throw new IllegalArgumentException("The host identifier is empty");
        }
        if (retryDelay.isNegative() || retryDelay.isZero() || maxRetryDelay.compareTo(retryDelay) < 0) {
            throw new IllegalArgumentException("Retry delays must be positive, the maximum at least the first");
        }
    }

    /**
     * Settings with the defaults: region us-east-1, credentials from {@code AWS_ACCESS_KEY_ID} /
     * {@code AWS_SECRET_ACCESS_KEY} (else test/test), retries after 1 s doubling up to 30 s, the
     * system clock.
     */
    public static AgentSettings of(URI endpoint, String hostIdentifier, Path root) {
        return new AgentSettings(endpoint, hostIdentifier, root, DEFAULT_REGION, Credentials.fromEnvironment(System.getenv()),
                Duration.ofSeconds(1), Duration.ofSeconds(30), Clock.systemUTC(), Optional.empty());
    }

    public AgentSettings withRegion(String newRegion) {
        return new AgentSettings(endpoint, hostIdentifier, root, newRegion, credentials, retryDelay, maxRetryDelay, clock, caBundle);
    }

    public AgentSettings withCredentials(Credentials newCredentials) {
        return new AgentSettings(endpoint, hostIdentifier, root, region, newCredentials, retryDelay, maxRetryDelay, clock, caBundle);
    }

    /** How long to wait after a failed request: {@code first}, doubling up to {@code max}. */
    public AgentSettings withRetryDelays(Duration first, Duration max) {
        return new AgentSettings(endpoint, hostIdentifier, root, region, credentials, first, max, clock, caBundle);
    }

    public AgentSettings withClock(Clock newClock) {
        return new AgentSettings(endpoint, hostIdentifier, root, region, credentials, retryDelay, maxRetryDelay, newClock, caBundle);
    }

    /** Trusts only the certificates of a PEM file for https endpoints (like the AWS CLI's --ca-bundle). */
    public AgentSettings withCaBundle(Optional<Path> pem) {
        return new AgentSettings(endpoint, hostIdentifier, root, region, credentials, retryDelay, maxRetryDelay, clock, pem);
    }

    /** Host {@code index} (from 1) of a simulated fleet: identifier {@code <ID>-<index>}, root {@code <root>/<ID>-<index>}. */
    public AgentSettings simulatedHost(int index) {
        String id = hostIdentifier + "-" + index;
        return new AgentSettings(endpoint, id, root.resolve(id.replace('/', '_')), region, credentials, retryDelay, maxRetryDelay, clock, caBundle);
    }
}
