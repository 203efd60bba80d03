package io.slipway.iam.policy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The AWS managed policies shipped as data: each well-formed, with an ARN that matches its path. */
class AwsManagedPoliciesTest {

    @Test
    void theCatalogueLoadsWithWellFormedDocuments() {
        AwsManagedPolicies policies = AwsManagedPolicies.load();
        assertThat(policies.all()).hasSize(20);
        assertThat(policies.all()).allSatisfy(p -> {
            assertThat(p.arn()).isEqualTo("arn:aws:iam::aws:policy" + p.path() + p.name());
            assertThat(p.policyId()).matches("ANPA[A-Z0-9]{17}");
            assertThat(p.defaultVersionId()).matches("v[1-9][0-9]*");
            assertThat(p.updateDate()).isAfterOrEqualTo(p.createDate());
        });
        assertThat(policies.byArn("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole")).isPresent();
        // the pollers' policies SAM attaches to a function's role for SQS, Kinesis and DynamoDB events
        assertThat(policies.byArn("arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole")).isPresent();
        assertThat(policies.byArn("arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole")).isEmpty();
    }
}
