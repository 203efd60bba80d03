package io.slipway.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.Runtime;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Functions act as their execution role, as on AWS: the SDK inside finds session credentials STS
 * minted for the role at the cold start, GetCallerIdentity answers
 * {@code assumed-role/<role>/<function>}, and those credentials act in the function's account only.
 */
class ExecutionRoleCredentialsIT {
    private static final String A = "151515151515";
    private static final String B = "161616161616";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();

    @BeforeAll
    static void roles() {
        slipway.iam(A).createRole(r -> r.roleName("app-role").path("/service-role/").assumeRolePolicyDocument(TRUST));
        slipway.iam(B).createRole(r -> r.roleName("b-role").assumeRolePolicyDocument(TRUST));
        LambdaClient b = slipway.lambda(B, "us-east-1");
        b.createFunction(r -> r.functionName("b-private").runtime(Runtime.PROVIDED_AL2023).handler("x")
                .role("arn:aws:iam::" + B + ":role/b-role")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(Zips.of(Map.of("bootstrap", "#!/bin/sh\nexit 0\n"))))));
    }

    private static JsonNode run(String account, String name, Runtime runtime, String role, String file, String source,
                                String event) throws Exception {
        LambdaClient lambda = slipway.lambda(account, "us-east-1");
        lambda.createFunction(r -> r.functionName(name).runtime(runtime).handler("index.handler").timeout(30).role(role)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(Zips.of(Map.of(file, source))))));
        slipway.awaitIdle();
        return invoke(account, name, event);
    }

    private static JsonNode invoke(String account, String name, String event) throws Exception {
        InvokeResponse r = slipway.lambda(account, "us-east-1")
                .invoke(q -> q.functionName(name).payload(SdkBytes.fromUtf8String(event)));
        assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
        return JSON.readTree(r.payload().asUtf8String());
    }

    private static final String NODE_WHO_AM_I = """
            import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
            import { LambdaClient, GetFunctionCommand } from '@aws-sdk/client-lambda';
            export const handler = async (event) => {
              const me = await new STSClient({}).send(new GetCallerIdentityCommand({}));
              let other = 'none';
              if (event.other) {
                try { await new LambdaClient({}).send(new GetFunctionCommand({ FunctionName: event.other })); other = 'read'; }
                catch (e) { other = e.name; }
              }
              return { arn: me.Arn, account: me.Account, userId: me.UserId, key: process.env.AWS_ACCESS_KEY_ID,
                       token: process.env.AWS_SESSION_TOKEN.length, other };
            };
            """;

    @Test
    void aNodeFunctionActsAsItsExecutionRole() throws Exception {
        RuntimeLibrariesIT.requireNodeSdk(slipway);
        String role = "arn:aws:iam::" + A + ":role/service-role/app-role";
        JsonNode first = run(A, "who-node", Runtime.NODEJS20_X, role, "index.mjs", NODE_WHO_AM_I, "{}");
        assertThat(first.path("arn").asText()).isEqualTo("arn:aws:sts::" + A + ":assumed-role/app-role/who-node");
        assertThat(first.path("account").asText()).isEqualTo(A);
        assertThat(first.path("userId").asText()).matches("AROA[A-Z0-9]+:who-node");
        assertThat(first.path("key").asText()).startsWith("ASIA");
        assertThat(first.path("token").asInt()).isGreaterThan(100);

        JsonNode warm = invoke(A, "who-node", "{}");
        assertThat(warm.path("key").asText()).as("minted once per execution environment").isEqualTo(first.path("key").asText());
    }

    @Test
    void aPythonFunctionActsAsItsExecutionRole() throws Exception {
        RuntimeLibrariesIT.requireBoto3(slipway);
        JsonNode r = run(A, "who-py", Runtime.PYTHON3_12, "arn:aws:iam::" + A + ":role/service-role/app-role", "index.py", """
                import boto3
                def handler(event, context):
                    return {'arn': boto3.client('sts').get_caller_identity()['Arn']}
                """, "{}");
        assertThat(r.path("arn").asText()).isEqualTo("arn:aws:sts::" + A + ":assumed-role/app-role/who-py");
    }

    @Test
    void roleCredentialsActInTheFunctionsAccountOnly() throws Exception {
        RuntimeLibrariesIT.requireNodeSdk(slipway);
        String other = "arn:aws:lambda:us-east-1:" + B + ":function:b-private";
        JsonNode r = run(A, "who-cross", Runtime.NODEJS20_X, "arn:aws:iam::" + A + ":role/service-role/app-role",
                "index.mjs", NODE_WHO_AM_I, "{\"other\":\"" + other + "\"}");
        assertThat(r.path("arn").asText()).isEqualTo("arn:aws:sts::" + A + ":assumed-role/app-role/who-cross");
        assertThat(r.path("other").asText()).as("account B's function, asked with A's role credentials")
                .isEqualTo("AccessDeniedException");

        JsonNode own = invoke(A, "who-cross", "{\"other\":\"who-node-missing\"}");
        assertThat(own.path("other").asText()).as("its own account's namespace").isEqualTo("ResourceNotFoundException");
    }

    @Test
    void aRoleThatIsNotThereLeavesTheFunctionWithItsAccountsCredentials() throws Exception {
        RuntimeLibrariesIT.requireNodeSdk(slipway);
        JsonNode missing = run(A, "who-no-role", Runtime.NODEJS20_X, "arn:aws:iam::" + A + ":role/not-created",
                "index.mjs", NODE_WHO_AM_I, "{}");
        assertThat(missing.path("arn").asText()).isEqualTo("arn:aws:iam::" + A + ":root");

        JsonNode foreign = run(A, "who-foreign-role", Runtime.NODEJS20_X, "arn:aws:iam::" + B + ":role/b-role",
                "index.mjs", NODE_WHO_AM_I, "{}");
        assertThat(foreign.path("arn").asText()).as("another account's role is not minted for A's function")
                .isEqualTo("arn:aws:iam::" + A + ":root");
    }
}
