package io.slipway.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * S3 in verification mode, through real clients: the SDK's signed aws-chunked uploads (each chunk
 * and the CRC32 trailer signed), multipart uploads, the CLI copying 100 MiB both ways, presigned
 * URLs from the SDK and the CLI (with verification on and off); and what it refuses: a chunk
 * changed on the wire, an expired URL, a URL that claims to last more than a week.
 */
class S3SignaturesIT {
    private static final String KEY = "AKIDS3SIGNER";
    private static final String SECRET = "s3-signer-secret";
    private static final String ACCOUNT = "210987654321";

    @RegisterExtension
    static final SlipwayServer verifying = new SlipwayServer(c -> c.withVerifySignatures(true).withAccountKey(KEY, SECRET, ACCOUNT));
    @RegisterExtension
    static final SlipwayServer trusting = new SlipwayServer(c -> c.withAccountKey(KEY, SECRET, ACCOUNT));

    private static S3Client s3(SlipwayServer server, String secret, SdkHttpClient http, ExecutionInterceptor... interceptors) {
        return S3Client.builder().endpointOverride(URI.create(server.endpoint())).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, secret)))
                .overrideConfiguration(o -> o.executionInterceptors(List.of(interceptors)))
                .httpClient(http).build();
    }

    private static S3Client s3(SlipwayServer server) {
        return s3(server, SECRET, ApacheHttpClient.create());
    }

    private static S3Presigner presigner(SlipwayServer server) {
        return S3Presigner.builder().endpointOverride(URI.create(server.endpoint())).region(Region.US_EAST_1)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, SECRET))).build();
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** The x-amz-content-sha256 and x-amz-trailer each operation went out with, as the SDK signed it. */
    private static final class PayloadModes implements ExecutionInterceptor {
        final Map<String, String> sent = new ConcurrentHashMap<>();

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            SdkHttpRequest r = context.httpRequest();
            String operation = attributes.getAttribute(software.amazon.awssdk.core.interceptor.SdkExecutionAttribute.OPERATION_NAME);
            sent.put(operation, r.firstMatchingHeader("x-amz-content-sha256").orElse("-") + " "
                    + r.firstMatchingHeader("x-amz-trailer").orElse("-"));
        }
    }

    @Test
    void sdkPutObjectSendsSignedChunksAndACrc32TrailerThatHold() {
        PayloadModes modes = new PayloadModes();
        S3Client s3 = s3(verifying, SECRET, ApacheHttpClient.create(), modes);
        s3.createBucket(b -> b.bucket("signed-chunks"));
        byte[] body = random(200_000, 1);
        PutObjectResponse put = s3.putObject(b -> b.bucket("signed-chunks").key("k"), RequestBody.fromBytes(body));
        assertThat(modes.sent.get("PutObject"))
                .isEqualTo("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER x-amz-checksum-crc32");
        assertThat(put.checksumCRC32()).isNotBlank();
        assertThat(s3.getObjectAsBytes(b -> b.bucket("signed-chunks").key("k")).asByteArray()).isEqualTo(body);
        // an empty body is a final chunk and a trailer, both signed
        s3.putObject(b -> b.bucket("signed-chunks").key("empty"), RequestBody.empty());
        assertThat(s3.getObjectAsBytes(b -> b.bucket("signed-chunks").key("empty")).asByteArray()).isEmpty();

        S3Client wrongSecret = s3(verifying, "not-the-secret", ApacheHttpClient.create());
        assertThatThrownBy(() -> wrongSecret.putObject(b -> b.bucket("signed-chunks").key("k"), RequestBody.fromString("x")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
                });
        assertThat(s3.getObjectAsBytes(b -> b.bucket("signed-chunks").key("k")).asByteArray()).isEqualTo(body);
    }

    @Test
    void multipartUploadWithSignedParts() {
        PayloadModes modes = new PayloadModes();
        S3Client s3 = s3(verifying, SECRET, ApacheHttpClient.create(), modes);
        s3.createBucket(b -> b.bucket("signed-parts"));
        byte[] first = random(5 * 1024 * 1024, 2);
        byte[] second = random(300_000, 3);
        String upload = s3.createMultipartUpload(b -> b.bucket("signed-parts").key("whole")).uploadId();
        String e1 = s3.uploadPart(b -> b.bucket("signed-parts").key("whole").uploadId(upload).partNumber(1),
                RequestBody.fromBytes(first)).eTag();
        String e2 = s3.uploadPart(b -> b.bucket("signed-parts").key("whole").uploadId(upload).partNumber(2),
                RequestBody.fromBytes(second)).eTag();
        assertThat(modes.sent.get("UploadPart")).startsWith("STREAMING-AWS4-HMAC-SHA256-PAYLOAD");
        s3.completeMultipartUpload(b -> b.bucket("signed-parts").key("whole").uploadId(upload).multipartUpload(m -> m.parts(
                CompletedPart.builder().partNumber(1).eTag(e1).build(), CompletedPart.builder().partNumber(2).eTag(e2).build())));
        byte[] whole = s3.getObjectAsBytes(b -> b.bucket("signed-parts").key("whole")).asByteArray();
        assertThat(Arrays.copyOfRange(whole, 0, first.length)).isEqualTo(first);
        assertThat(Arrays.copyOfRange(whole, first.length, whole.length)).isEqualTo(second);
    }

    /** An HTTP client that changes the request body after the SDK has signed it, as a faulty network would. */
    private record Tampering(SdkHttpClient delegate, UnaryOperator<byte[]> change) implements SdkHttpClient {
        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            if (request.httpRequest().method() != SdkHttpMethod.PUT || request.contentStreamProvider().isEmpty()) {
                return delegate.prepareRequest(request);
            }
            byte[] sent;
            try (InputStream in = request.contentStreamProvider().get().newStream()) {
                sent = change.apply(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return delegate.prepareRequest(HttpExecuteRequest.builder().request(request.httpRequest())
                    .contentStreamProvider(() -> new ByteArrayInputStream(sent)).build());
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    private static UnaryOperator<byte[]> flipAfter(String marker, int offset) {
        return body -> {
            int at = new String(body, StandardCharsets.ISO_8859_1).indexOf(marker);
            assertThat(at).as(marker).isNotNegative();
            byte[] changed = body.clone();
            changed[at + marker.length() + offset] ^= 1;
            return changed;
        };
    }

    @Test
    void aChunkOrTrailerChangedOnTheWayIsSignatureDoesNotMatchAndNothingIsStored() {
        S3Client s3 = s3(verifying);
        s3.createBucket(b -> b.bucket("tampered"));
        s3.putObject(b -> b.bucket("tampered").key("kept"), RequestBody.fromString("the verified body"));
        byte[] body = random(300_000, 4); // more than one of the SDK's chunks
        Map<String, UnaryOperator<byte[]>> changes = Map.of(
                "a data byte of the second chunk", secondChunkData(),
                "the checksum trailer", flipAfter("x-amz-checksum-crc32:", 2),
                "a chunk signature", flipAfter(";chunk-signature=", 5));
        changes.forEach((what, change) -> {
            S3Client tampering = s3(verifying, SECRET, new Tampering(ApacheHttpClient.create(), change));
            for (String key : new String[] {"kept", "fresh"}) {
                assertThatThrownBy(() -> tampering.putObject(b -> b.bucket("tampered").key(key), RequestBody.fromBytes(body)))
                        .as(what).isInstanceOfSatisfying(S3Exception.class, e -> {
                            assertThat(e.statusCode()).isEqualTo(403);
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
                        });
            }
        });
        assertThat(s3.getObjectAsBytes(b -> b.bucket("tampered").key("kept")).asUtf8String()).isEqualTo("the verified body");
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket("tampered").key("fresh"))).isInstanceOf(NoSuchKeyException.class);

        String upload = s3.createMultipartUpload(b -> b.bucket("tampered").key("parts")).uploadId();
        S3Client tampering = s3(verifying, SECRET, new Tampering(ApacheHttpClient.create(), secondChunkData()));
        assertThatThrownBy(() -> tampering.uploadPart(b -> b.bucket("tampered").key("parts").uploadId(upload).partNumber(1),
                RequestBody.fromBytes(body))).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch"));
        assertThat(s3.listParts(b -> b.bucket("tampered").key("parts").uploadId(upload)).parts()).isEmpty();
    }

    /** A byte a little way into the second chunk's data, past its size line. */
    private static UnaryOperator<byte[]> secondChunkData() {
        return body -> {
            String text = new String(body, StandardCharsets.ISO_8859_1);
            int second = text.indexOf(";chunk-signature=", text.indexOf(";chunk-signature=") + 1);
            int data = text.indexOf("\r\n", second) + 2;
            byte[] changed = body.clone();
            changed[data + 10] ^= 1;
            return changed;
        };
    }

    @Test
    void theCliCopiesOneHundredMebibytesUpAndDown(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        AwsCli.requireCli();
        s3(verifying).createBucket(b -> b.bucket("cli-signed"));
        Path up = dir.resolve("up.bin");
        Path down = dir.resolve("down.bin");
        try (var out = Files.newOutputStream(up)) {
            Random random = new Random(5);
            byte[] block = new byte[1024 * 1024];
            for (int i = 0; i < 100; i++) {
                random.nextBytes(block);
                out.write(block);
            }
        }
        Map<String, String> keys = Map.of("AWS_ACCESS_KEY_ID", KEY, "AWS_SECRET_ACCESS_KEY", SECRET);
        AwsCli.Result put = AwsCli.run(keys, "--endpoint-url", verifying.endpoint(), "s3", "cp", up.toString(), "s3://cli-signed/big.bin");
        assertThat(put.exitCode()).as(put.stderr()).isZero();
        AwsCli.Result get = AwsCli.run(keys, "--endpoint-url", verifying.endpoint(), "s3", "cp", "s3://cli-signed/big.bin", down.toString());
        assertThat(get.exitCode()).as(get.stderr()).isZero();
        assertThat(Files.size(down)).isEqualTo(100L * 1024 * 1024);
        assertThat(Files.mismatch(up, down)).isEqualTo(-1);

        AwsCli.Result refused = AwsCli.run(Map.of("AWS_ACCESS_KEY_ID", KEY, "AWS_SECRET_ACCESS_KEY", "wrong"),
                "--endpoint-url", verifying.endpoint(), "s3", "cp", up.toString(), "s3://cli-signed/refused.bin");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains("SignatureDoesNotMatch");
    }

    @Test
    void sdkPresignedGetAndPutWorkWithVerificationOnAndOff() {
        for (SlipwayServer server : new SlipwayServer[] {verifying, trusting}) {
            String bucket = server == verifying ? "presigned-on" : "presigned-off";
            s3(server).createBucket(b -> b.bucket(bucket));
            try (S3Presigner presigner = presigner(server)) {
                String put = presigner.presignPutObject(r -> r.signatureDuration(Duration.ofMinutes(5))
                        .putObjectRequest(p -> p.bucket(bucket).key("via-url"))).url().toString();
                HttpResponse<String> stored = RawHttp.put(put, "put through a presigned URL");
                assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
                String get = presigner.presignGetObject(r -> r.signatureDuration(Duration.ofMinutes(5))
                        .getObjectRequest(g -> g.bucket(bucket).key("via-url"))).url().toString();
                assertThat(RawHttp.get(get).body()).isEqualTo("put through a presigned URL");
                // the URL's signature covers its path: another key is refused where signatures count
                HttpResponse<String> elsewhere = RawHttp.get(get.replace("/via-url?", "/other?"));
                assertThat(elsewhere.statusCode()).isEqualTo(server == verifying ? 403 : 404);
                assertThat(elsewhere.body()).contains(server == verifying ? "<Code>SignatureDoesNotMatch</Code>" : "<Code>NoSuchKey</Code>");
            }
        }
    }

    /** CLI v1 presigns with SigV2 unless its configuration asks for SigV4: Slipway verifies both. */
    @Test
    void cliPresignedUrlsWorkWithVerificationOnAndOff(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException, InterruptedException {
        AwsCli.requireCli();
        Path v4 = Files.writeString(dir.resolve("config"), "[default]\ns3 =\n    signature_version = s3v4\n");
        Path v2 = Files.writeString(dir.resolve("empty-config"), "[default]\n");
        for (SlipwayServer server : new SlipwayServer[] {verifying, trusting}) {
            String bucket = server == verifying ? "cli-presigned-on" : "cli-presigned-off";
            s3(server).createBucket(b -> b.bucket(bucket));
            s3(server).putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("fetched through the CLI's URL"));
            for (Path config : List.of(v4, v2)) {
                AwsCli.Result presign = AwsCli.run(Map.of("AWS_ACCESS_KEY_ID", KEY, "AWS_SECRET_ACCESS_KEY", SECRET,
                                "AWS_CONFIG_FILE", config.toString()),
                        "--endpoint-url", server.endpoint(), "s3", "presign", "s3://" + bucket + "/k", "--expires-in", "300");
                assertThat(presign.exitCode()).as(presign.stderr()).isZero();
                String url = presign.stdout().trim();
                assertThat(url).contains(config == v2 ? "AWSAccessKeyId=" : "X-Amz-Credential=");
                HttpResponse<String> fetched = RawHttp.get(url);
                assertThat(fetched.statusCode()).as(fetched.body()).isEqualTo(200);
                assertThat(fetched.body()).isEqualTo("fetched through the CLI's URL");
                if (server == verifying) {
                    HttpResponse<String> other = RawHttp.get(url.replace("/k?", "/other?"));
                    assertThat(other.body()).contains("<Code>SignatureDoesNotMatch</Code>");
                }
            }
        }
        // a SigV2 URL past its Expires
        AwsCli.Result expired = AwsCli.run(Map.of("AWS_ACCESS_KEY_ID", KEY, "AWS_SECRET_ACCESS_KEY", SECRET,
                "AWS_CONFIG_FILE", v2.toString()), "--endpoint-url", verifying.endpoint(), "s3", "presign",
                "s3://cli-presigned-on/k", "--expires-in", "1");
        String url = expired.stdout().trim();
        long expires = Long.parseLong(url.replaceAll(".*[?&]Expires=(\\d+).*", "$1"));
        Thread.sleep(Math.max(0, (expires + 1) * 1000 - System.currentTimeMillis())); // until it has expired
        HttpResponse<String> late = RawHttp.get(url);
        assertThat(late.statusCode()).isEqualTo(403);
        assertThat(late.body()).contains("<Code>AccessDenied</Code>", "Request has expired");
    }

    @Test
    void anExpiredPresignedUrlIsAccessDenied() {
        S3Client s3 = s3(verifying);
        s3.createBucket(b -> b.bucket("expired-url"));
        s3.putObject(b -> b.bucket("expired-url").key("k"), RequestBody.fromString("not for late callers"));
        // the SDK's own signer, its clock an hour behind: a URL good for five minutes from then
        SdkHttpRequest unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.GET)
                .uri(URI.create(verifying.endpoint() + "/expired-url/k")).build();
        String url = AwsV4HttpSigner.create().sign(r -> r.identity(AwsCredentialsIdentity.create(KEY, SECRET)).request(unsigned)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4HttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, Duration.ofMinutes(5))
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC)))
                .request().getUri().toString();
        HttpResponse<String> late = RawHttp.get(url);
        assertThat(late.statusCode()).isEqualTo(403);
        assertThat(late.body()).contains("<Code>AccessDenied</Code>").contains("<Message>Request has expired</Message>")
                .contains("<X-Amz-Expires>300</X-Amz-Expires>").doesNotContain("not for late callers");
    }

    @Test
    void aPresignedUrlClaimingMoreThanAWeekIsAuthorizationQueryParametersError() {
        S3Client s3 = s3(verifying);
        s3.createBucket(b -> b.bucket("long-url"));
        s3.putObject(b -> b.bucket("long-url").key("k"), RequestBody.fromString("x"));
        String url;
        try (S3Presigner presigner = presigner(verifying)) {
            url = presigner.presignGetObject(r -> r.signatureDuration(Duration.ofDays(7))
                    .getObjectRequest(g -> g.bucket("long-url").key("k"))).url().toString();
        }
        assertThat(RawHttp.get(url).statusCode()).as("seven days is the longest allowed").isEqualTo(200);
        HttpResponse<String> tooLong = RawHttp.get(url.replace("X-Amz-Expires=604800", "X-Amz-Expires=604801"));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("<Code>AuthorizationQueryParametersError</Code>");
    }
}
