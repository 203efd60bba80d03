package io.slipway.it;

/** {@link IamAccountsIT} against a Slipway that verifies every request's signature. */
@VerifiesSignatures
class IamAccountsVerifiedIT extends IamAccountsIT {
}
