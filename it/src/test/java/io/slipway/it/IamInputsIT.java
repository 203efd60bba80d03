package io.slipway.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iam.IamClient;

import static io.slipway.it.IamErrorAssert.fails;
import static io.slipway.it.IamRolesIT.LOGS;
import static io.slipway.it.IamRolesIT.TRUST;

/** Bad input gets IAM's answer: its error code, HTTP status and words, never a 5xx. */
class IamInputsIT {
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();
    private final IamClient iam = slipway.iam("666600006666");

    @Test
    void namesAndPathsFollowIamsPatternsAndLengths() {
        fails(() -> iam.createUser(r -> r.userName("a".repeat(65))), "ValidationError", 400,
                "at 'userName' failed to satisfy constraint: Member must have length less than or equal to 64");
        fails(() -> iam.createRole(r -> r.roleName("bad name").assumeRolePolicyDocument(TRUST)), "ValidationError", 400,
                "The specified value for roleName is invalid. It must contain only alphanumeric characters and/or the "
                        + "following: +=,.@_-");
        fails(() -> iam.createUser(r -> r.userName("pathless").path("staff/")), "ValidationError", 400,
                "The specified value for path is invalid. It must begin and end with / and contain only alphanumeric "
                        + "characters and/or / characters.");
        fails(() -> iam.createUser(r -> r.userName("longpath").path("/" + "a".repeat(511) + "/")), "ValidationError",
                400, "Member must have length less than or equal to 512");
        fails(() -> iam.createPolicy(r -> r.policyName("p".repeat(129)).policyDocument(LOGS)), "ValidationError", 400,
                "Member must have length less than or equal to 128");
        fails(() -> iam.listUsers(r -> r.pathPrefix("nope")), "ValidationError", 400,
                "The specified value for pathPrefix is invalid.");
        fails(() -> iam.getPolicy(r -> r.policyArn("arn:aws:iam::666600006666:role/not-a-policy")), "InvalidInput", 400,
                "ARN arn:aws:iam::666600006666:role/not-a-policy is not valid.");
    }

    @Test
    void policyDocumentsAreCheckedAsIamChecksThem() {
        iam.createRole(r -> r.roleName("target").assumeRolePolicyDocument(TRUST));
        fails(() -> iam.putRolePolicy(r -> r.roleName("target").policyName("p").policyDocument("{not json")),
                "MalformedPolicyDocument", 400, "Syntax errors in policy.");
        fails(() -> iam.putRolePolicy(r -> r.roleName("target").policyName("p").policyDocument(
                        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Maybe\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}")),
                "MalformedPolicyDocument", 400, "Syntax errors in policy.");
        fails(() -> iam.putRolePolicy(r -> r.roleName("target").policyName("p").policyDocument(
                        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\"}}")),
                "MalformedPolicyDocument", 400, "Policy statement must contain resources.");
        fails(() -> iam.putRolePolicy(r -> r.roleName("target").policyName("p").policyDocument(TRUST)),
                "MalformedPolicyDocument", 400, "Policy document should not specify a principal.");
        fails(() -> iam.putRolePolicy(r -> r.roleName("target").policyName("p").policyDocument(
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"A\",\"Effect\":\"Allow\",\"Action\":\"s3:*\","
                                + "\"Resource\":\"*\"},{\"Sid\":\"A\",\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}")),
                "MalformedPolicyDocument", 400, "Statement IDs (SID) in a single policy must be unique.");
        fails(() -> iam.updateAssumeRolePolicy(r -> r.roleName("target").policyDocument(LOGS)),
                "MalformedPolicyDocument", 400, "Missing required field Principal");
        fails(() -> iam.createRole(r -> r.roleName("x").assumeRolePolicyDocument(TRUST.replace("sts:AssumeRole", "s3:*"))),
                "MalformedPolicyDocument", 400, "AssumeRole policy may only specify STS AssumeRole actions.");
        fails(() -> iam.createPolicy(r -> r.policyName("old").policyDocument(LOGS.replace("2012-10-17", "2008-10-17"))),
                "MalformedPolicyDocument", 400, "Policy document must be version 2012-10-17 or greater.");
        fails(() -> iam.createPolicy(r -> r.policyName("bad-action").policyDocument(LOGS.replace("logs:PutLogEvents",
                "PutLogEvents"))), "MalformedPolicyDocument", 400, "Actions/Conditions must be prefaced by a vendor");
    }

    @Test
    void policySizesAreLimitedAsIamLimitsThem() {
        String big = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::" + "b".repeat(6100) + "\"}}";
        fails(() -> iam.createPolicy(r -> r.policyName("big").policyDocument(big)), "LimitExceeded", 409,
                "Cannot exceed quota for PolicySize: 6144");
        String padded = LOGS.replace(" ", " ".repeat(200));
        iam.createPolicy(r -> r.policyName("spacious").policyDocument(padded));
        iam.createUser(r -> r.userName("limited"));
        String userSized = big.replace("b".repeat(6100), "b".repeat(1000));
        iam.putUserPolicy(r -> r.userName("limited").policyName("one").policyDocument(userSized));
        fails(() -> iam.putUserPolicy(r -> r.userName("limited").policyName("two").policyDocument(userSized)),
                "LimitExceeded", 409, "Maximum policy size of 2048 bytes exceeded for user limited");
        String trust = TRUST.replace("lambda.amazonaws.com", "x".repeat(2100) + ".amazonaws.com");
        fails(() -> iam.createRole(r -> r.roleName("bigtrust").assumeRolePolicyDocument(trust)), "LimitExceeded", 409,
                "Cannot exceed quota for ACLSizePerRole: 2048");
    }
}
