package io.slipway.cloudformation.template;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rules with Assertions refuse a stack's parameter values with the assertion's description. */
class TemplateRulesTest {
    private static final String CDK = """
            Parameters:
              BootstrapVersion: {Type: String}
            Rules:
              CheckBootstrapVersion:
                Assertions:
                  - Assert:
                      Fn::Not:
                        - Fn::Contains:
                            - ["1", "2", "3", "4", "5"]
                            - Ref: BootstrapVersion
                    AssertDescription: CDK bootstrap stack version 6 required. Please run 'cdk bootstrap' with a recent version of the CDK CLI.
            Resources:
              Bucket: {Type: AWS::S3::Bucket}
            """;

    private static void check(String body, Map<String, String> given) {
        Template t = Template.parse(body);
        Map<String, String> values = ParameterValues.resolve(t, given, Map.of(), Set.of());
        Rules.check(t, values, new Evaluator(t, values, new StackContext()));
    }

    @Test
    void cdksBootstrapVersionRulePassesFromVersionSixAndRefusesOlderOnesWithItsDescription() {
        assertThatCode(() -> check(CDK, Map.of("BootstrapVersion", "6"))).doesNotThrowAnyException();
        assertThatCode(() -> check(CDK, Map.of("BootstrapVersion", "21"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> check(CDK, Map.of("BootstrapVersion", "5"))).isInstanceOf(TemplateException.class)
                .hasMessage("CDK bootstrap stack version 6 required. Please run 'cdk bootstrap' with a recent version of the CDK CLI.");
    }

    private static final String ENV = """
            Parameters:
              Env: {Type: String}
              Size: {Type: String, Default: small}
              Subnets: {Type: CommaDelimitedList, Default: "a,b"}
              Other: {Type: CommaDelimitedList, Default: "c"}
            Rules:
              ProdIsBig:
                RuleCondition: {"Fn::Equals": [{"Ref": "Env"}, "prod"]}
                Assertions:
                  - Assert: {"Fn::Or": [{"Fn::Equals": [{"Ref": "Size"}, "large"]}, {"Fn::Equals": [{"Ref": "Size"}, "huge"]}]}
                    AssertDescription: prod needs a large size
              KnownSubnets:
                Assertions:
                  - Assert: {"Fn::EachMemberIn": [{"Ref": "Subnets"}, ["a", "b", "c"]]}
                    AssertDescription: unknown subnet
                  - Assert: {"Fn::And": [{"Fn::Not": [{"Fn::EachMemberEquals": [{"Ref": "Subnets"}, "z"]}]},
                                         {"Fn::Contains": [{"Fn::RefAll": "CommaDelimitedList"}, "c"]}]}
                    AssertDescription: subnets must not all be z, and c must be among the lists
            Resources:
              Bucket: {Type: AWS::S3::Bucket}
            """;

    @Test
    void aRuleConditionSelectsTheRulesThatApplyAndEveryRuleFunctionIsEvaluated() {
        assertThatCode(() -> check(ENV, Map.of("Env", "dev"))).doesNotThrowAnyException();
        assertThatCode(() -> check(ENV, Map.of("Env", "prod", "Size", "huge"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> check(ENV, Map.of("Env", "prod"))).hasMessage("prod needs a large size");
        assertThatThrownBy(() -> check(ENV, Map.of("Env", "dev", "Subnets", "a,x"))).hasMessage("unknown subnet");
        assertThatThrownBy(() -> check(ENV, Map.of("Env", "dev", "Other", "d")))
                .hasMessage("subnets must not all be z, and c must be among the lists");
    }

    @Test
    void malformedRulesAreTemplateErrors() {
        String base = "Resources:\n  B: {Type: AWS::S3::Bucket}\nRules:\n  R:\n";
        assertThatThrownBy(() -> check(base + "    Assertions: []\n", Map.of()))
                .hasMessageStartingWith("Template format error: Rule R must have a non-empty list of Assertions");
        assertThatThrownBy(() -> check(base + "    Assertions: [{Assert: {\"Fn::Contains\": [a]}}]\n", Map.of()))
                .hasMessage("Template error: Fn::Contains requires a list argument with 2 elements");
        assertThatThrownBy(() -> check(base + "    Assertions: [{Assert: plain}]\n", Map.of()))
                .hasMessageContaining("must be a rule function that answers true or false");
        assertThatThrownBy(() -> check(base + "    Assertions: [{Assert: {\"Fn::ValueOf\": [P, Tags]}}]\n", Map.of()))
                .hasMessageContaining("Fn::ValueOf is not supported");
        assertThatThrownBy(() -> check(base + "    Other: 1\n", Map.of())).hasMessageContaining("Invalid rule property Other");
    }
}
