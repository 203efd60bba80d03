package io.slipway.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** The AWS CLI's {@code aws ssm} parameter commands against Slipway, with the CLI's own paging. */
class SsmCliIT {
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();

    @BeforeAll
    static void cli() {
        AwsCli.requireCli();
    }

    private static AwsCli.Result ok(String... args) {
        AwsCli.Result r = AwsCli.at(slipway.endpoint(), args);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return r;
    }

    @Test
    void putGetAndPageThroughAPath() {
        for (int i = 0; i < 12; i++) {
            ok("ssm", "put-parameter", "--name", "/cli/app/p" + i, "--value", "v" + i, "--type", "String");
        }
        ok("ssm", "put-parameter", "--name", "/cli/app/secret", "--value", "hunter2", "--type", "SecureString");
        assertThat(ok("ssm", "put-parameter", "--name", "/cli/app/p0", "--value", "again", "--overwrite").stdout())
                .contains("\"Version\": 2");
        // --page-size makes the CLI follow NextToken across pages of 5
        String all = ok("ssm", "get-parameters-by-path", "--path", "/cli", "--recursive", "--page-size", "5",
                "--query", "Parameters[].Name", "--output", "text").stdout();
        assertThat(all.trim().split("\\s+")).hasSize(13).contains("/cli/app/p11", "/cli/app/secret");
        assertThat(ok("ssm", "get-parameter", "--name", "/cli/app/secret", "--with-decryption", "--query",
                "Parameter.Value", "--output", "text").stdout().trim()).isEqualTo("hunter2");
        assertThat(ok("ssm", "get-parameter", "--name", "/cli/app/secret", "--query", "Parameter.Value", "--output",
                "text").stdout()).doesNotContain("hunter2");
        AwsCli.Result exists = AwsCli.at(slipway.endpoint(), "ssm", "put-parameter", "--name", "/cli/app/p1", "--value",
                "x", "--type", "String");
        assertThat(exists.exitCode()).isNotZero();
        assertThat(exists.stderr()).contains("ParameterAlreadyExists");
    }
}
