package io.slipway.it;

/** {@link LambdaAccountsIT} against a Slipway that verifies every request's signature. */
@VerifiesSignatures
class LambdaAccountsVerifiedIT extends LambdaAccountsIT {
}
