package io.slipway.it;

/** {@link CrossAccountIT} against a Slipway that verifies every request's signature. */
@VerifiesSignatures
class CrossAccountVerifiedIT extends CrossAccountIT {
}
