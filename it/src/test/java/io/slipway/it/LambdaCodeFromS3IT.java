package io.slipway.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.s3.S3Client;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Function code uploaded to Slipway's S3 and named by S3Bucket/S3Key, as deployment tooling does it. */
class LambdaCodeFromS3IT {
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();
    private static final String ROLE = "arn:aws:iam::000000000000:role/lambda";
    private final LambdaClient lambda = slipway.lambda();
    private final S3Client s3 = slipway.s3();

    @BeforeAll
    static void nodeIsThere() throws Exception {
        LambdaFixtures.requireNode();
    }

    private static byte[] handler(String answer) {
        return Zips.of(Map.of("index.mjs", "export const handler = async () => ({ answer: '" + answer + "' });\n"));
    }

    @Test
    void aFunctionIsCreatedAndUpdatedFromObjectsInS3() throws Exception {
        s3.createBucket(b -> b.bucket("function-code"));
        s3.putBucketVersioning(b -> b.bucket("function-code").versioningConfiguration(v -> v.status("Enabled")));
        byte[] first = handler("first");
        String v1 = s3.putObject(b -> b.bucket("function-code").key("fn.zip"), RequestBody.fromBytes(first)).versionId();
        s3.putObject(b -> b.bucket("function-code").key("fn.zip"), RequestBody.fromBytes(handler("second")));

        var created = lambda.createFunction(r -> r.functionName("from-s3").runtime(Runtime.NODEJS20_X)
                .handler("index.handler").role(ROLE)
                .code(c -> c.s3Bucket("function-code").s3Key("fn.zip").s3ObjectVersion(v1)));
        assertThat(created.codeSha256()).isEqualTo(Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(first)));
        slipway.awaitIdle();
        assertThat(lambda.invoke(r -> r.functionName("from-s3")).payload().asUtf8String()).contains("first");

        lambda.updateFunctionCode(r -> r.functionName("from-s3").s3Bucket("function-code").s3Key("fn.zip"));
        slipway.awaitIdle();
        assertThat(lambda.invoke(r -> r.functionName("from-s3")).payload().asUtf8String()).contains("second");
    }

    @Test
    void aPackageThatIsNotThereIsAnInvalidParameterValue() {
        s3.createBucket(b -> b.bucket("empty-code"));
        assertThatThrownBy(() -> lambda.createFunction(r -> r.functionName("missing-key").runtime(Runtime.NODEJS20_X)
                .handler("index.handler").role(ROLE).code(c -> c.s3Bucket("empty-code").s3Key("nothing.zip"))))
                .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("S3 Error Code: NoSuchKey");
        assertThatThrownBy(() -> lambda.createFunction(r -> r.functionName("missing-bucket").runtime(Runtime.NODEJS20_X)
                .handler("index.handler").role(ROLE).code(c -> c.s3Bucket("no-such-code-bucket").s3Key("fn.zip"))))
                .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("S3 Error Code: NoSuchBucket");
        assertThatThrownBy(() -> lambda.createFunction(r -> r.functionName("both").runtime(Runtime.NODEJS20_X)
                .handler("index.handler").role(ROLE).code(c -> c.s3Bucket("empty-code").s3Key("fn.zip")
                        .zipFile(SdkBytes.fromByteArray(handler("x"))))))
                .isInstanceOf(InvalidParameterValueException.class);
        assertThatThrownBy(() -> lambda.getFunction(r -> r.functionName("missing-key")))
                .as("nothing half-created").isInstanceOf(software.amazon.awssdk.services.lambda.model.ResourceNotFoundException.class);
    }
}
