package io.slipway.it;

/** {@link S3AccountsIT} against a Slipway that verifies every request's signature. */
@VerifiesSignatures
class S3AccountsVerifiedIT extends S3AccountsIT {
}
