package io.slipway.it;

import io.slipway.it.fuzz.FuzzReport;
import io.slipway.it.fuzz.SignatureFuzz;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FuzzIT} against a Slipway that verifies signatures: every bad request is signed as sent,
 * so that it reaches its operation. And the signature itself broken ({@link SignatureFuzz}): each
 * refused with the protocol's modelled error, the well-signed controls let through.
 */
@VerifiesSignatures
class FuzzVerifiedIT extends FuzzIT {

    @Test
    void everyBrokenSignatureIsRefusedAsTheProtocolRefusesIt() {
        FuzzReport report = SignatureFuzz.run(URI.create(slipway.endpoint()), "123456789012");
        System.out.println("signature fuzz: " + report.summary());
        assertThat(report.problems()).as(report.summary()).isEmpty();
        assertThat(report.operationsCovered()).isEqualTo(9);
        assertThat(report.requests()).isGreaterThan(400);
    }
}
