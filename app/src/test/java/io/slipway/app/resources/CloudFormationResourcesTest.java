package io.slipway.app.resources;

import io.slipway.model.runtime.AwsError;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CloudFormationResourcesTest extends ProviderTest {

    CloudFormationResourcesTest() {
        super("AWS::S3::Bucket");
    }

    @Test
    void everyTypeSlipwayCreatesHasAProvider() {
        assertThat(services.providers.types()).containsExactlyInAnyOrder("AWS::S3::Bucket", "AWS::Lambda::Function",
                "AWS::Lambda::Version", "AWS::Lambda::Alias", "AWS::CodeDeploy::Application",
                "AWS::CodeDeploy::DeploymentConfig", "AWS::CodeDeploy::DeploymentGroup",
                "AWS::CodePipeline::CustomActionType", "AWS::CodePipeline::Pipeline",
                "AWS::SSM::Parameter", "AWS::CloudFormation::WaitConditionHandle", "AWS::IAM::Role", "AWS::IAM::Policy",
                "AWS::IAM::RolePolicy", "AWS::IAM::ManagedPolicy", "AWS::IAM::InstanceProfile", "AWS::IAM::User",
                "AWS::IAM::Group", "AWS::IAM::AccessKey", "AWS::IAM::UserToGroupAddition");
        assertThat(services.providers.find("AWS::EC2::Instance")).isEmpty();
    }

    @Test
    void serviceErrorsAreClassifiedByNameThenByStatus() {
        assertThat(code("ApplicationAlreadyExistsException", 400, true)).isEqualTo(HandlerErrorCode.ALREADY_EXISTS);
        assertThat(code("PipelineNameInUseException", 400, true)).isEqualTo(HandlerErrorCode.ALREADY_EXISTS);
        assertThat(code("DeploymentGroupDoesNotExistException", 400, true)).isEqualTo(HandlerErrorCode.NOT_FOUND);
        assertThat(code("NoSuchBucket", 404, true)).isEqualTo(HandlerErrorCode.NOT_FOUND);
        assertThat(code("TooManyRequestsException", 429, true)).isEqualTo(HandlerErrorCode.THROTTLING);
        assertThat(code("BucketNotEmpty", 409, true)).isEqualTo(HandlerErrorCode.RESOURCE_CONFLICT);
        assertThat(code("AccessDenied", 403, true)).isEqualTo(HandlerErrorCode.ACCESS_DENIED);
        assertThat(code("InvalidParameterValueException", 400, true)).isEqualTo(HandlerErrorCode.INVALID_REQUEST);
        assertThat(code("ServiceException", 500, false)).isEqualTo(HandlerErrorCode.GENERAL_SERVICE_EXCEPTION);
        assertThat(HandlerErrorCode.of(new AwsError("ResourceConflictException", "x", 409, true)
                .exception("Function already exist: f"))).isEqualTo(HandlerErrorCode.ALREADY_EXISTS);
    }

    private static HandlerErrorCode code(String type, int status, boolean sender) {
        return HandlerErrorCode.of(new AwsError(type, type, status, sender).exception("m"));
    }
}
