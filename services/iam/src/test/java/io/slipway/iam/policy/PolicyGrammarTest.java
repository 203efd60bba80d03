package io.slipway.iam.policy;

import io.slipway.model.runtime.AwsException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static io.slipway.iam.policy.PolicyGrammar.Kind.INLINE;
import static io.slipway.iam.policy.PolicyGrammar.Kind.MANAGED;
import static io.slipway.iam.policy.PolicyGrammar.Kind.TRUST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** IAM's policy grammar, each rule with the words IAM answers it in. */
class PolicyGrammarTest {
    private static final String ALLOW = "{\"Version\":\"2012-10-17\",\"Statement\":%s}";

    private static String policy(String statements) {
        return ALLOW.formatted(statements);
    }

    private static void malformed(String document, PolicyGrammar.Kind kind, String message) {
        assertThatThrownBy(() -> PolicyGrammar.check(document, kind)).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.error().code()).isEqualTo("MalformedPolicyDocument");
            assertThat(e.error().httpStatus()).isEqualTo(400);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void wellFormedPoliciesPass() {
        assertThatCode(() -> PolicyGrammar.check(policy("{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}"),
                MANAGED)).doesNotThrowAnyException();
        assertThatCode(() -> PolicyGrammar.check("{\"Statement\":[{\"Sid\":\"a b\",\"Effect\":\"Deny\",\"NotAction\":[\"iam:*\"],"
                + "\"NotResource\":\"arn:aws:s3:::x\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":false}}}]}", INLINE))
                .doesNotThrowAnyException();
        assertThatCode(() -> PolicyGrammar.check(policy("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"arn:aws:iam::1:root\"]},"
                + "\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}"), TRUST)).doesNotThrowAnyException();
        assertThatCode(() -> PolicyGrammar.check("{\"Version\":\"2008-10-17\",\"Statement\":{\"Effect\":\"Allow\","
                + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}}", TRUST))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "not json",
            "[]",
            "{\"Version\":\"2012-10-17\"}",
            "{\"Version\":\"2012-10-17\",\"Statement\":[]}",
            "{\"Version\":\"2013-01-01\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}",
            "{\"Version\":\"2012-10-17\",\"Other\":1,\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}",
            "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"NotAction\":\"s3:*\",\"Resource\":\"*\"}}",
            "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Perhaps\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}",
            "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":7,\"Resource\":\"*\"}}",
            "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Resource\":\"*\"}}",
            "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":\"x\"}}",
    })
    void brokenStructureIsASyntaxError(String document) {
        malformed(document, INLINE, "Syntax errors in policy.");
    }

    @Test
    void identityPoliciesNeedActionsAndResourcesAndNoPrincipal() {
        malformed(policy("{\"Effect\":\"allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}"), INLINE,
                "The policy failed legacy parsing");
        malformed(policy("{\"Effect\":\"Allow\",\"Resource\":\"*\"}"), INLINE, "Policy statement must contain actions.");
        malformed(policy("{\"Effect\":\"Allow\",\"Action\":[],\"Resource\":\"*\"}"), INLINE,
                "Policy statement must contain actions.");
        malformed(policy("{\"Effect\":\"Allow\",\"Action\":\"s3:*\"}"), INLINE, "Policy statement must contain resources.");
        malformed(policy("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\"}"), MANAGED,
                "Policy document should not specify a principal.");
        malformed(policy("{\"Effect\":\"Allow\",\"Action\":\"GetObject\",\"Resource\":\"*\"}"), INLINE,
                "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.");
        malformed(policy("{\"Effect\":\"Allow\",\"Action\":\"s3:a:b\",\"Resource\":\"*\"}"), INLINE,
                "Actions/Condition can contain only one colon.");
        malformed(policy("{\"Effect\":\"Allow\",\"Action\":\"s 3:Get\",\"Resource\":\"*\"}"), INLINE, "Vendor s 3 is not valid");
        malformed(policy("{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"bucket\"}"), INLINE,
                "Resource bucket must be in ARN format or \"*\".");
        malformed(policy("[{\"Sid\":\"S\",\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"},"
                + "{\"Sid\":\"S\",\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]"), INLINE,
                "Statement IDs (SID) in a single policy must be unique.");
    }

    @Test
    void managedPoliciesSpeakTheCurrentLanguageWithAlphanumericSids() {
        malformed("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}", MANAGED,
                "Policy document must be version 2012-10-17 or greater.");
        malformed(policy("{\"Sid\":\"a-b\",\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}"), MANAGED,
                "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*");
    }

    @Test
    void trustPoliciesNameWhoMayAssumeTheRoleAndNothingElse() {
        malformed(policy("{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\"}"), TRUST, "Missing required field Principal");
        malformed(policy("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}"),
                TRUST, "Has prohibited field Resource");
        malformed(policy("{\"Effect\":\"Allow\",\"Principal\":{\"Robot\":\"x\"},\"Action\":\"sts:AssumeRole\"}"), TRUST,
                "Invalid principal in policy");
        malformed(policy("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"s3:GetObject\"}"), TRUST,
                "AssumeRole policy may only specify STS AssumeRole actions.");
    }
}
