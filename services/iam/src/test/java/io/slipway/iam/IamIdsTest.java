package io.slipway.iam;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** IAM's identifiers in AWS's forms, drawn from the injected generator. */
class IamIdsTest {

    @Test
    void idsHaveAwsFormsAndComeFromTheInjectedGenerator() {
        AtomicInteger n = new AtomicInteger();
        IamIds ids = new IamIds(() -> "seed-" + n.incrementAndGet());
        assertThat(ids.uniqueId(IamIds.USER)).matches("AIDA[A-Z2-7]{17}");
        assertThat(ids.uniqueId(IamIds.ROLE)).matches("AROA[A-Z2-7]{17}").hasSize(21);
        assertThat(ids.accessKeyId()).matches("AKIA[A-Z2-7]{16}");
        assertThat(ids.secretAccessKey()).matches("[A-Za-z0-9+/]{40}");

        AtomicInteger again = new AtomicInteger();
        IamIds same = new IamIds(() -> "seed-" + again.incrementAndGet());
        assertThat(same.uniqueId(IamIds.USER)).isEqualTo(new IamIds(() -> "seed-1").uniqueId(IamIds.USER));
        assertThat(same.uniqueId(IamIds.USER)).isNotEqualTo(new IamIds(() -> "seed-1").uniqueId(IamIds.USER));
    }
}
