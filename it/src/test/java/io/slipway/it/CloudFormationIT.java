package io.slipway.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.HookResultNotFoundException;
import software.amazon.awssdk.services.cloudformation.model.ListHookResultsResponse;
import software.amazon.awssdk.services.cloudformation.model.ListHookResultsTargetType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CloudFormationIT {
    private static final String TYPE_ARN = "arn:aws:cloudformation:us-east-1:000000000000:type/hook/My-Hook";
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();
    private final CloudFormationClient cfn = slipway.cloudFormation();

    @Test
    void listHookResultsWithoutAnyInvocations() {
        ListHookResultsResponse all = cfn.listHookResults(r -> { });
        assertThat(all.hookResults()).isEmpty();
        assertThat(all.nextToken()).isNull();
        assertThat(cfn.listHookResults(r -> r.typeArn(TYPE_ARN).status("HOOK_FAILED")).hookResults()).isEmpty();
    }

    @Test
    void aTargetWithoutInvocationsIsNotFound() {
        assertThatThrownBy(() -> cfn.listHookResults(r -> r.targetType(ListHookResultsTargetType.CHANGE_SET)
                .targetId("arn:aws:cloudformation:us-east-1:000000000000:changeSet/cs/abc")))
                .isInstanceOf(HookResultNotFoundException.class)
                .satisfies(e -> assertThat(((AwsServiceException) e).statusCode()).isEqualTo(404));
    }

    @Test
    void parameterCombinationsFollowAws() {
        assertThatThrownBy(() -> cfn.listHookResults(r -> r.targetType(ListHookResultsTargetType.CHANGE_SET)))
                .isInstanceOf(AwsServiceException.class)
                .satisfies(e -> assertThat(((AwsServiceException) e).awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
        assertThatThrownBy(() -> cfn.listHookResults(r -> r.targetId("abc")))
                .satisfies(e -> assertThat(((AwsServiceException) e).awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
        assertThatThrownBy(() -> cfn.listHookResults(r -> r.status("HOOK_FAILED")))
                .satisfies(e -> assertThat(((AwsServiceException) e).awsErrorDetails().errorMessage())
                        .contains("Status can only be specified together with TypeArn"));
        assertThatThrownBy(() -> cfn.listHookResults(r -> r.typeArn("not-an-arn")))
                .satisfies(e -> assertThat(((AwsServiceException) e).awsErrorDetails().errorMessage())
                        .startsWith("1 validation error detected: Value 'not-an-arn' at 'typeArn' failed to satisfy constraint: "
                                + "Member must satisfy regular expression pattern: "));
    }
}
