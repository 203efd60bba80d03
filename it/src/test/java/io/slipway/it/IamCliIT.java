package io.slipway.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AWS CLI's IAM commands against Slipway, and a request signed with the access key IAM issued
 * acting in the user's account.
 */
class IamCliIT {
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();
    private static final String ACCOUNT = "121212121212";

    @BeforeAll
    static void cli() {
        AwsCli.requireCli();
    }

    /** {@code aws ...} signed as the account (its 12-digit key). */
    private static AwsCli.Result aws(String... args) {
        return as(ACCOUNT, "secret", args);
    }

    private static AwsCli.Result as(String key, String secret, String... args) {
        String[] full = new String[args.length + 2];
        full[0] = "--endpoint-url";
        full[1] = slipway.endpoint();
        System.arraycopy(args, 0, full, 2, args.length);
        AwsCli.Result r = AwsCli.run(Map.of("AWS_ACCESS_KEY_ID", key, "AWS_SECRET_ACCESS_KEY", secret), full);
        assertThat(r.exitCode()).as(String.join(" ", args) + ": " + r.stderr()).isZero();
        return r;
    }

    @Test
    void rolesPoliciesAndAUsersKeyFromTheCli() {
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"Service\":\"codedeploy.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
        AwsCli.Result role = aws("iam", "create-role", "--role-name", "cd-service", "--assume-role-policy-document", trust);
        assertThat(role.stdout()).contains("\"Arn\": \"arn:aws:iam::" + ACCOUNT + ":role/cd-service\"");
        // the CLI decodes IAM's URL-encoded documents into JSON
        assertThat(aws("iam", "get-role", "--role-name", "cd-service", "--query",
                "Role.AssumeRolePolicyDocument.Statement[0].Principal.Service", "--output", "text").stdout().trim())
                .isEqualTo("codedeploy.amazonaws.com");
        aws("iam", "attach-role-policy", "--role-name", "cd-service", "--policy-arn",
                "arn:aws:iam::aws:policy/service-role/AWSCodeDeployRole");
        aws("iam", "put-role-policy", "--role-name", "cd-service", "--policy-name", "bundles", "--policy-document",
                "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}}");
        assertThat(aws("iam", "list-attached-role-policies", "--role-name", "cd-service").stdout())
                .contains("AWSCodeDeployRole");
        assertThat(aws("iam", "get-role-policy", "--role-name", "cd-service", "--policy-name", "bundles", "--query",
                "PolicyDocument.Statement.Action", "--output", "text").stdout().trim()).isEqualTo("s3:GetObject");

        aws("iam", "create-user", "--user-name", "ci");
        String created = aws("iam", "create-access-key", "--user-name", "ci", "--output", "text", "--query",
                "[AccessKey.AccessKeyId, AccessKey.SecretAccessKey]").stdout().trim();
        Matcher m = Pattern.compile("(AKIA[A-Z2-7]{16})\\s+(\\S{40})").matcher(created);
        assertThat(m.matches()).as(created).isTrue();
        String keyId = m.group(1);
        String secret = m.group(2);

        as(keyId, secret, "deploy", "create-application", "--application-name", "made-by-ci");
        assertThat(aws("deploy", "list-applications").stdout()).contains("\"made-by-ci\"");
        assertThat(as("000000000000", "x", "deploy", "list-applications").stdout()).doesNotContain("made-by-ci");
        assertThat(as(keyId, secret, "iam", "get-user", "--query", "User.UserName", "--output", "text").stdout().trim())
                .isEqualTo("ci");

        AwsCli.Result conflict = AwsCli.run(Map.of("AWS_ACCESS_KEY_ID", ACCOUNT), "--endpoint-url", slipway.endpoint(),
                "iam", "delete-role", "--role-name", "cd-service");
        assertThat(conflict.exitCode()).isNotZero();
        assertThat(conflict.stderr()).contains("An error occurred (DeleteConflict) when calling the DeleteRole operation: "
                + "Cannot delete entity, must delete policies first.");
    }
}
