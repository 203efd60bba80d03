package io.slipway.it;

import io.slipway.app.Slipway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two Slipway nodes on one PostgreSQL schema keep no body of their own: what is written through
 * one is read through the other, because object bodies, parts and Lambda packages are rows of the
 * shared database. Without PostgreSQL this skips, except under CI=true.
 */
class PostgresBodiesIT {
    private static final int MIB = 1024 * 1024;
    private static final String ROLE = "arn:aws:iam::000000000000:role/lambda";
    /** Rows of bodies not deleted: deleted ones wait as gone:<id> for readers under way. */
    private static final String LIVE = " WHERE blob_id NOT LIKE 'gone:%'";
    private static PostgresSchema schema;
    private static Slipway a;
    private static Slipway b;

    @BeforeAll
    static void twoNodes() {
        schema = PostgresSchema.create();
        a = Slipway.start(schema.config());
        b = Slipway.start(schema.config());
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable node : new AutoCloseable[] {b, a}) {
            try {
                if (node != null) {
                    node.close();
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        if (schema != null) {
            schema.drop();
        }
    }

    private static S3Client s3(Slipway node) {
        return S3Client.builder().endpointOverride(URI.create(node.endpoint())).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .httpClient(ApacheHttpClient.create()).build();
    }

    private static LambdaClient lambda(Slipway node) {
        return LambdaClient.builder().endpointOverride(URI.create(node.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** Byte {@code i} of every test body: known at any offset without keeping the body. */
    private static byte at(long i) {
        return (byte) ((i * 2654435761L) >>> 13 ^ i >>> 20);
    }

    /** {@code size} bytes of {@link #at} from {@code from}, produced as they are read. */
    private static InputStream generated(long from, long size) {
        return new InputStream() {
            private long next = from;

            @Override
            public int read() {
                return next < from + size ? at(next++) & 0xff : -1;
            }

            @Override
            public int read(byte[] buf, int off, int len) {
                if (next >= from + size) {
                    return -1;
                }
                int n = (int) Math.min(len, from + size - next);
                for (int k = 0; k < n; k++) {
                    buf[off + k] = at(next++);
                }
                return n;
            }
        };
    }

    private static byte[] bytes(long from, int size) throws IOException {
        return generated(from, size).readAllBytes();
    }

    private static String sha256(InputStream in) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[64 * 1024];
        for (int n; (n = in.read(buf)) > 0; ) {
            sha.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static long chunkRows(String where) throws SQLException {
        try (Connection c = DriverManager.getConnection(schema.url(), schema.user(), schema.password());
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM blob_chunk" + where)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aLargeObjectPutThroughOneNodeReadsBackWholeAndInRangesThroughTheOther() throws Exception {
        long size = 100L * MIB + 12_345;
        s3(a).createBucket(r -> r.bucket("large"));
        String expected = sha256(generated(0, size));
        long rowsBefore = chunkRows(LIVE);
        long put = System.nanoTime();
        s3(a).putObject(r -> r.bucket("large").key("big.bin"), RequestBody.fromInputStream(generated(0, size), size));
        put = System.nanoTime() - put;
        assertThat(chunkRows(LIVE)).isEqualTo(rowsBefore + 101); // 100 full chunks and the rest

        long get = System.nanoTime();
        try (ResponseInputStream<GetObjectResponse> got = s3(b).getObject(r -> r.bucket("large").key("big.bin"))) {
            assertThat(got.response().contentLength()).isEqualTo(size);
            assertThat(sha256(got)).isEqualTo(expected);
        }
        get = System.nanoTime() - get;
        // a quick timing for engine/README.md, not a benchmark: client, server and PostgreSQL share two cores
        System.out.printf("100 MiB on PostgreSQL: PUT %.0f MB/s, GET %.0f MB/s (with the client's SHA-256)%n",
                size / (put / 1e3), size / (get / 1e3));
        long from = 3L * MIB - 100; // across a chunk boundary
        byte[] range = s3(b).getObjectAsBytes(r -> r.bucket("large").key("big.bin").range("bytes=" + from + "-" + (from + 299)))
                .asByteArray();
        assertThat(range).isEqualTo(bytes(from, 300));
        byte[] tail = s3(a).getObjectAsBytes(r -> r.bucket("large").key("big.bin").range("bytes=-10")).asByteArray();
        assertThat(tail).isEqualTo(bytes(size - 10, 10));

        // a GET under way when another node overwrites the object reads the old body to its end: the
        // overwrite sets the old rows aside with its commit (until the sweeper's second look)
        MessageDigest whole = MessageDigest.getInstance("SHA-256");
        try (ResponseInputStream<GetObjectResponse> got = s3(b).getObject(r -> r.bucket("large").key("big.bin"))) {
            whole.update(got.readNBytes(10 * MIB));
            s3(a).putObject(r -> r.bucket("large").key("big.bin"), RequestBody.fromString("small now"));
            assertThat(s3(b).getObjectAsBytes(r -> r.bucket("large").key("big.bin")).asUtf8String()).isEqualTo("small now");
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = got.read(buf)) > 0; ) {
                whole.update(buf, 0, n);
            }
        }
        assertThat(HexFormat.of().formatHex(whole.digest())).isEqualTo(expected);
        assertThat(chunkRows(LIVE)).isEqualTo(rowsBefore + 1);
        assertThat(chunkRows(" WHERE blob_id LIKE 'gone:%'")).isGreaterThanOrEqualTo(101);
    }

    @Test
    void aMultipartUploadWithPartsOnBothNodesCompletes() throws Exception {
        s3(a).createBucket(r -> r.bucket("parts"));
        String upload = s3(a).createMultipartUpload(r -> r.bucket("parts").key("assembled")).uploadId();
        long[] starts = {0, 5L * MIB, 10L * MIB};
        int[] sizes = {5 * MIB, 5 * MIB, 777};
        S3Client[] via = {s3(a), s3(b), s3(a)};
        List<CompletedPart> parts = new ArrayList<>();
        MessageDigest md5s = MessageDigest.getInstance("MD5");
        for (int i = 0; i < 3; i++) {
            int number = i + 1;
            byte[] body = bytes(starts[i], sizes[i]);
            String etag = via[i].uploadPart(r -> r.bucket("parts").key("assembled").uploadId(upload).partNumber(number),
                    RequestBody.fromBytes(body)).eTag();
            md5s.update(MessageDigest.getInstance("MD5").digest(body));
            parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        }
        String etag = s3(b).completeMultipartUpload(r -> r.bucket("parts").key("assembled").uploadId(upload)
                .multipartUpload(m -> m.parts(parts))).eTag();
        assertThat(etag).isEqualTo("\"" + HexFormat.of().formatHex(md5s.digest()) + "-3\"");
        try (ResponseInputStream<GetObjectResponse> got = s3(a).getObject(r -> r.bucket("parts").key("assembled"))) {
            assertThat(sha256(got)).isEqualTo(sha256(generated(0, 10L * MIB + 777)));
        }
        // the parts went with the upload: only the assembled body's rows remain in this bucket's space
        assertThat(chunkRows(" WHERE blob_id LIKE 's3/%/parts/%'")).isZero();
    }

    @Test
    void copyObjectThroughOneNodeCopiesABodyWrittenThroughTheOther() {
        s3(a).createBucket(r -> r.bucket("copy-src"));
        s3(b).createBucket(r -> r.bucket("copy-dst"));
        s3(a).putObject(r -> r.bucket("copy-src").key("k"), RequestBody.fromString("copied across nodes"));
        s3(b).copyObject(r -> r.sourceBucket("copy-src").sourceKey("k").destinationBucket("copy-dst").destinationKey("k2"));
        assertThat(s3(a).getObjectAsBytes(r -> r.bucket("copy-dst").key("k2")).asUtf8String()).isEqualTo("copied across nodes");
    }

    @Test
    void aFunctionCreatedThroughOneNodeRunsThroughTheOther() throws Exception {
        LambdaFixtures.requireNode();
        byte[] zip = Zips.of(Map.of("index.mjs", "export const handler = async (e) => ({ answer: 'from ' + e.who });\n"));
        lambda(a).createFunction(r -> r.functionName("shared-code").runtime(Runtime.NODEJS20_X).handler("index.handler")
                .role(ROLE).code(c -> c.zipFile(SdkBytes.fromByteArray(zip))));
        lambda(b).waiter().waitUntilFunctionActiveV2(r -> r.functionName("shared-code"));
        String answer = lambda(b).invoke(r -> r.functionName("shared-code")
                .payload(SdkBytes.fromUtf8String("{\"who\":\"b\"}"))).payload().asUtf8String();
        assertThat(answer).contains("from b");
        // GetFunction's Code.Location, asked of the node that did not take the upload, serves the package
        String location = lambda(b).getFunction(r -> r.functionName("shared-code")).code().location();
        byte[] served = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(URI.create(location))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray()).body();
        assertThat(served).isEqualTo(zip);
    }

    @Test
    void refusedUploadsLeaveNoRowsBehind() throws Exception {
        s3(a).createBucket(r -> r.bucket("refused"));
        long before = chunkRows("");
        // the client stops after 2 MiB of 3: two chunks were already stored
        String incomplete = put(a, "/refused/short.bin", 3L * MIB, bytes(0, 2 * MIB));
        assertThat(incomplete).contains("<Code>IncompleteBody</Code>");
        String tooLarge = put(b, "/refused/huge.bin", 5L * 1024 * MIB + 1, new byte[0]);
        assertThat(tooLarge).startsWith("HTTP/1.1 400").contains("<Code>EntityTooLarge</Code>");
        // a digest that does not match is found only after the body is stored whole
        String wrongMd5 = java.util.Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> s3(a).putObject(r -> r.bucket("refused").key("bad-digest").contentMD5(wrongMd5),
                RequestBody.fromBytes(bytes(0, 3 * MIB))))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BadDigest"));
        assertThat(s3(b).listObjectsV2(r -> r.bucket("refused")).contents()).isEmpty();
        assertThat(chunkRows("")).isEqualTo(before);
        assertThat(chunkRows(" WHERE blob_id LIKE 'tmp:%'")).isZero();
    }

    /** A PUT that declares {@code declared} bytes, sends {@code body} and stops sending. */
    private static String put(Slipway node, String path, long declared, byte[] body) throws IOException {
        URI endpoint = URI.create(node.endpoint());
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(("PUT " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + declared
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            socket.shutdownOutput();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
