package io.slipway.it;

/** {@link PostgresFuzzIT} against a node that verifies signatures: the bad bodies, signed, reach the store. */
@VerifiesSignatures
class PostgresFuzzVerifiedIT extends PostgresFuzzIT {
}
