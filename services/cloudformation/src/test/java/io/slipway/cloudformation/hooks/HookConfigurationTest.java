package io.slipway.cloudformation.hooks;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static io.slipway.cloudformation.hooks.HookFixture.STACK_ID;
import static io.slipway.cloudformation.hooks.HookFixture.configuration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HookConfigurationTest {
    private static final String BASE = "\"HookInvocationStatus\":\"ENABLED\",\"FailureMode\":\"FAIL\","
            + "\"TargetOperations\":[\"RESOURCE\",\"STACK\"],\"Properties\":{\"LambdaFunction\":\"guard\"}";

    private static HookConfiguration parse(String extra) {
        return HookConfiguration.parse(configuration(BASE + extra));
    }

    private static HookTarget resource(String stack, String type, String action) {
        return new HookTarget("RESOURCE", action, stack, STACK_ID, null, type, "Thing", Map.of(), Map.of(), null);
    }

    private static HookTarget stack(String stack) {
        return new HookTarget("STACK", "CREATE", stack, STACK_ID, null, "STACK", stack, Map.of(), Map.of(), "{}");
    }

    @Test
    void readsTheFieldsInvocationNeeds() {
        HookConfiguration c = parse("");

        assertThat(c.enabled()).isTrue();
        assertThat(c.failureMode()).isEqualTo("FAIL");
        assertThat(c.lambdaFunction()).isEqualTo("guard");
        assertThat(c.targetOperations()).containsExactlyInAnyOrder("RESOURCE", "STACK");
        assertThat(c.targets(resource("shop", "AWS::S3::Bucket", "DELETE"), Optional.empty())).isTrue();
        assertThat(c.targets(new HookTarget("CHANGE_SET", "CREATE", "shop", STACK_ID, "cs", "CHANGE_SET", "cs",
                Map.of(), Map.of(), "{}"), Optional.empty())).as("CHANGE_SET is not a target operation").isFalse();
    }

    @Test
    void legacyTargetStacksStandsInForHookInvocationStatus() {
        String legacy = "\"TargetStacks\":\"NONE\",\"FailureMode\":\"WARN\",\"Properties\":{\"LambdaFunction\":\"f\"}";

        HookConfiguration c = HookConfiguration.parse(configuration(legacy));

        assertThat(c.enabled()).isFalse();
        assertThat(c.targetOperations()).containsExactly("RESOURCE");
    }

    @Test
    void stackNamesIncludeAndExcludeWithWildcards() {
        HookConfiguration c = parse(",\"StackFilters\":{\"FilteringCriteria\":\"ALL\","
                + "\"StackNames\":{\"Include\":[\"prod-*\",\"shop\"],\"Exclude\":[\"prod-test?\"]}}");

        assertThat(c.targets(stack("prod-web"), Optional.empty())).isTrue();
        assertThat(c.targets(stack("shop"), Optional.empty())).isTrue();
        assertThat(c.targets(stack("prod-test1"), Optional.empty())).isFalse();
        assertThat(c.targets(stack("prod-test12"), Optional.empty())).isTrue();
        assertThat(c.targets(stack("dev-web"), Optional.empty())).isFalse();
        assertThat(c.targets(stack("shop2"), Optional.empty())).isFalse();
    }

    @Test
    void filteringCriteriaAllNeedsEveryFilterAnyNeedsOne() {
        String filters = "\"StackNames\":{\"Include\":[\"prod-*\"]},"
                + "\"StackRoles\":{\"Include\":[\"arn:aws:iam::111122223333:role/deployer\"]}}";
        HookConfiguration all = parse(",\"StackFilters\":{\"FilteringCriteria\":\"ALL\"," + filters);
        HookConfiguration any = parse(",\"StackFilters\":{\"FilteringCriteria\":\"ANY\"," + filters);
        Optional<String> deployer = Optional.of("arn:aws:iam::111122223333:role/deployer");

        assertThat(all.targets(stack("prod-web"), deployer)).isTrue();
        assertThat(all.targets(stack("prod-web"), Optional.empty())).isFalse();
        assertThat(any.targets(stack("prod-web"), Optional.empty())).isTrue();
        assertThat(any.targets(stack("dev-web"), deployer)).isTrue();
        assertThat(any.targets(stack("dev-web"), Optional.of("arn:aws:iam::111122223333:role/other"))).isFalse();
    }

    @Test
    void targetFiltersNarrowResourcesByTypeAndAction() {
        HookConfiguration c = parse(",\"TargetFilters\":{\"Actions\":[\"CREATE\",\"UPDATE\"],"
                + "\"InvocationPoints\":[\"PRE_PROVISION\"],\"TargetNames\":[\"AWS::S3::*\",\"AWS::DynamoDB::Table\"]}");

        assertThat(c.targets(resource("shop", "AWS::S3::Bucket", "CREATE"), Optional.empty())).isTrue();
        assertThat(c.targets(resource("shop", "AWS::DynamoDB::Table", "UPDATE"), Optional.empty())).isTrue();
        assertThat(c.targets(resource("shop", "AWS::S3::Bucket", "DELETE"), Optional.empty())).isFalse();
        assertThat(c.targets(resource("shop", "AWS::SQS::Queue", "CREATE"), Optional.empty())).isFalse();
        assertThat(c.targets(stack("shop"), Optional.empty())).as("target names only narrow resources").isTrue();
    }

    @Test
    void targetsListMatchesNameAndActionTogether() {
        HookConfiguration c = parse(",\"TargetFilters\":{\"Targets\":[{\"TargetName\":\"AWS::S3::Bucket\","
                + "\"Action\":\"CREATE\",\"InvocationPoint\":\"PRE_PROVISION\"},{\"TargetName\":\"AWS::*::Queue\","
                + "\"Action\":\"DELETE\",\"InvocationPoint\":\"PRE_PROVISION\"}]}");

        assertThat(c.targets(resource("shop", "AWS::S3::Bucket", "CREATE"), Optional.empty())).isTrue();
        assertThat(c.targets(resource("shop", "AWS::SQS::Queue", "DELETE"), Optional.empty())).isTrue();
        assertThat(c.targets(resource("shop", "AWS::S3::Bucket", "DELETE"), Optional.empty())).isFalse();
        assertThat(c.targets(resource("shop", "AWS::SQS::Queue", "CREATE"), Optional.empty())).isFalse();
    }

    @Test
    void badConfigurationsNameWhatIsWrong() {
        String path = "CloudFormationConfiguration.HookConfiguration";
        assertRejected("{", "Configuration is not valid JSON");
        assertRejected("[]", "Configuration must be a JSON object");
        assertRejected("{\"CloudFormationConfiguration\":{}}", path + " must be a JSON object");
        assertRejected(configuration("\"FailureMode\":\"FAIL\",\"Properties\":{\"LambdaFunction\":\"f\"}"),
                path + ".HookInvocationStatus is required");
        assertRejected(configuration(BASE.replace("\"FAIL\"", "\"STOP\"")),
                path + ".FailureMode must be one of [FAIL, WARN]");
        assertRejected(configuration(BASE.replace("\"LambdaFunction\":\"guard\"", "")),
                path + ".Properties.LambdaFunction is required for a Lambda hook");
        assertRejected(configuration(BASE.replace("\"STACK\"", "\"STACKS\"")),
                path + ".TargetOperations has an invalid entry: STACKS");
        assertRejected(configuration(BASE + ",\"Colour\":\"red\""), "Unsupported property " + path + ".Colour");
        assertRejected(configuration(BASE + ",\"StackFilters\":{\"StackNames\":{\"Include\":[\"a\"]}}"),
                "StackFilters.FilteringCriteria is required");
        assertRejected(configuration(BASE + ",\"StackFilters\":{\"FilteringCriteria\":\"ALL\"}"),
                "StackFilters needs StackNames or StackRoles");
        assertRejected(configuration(BASE + ",\"StackFilters\":{\"FilteringCriteria\":\"ALL\","
                + "\"StackNames\":{\"Include\":[\"1bad\"]}}"), "StackFilters.StackNames.Include has an invalid entry: 1bad");
        assertRejected(configuration(BASE + ",\"TargetFilters\":{\"Actions\":[\"CREATE\"],\"Targets\":[]}"),
                "TargetFilters.Targets cannot be combined with Actions, InvocationPoints or TargetNames");
        assertRejected(configuration(BASE + ",\"TargetFilters\":{\"TargetNames\":[\"Bucket\"]}"),
                "TargetFilters.TargetNames has an invalid entry: Bucket");
        assertRejected(configuration(BASE + ",\"TargetFilters\":{\"Targets\":[{\"TargetName\":\"AWS::S3::Bucket\"}]}"),
                "TargetFilters.Targets[0] needs TargetName, Action and InvocationPoint");
        assertRejected(configuration(BASE + ",\"Properties\":{\"LambdaFunction\":\"" + "f".repeat(310_000) + "\"}"),
                "Configuration is larger than 307200 bytes");
    }

    private static void assertRejected(String json, String message) {
        assertThatThrownBy(() -> HookConfiguration.parse(json)).isInstanceOf(HookConfigurationException.class)
                .hasMessageStartingWith(message);
    }
}
