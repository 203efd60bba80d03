package io.slipway.model.runtime;

import java.time.Instant;

/**
 * Who asks and where: the namespace (account, region) every resource lives in and the signing
 * service, from the request's SigV4 credential scope, with the request id every answer carries.
 * {@code service} is empty for unsigned requests.
 */
public record RequestContext(String requestId, String accountId, String region, String service,
                             String accessKeyId, Instant receivedAt) {
}
