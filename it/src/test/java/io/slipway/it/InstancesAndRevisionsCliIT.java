package io.slipway.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** On-premises instances and application revisions with the AWS CLI, unchanged. */
class InstancesAndRevisionsCliIT {
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();

    @BeforeAll
    static void cli() {
        AwsCli.requireCli();
    }

    private static AwsCli.Result aws(String... args) {
        AwsCli.Result r = AwsCli.at(slipway.endpoint(), args);
        assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.stderr()).isZero();
        return r;
    }

    @Test
    void onPremisesInstances() {
        aws("deploy", "register-on-premises-instance", "--instance-name", "rack-7",
                "--iam-user-arn", "arn:aws:iam::000000000000:user/rack-7");
        aws("deploy", "register-on-premises-instance", "--instance-name", "rack-8",
                "--iam-session-arn", "arn:aws:sts::000000000000:assumed-role/CodeDeployHost/rack-8");
        aws("deploy", "add-tags-to-on-premises-instances", "--instance-names", "rack-7", "rack-8",
                "--tags", "Key=Name,Value=web");
        aws("deploy", "add-tags-to-on-premises-instances", "--instance-names", "rack-8", "--tags", "Key=Name,Value=db");

        assertThat(aws("deploy", "list-on-premises-instances", "--tag-filters", "Key=Name,Value=web,Type=KEY_AND_VALUE",
                "--query", "instanceNames", "--output", "text").stdout().trim()).isEqualTo("rack-7");
        assertThat(aws("deploy", "list-on-premises-instances", "--registration-status", "Registered",
                "--tag-filters", "Key=Name,Type=KEY_ONLY", "--query", "instanceNames", "--output", "text").stdout().trim())
                .isEqualTo("rack-7\track-8");
        assertThat(aws("deploy", "get-on-premises-instance", "--instance-name", "rack-7",
                "--query", "instanceInfo.instanceArn", "--output", "text").stdout().trim())
                .isEqualTo("arn:aws:codedeploy:us-east-1:000000000000:instance/rack-7");

        aws("deploy", "deregister-on-premises-instance", "--instance-name", "rack-8");
        assertThat(aws("deploy", "list-on-premises-instances", "--registration-status", "Deregistered",
                "--query", "instanceNames", "--output", "text").stdout().trim()).isEqualTo("rack-8");

        AwsCli.Result taken = AwsCli.at(slipway.endpoint(), "deploy", "register-on-premises-instance",
                "--instance-name", "rack-9", "--iam-user-arn", "arn:aws:iam::000000000000:user/rack-7");
        assertThat(taken.exitCode()).isNotZero();
        assertThat(taken.stderr()).contains("(IamUserArnAlreadyRegisteredException)");
    }

    @Test
    void applicationRevisions() {
        aws("deploy", "create-application", "--application-name", "cli-revisions");
        aws("deploy", "register-application-revision", "--application-name", "cli-revisions",
                "--s3-location", "bucket=b,key=k,bundleType=zip", "--description", "from the CLI");
        aws("deploy", "register-application-revision", "--application-name", "cli-revisions",
                "--github-location", "repository=octo/shop,commitId=0123456789abcdef0123456789abcdef01234567");
        aws("deploy", "register-application-revision", "--application-name", "cli-revisions",
                "--s3-location", "bucket=cli-bundles,key=shop/v2.tgz,bundleType=tgz,version=v2");

        AwsCli.Result list = aws("deploy", "list-application-revisions", "--application-name", "cli-revisions",
                "--query", "revisions[].revisionType", "--output", "text");
        assertThat(list.stdout().trim()).isEqualTo("S3\tGitHub\tS3");
        assertThat(aws("deploy", "list-application-revisions", "--application-name", "cli-revisions",
                "--s3-bucket", "cli-bundles", "--s3-key-prefix", "shop/", "--sort-by", "registerTime",
                "--sort-order", "descending", "--deployed", "exclude",
                "--query", "revisions[].s3Location.key", "--output", "text").stdout().trim()).isEqualTo("shop/v2.tgz");
        assertThat(aws("deploy", "get-application-revision", "--application-name", "cli-revisions",
                "--s3-location", "bucket=b,key=k,bundleType=zip", "--query", "revisionInfo.description",
                "--output", "text").stdout().trim()).isEqualTo("from the CLI");

        AwsCli.Result missing = AwsCli.at(slipway.endpoint(), "deploy", "list-application-revisions",
                "--application-name", "cli-revisions", "--s3-key-prefix", "k");
        assertThat(missing.stderr()).contains("(BucketNameFilterRequiredException)");
    }
}
