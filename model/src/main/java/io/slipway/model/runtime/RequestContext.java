package io.slipway.model.runtime;

import java.time.Instant;

/**
 * Who asks and where: the namespace (account, region) every resource lives in, from the request's
 * SigV4 credential scope, with the request id that every answer carries.
 */
public record RequestContext(String requestId, String accountId, String region, String accessKeyId,
                             Instant receivedAt) {
}
