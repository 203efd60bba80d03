package io.slipway.cloudformation.stack;

import io.slipway.cloudformation.template.Template;
import io.slipway.model.cloudformation.Capability;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Which capability a template's IAM resources need: CAPABILITY_NAMED_IAM only for IAM resources given names. */
class StackCapabilitiesTest {

    private static Optional<Capability> needed(String type, String properties) {
        return StackCapabilities.requiredCapability(Template.parse("{\"Resources\": {\"R\": {\"Type\": \"" + type
                + "\", \"Properties\": " + properties + "}}}"));
    }

    @Test
    void namedIamResourcesNeedTheNamedCapability() {
        assertThat(needed("AWS::IAM::Role", "{\"RoleName\": \"r\"}")).contains(Capability.CAPABILITY_NAMED_IAM);
        assertThat(needed("AWS::IAM::User", "{\"UserName\": \"u\"}")).contains(Capability.CAPABILITY_NAMED_IAM);
        assertThat(needed("AWS::IAM::Group", "{\"GroupName\": \"g\"}")).contains(Capability.CAPABILITY_NAMED_IAM);
        assertThat(needed("AWS::IAM::ManagedPolicy", "{\"ManagedPolicyName\": \"p\"}")).contains(Capability.CAPABILITY_NAMED_IAM);
        assertThat(needed("AWS::IAM::InstanceProfile", "{\"InstanceProfileName\": \"i\"}"))
                .contains(Capability.CAPABILITY_NAMED_IAM);
        assertThat(needed("AWS::IAM::Role", "{}")).contains(Capability.CAPABILITY_IAM);
        assertThat(needed("AWS::S3::Bucket", "{}")).isEmpty();
    }

    @Test
    void propertiesThatNameAnotherEntityNameNothing() {
        // an access key, an inline policy or a membership names its user, role or group; it has no name of its own
        assertThat(needed("AWS::IAM::AccessKey", "{\"UserName\": \"u\"}")).contains(Capability.CAPABILITY_IAM);
        assertThat(needed("AWS::IAM::RolePolicy", "{\"RoleName\": \"r\", \"PolicyName\": \"p\"}"))
                .contains(Capability.CAPABILITY_IAM);
        assertThat(needed("AWS::IAM::UserToGroupAddition", "{\"GroupName\": \"g\", \"Users\": [\"u\"]}"))
                .contains(Capability.CAPABILITY_IAM);
        assertThat(needed("AWS::IAM::UserPolicy", "{\"UserName\": \"u\", \"PolicyName\": \"p\"}"))
                .contains(Capability.CAPABILITY_IAM);
    }
}
