package io.slipway.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * S3 requests written byte by byte, for what the SDK in the other tests does not do: virtual-host
 * addressing, aws-chunked framing by hand, and connections that die halfway through an upload.
 */
class S3WireIT {
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();
    private final S3Client s3 = slipway.s3();

    /**
     * Sends one raw request and returns the whole response, read by its Content-Length rather than
     * to the end of the connection: a server refusing a body may still be waiting for it.
     */
    private static String exchange(String head, byte[] body) throws IOException {
        URI endpoint = URI.create(slipway.endpoint());
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "Connection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder headers = new StringBuilder();
            while (headers.indexOf("\r\n\r\n") < 0) {
                int c = in.read();
                if (c < 0) {
                    break;
                }
                headers.append((char) c);
            }
            Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(headers);
            byte[] content = length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : in.readAllBytes();
            return headers + new String(content, StandardCharsets.UTF_8);
        }
    }

    private static String hostHeader(String bucketHost) {
        return "Host: " + bucketHost + ":" + URI.create(slipway.endpoint()).getPort() + "\r\n";
    }

    @Test
    void virtualHostStyleNamesTheBucketInTheHost() throws IOException {
        s3.createBucket(b -> b.bucket("vhost"));
        byte[] body = "virtually hosted".getBytes(StandardCharsets.UTF_8);
        String put = exchange("PUT /docs/a.txt HTTP/1.1\r\n" + hostHeader("vhost.localhost")
                + "Content-Length: " + body.length + "\r\n", body);
        assertThat(put).startsWith("HTTP/1.1 200");

        assertThat(exchange("GET /docs/a.txt HTTP/1.1\r\n" + hostHeader("vhost.s3.localhost"), new byte[0]))
                .startsWith("HTTP/1.1 200").endsWith("virtually hosted");
        assertThat(exchange("GET /?list-type=2 HTTP/1.1\r\n" + hostHeader("vhost.localhost"), new byte[0]))
                .contains("<Key>docs/a.txt</Key>").contains("<Name>vhost</Name>");
        assertThat(exchange("GET /docs/a.txt HTTP/1.1\r\n" + hostHeader("absent.localhost"), new byte[0]))
                .startsWith("HTTP/1.1 404").contains("<Code>NoSuchBucket</Code>");
        // path-style on the same port still works for the same object
        assertThat(s3.getObjectAsBytes(b -> b.bucket("vhost").key("docs/a.txt")).asUtf8String()).isEqualTo("virtually hosted");
    }

    @Test
    void aRequestSignedForAnotherServiceIsNeverTakenForS3() throws IOException {
        String answer = exchange("GET /2015-03-31/functions/nope/configuration/extra HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/lambda/aws4_request, "
                + "SignedHeaders=host, Signature=0\r\n", new byte[0]);
        // Lambda's own answer to a path that names none of its operations
        assertThat(answer).startsWith("HTTP/1.1 404").contains("X-Amzn-ErrorType: UnknownOperationException")
                .doesNotContain("NoSuchBucket");
    }

    @Test
    void anUploadThatDiesHalfwayLeavesNoObject() throws Exception {
        s3.createBucket(b -> b.bucket("halfway"));
        s3.putObject(b -> b.bucket("halfway").key("kept"), RequestBody.fromString("the old body"));
        URI endpoint = URI.create(slipway.endpoint());
        for (String key : new String[] {"fresh", "kept"}) {
            try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
                OutputStream out = socket.getOutputStream();
                out.write(("PUT /halfway/" + key + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 10485760\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(new byte[3 * 1024 * 1024]);
                out.flush();
            } // closed with 7 MiB still owed
        }
        Thread.sleep(200); // let the server notice the closed connections
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket("halfway").key("fresh"))).isInstanceOf(NoSuchKeyException.class);
        assertThat(s3.getObjectAsBytes(b -> b.bucket("halfway").key("kept")).asUtf8String()).isEqualTo("the old body");
        assertThat(s3.listObjectsV2(b -> b.bucket("halfway")).contents()).extracting(S3Object::key).containsExactly("kept");
    }

    @Test
    void anUploadOverFiveGibibytesIsRefusedBeforeItsBodyIsRead() throws IOException {
        s3.createBucket(b -> b.bucket("too-large"));
        String refused = exchange("PUT /too-large/huge.bin HTTP/1.1\r\nHost: localhost\r\nContent-Length: "
                + (5L * 1024 * 1024 * 1024 + 1) + "\r\n", new byte[0]);
        assertThat(refused).startsWith("HTTP/1.1 400").contains("<Code>EntityTooLarge</Code>");
        assertThat(s3.listObjectsV2(b -> b.bucket("too-large")).contents()).isEmpty();
    }

    @Test
    void malformedXmlBodiesAreMalformedXml() throws IOException {
        s3.createBucket(b -> b.bucket("xml-bodies"));
        for (String[] call : new String[][] {
                {"PUT /xml-bodies?versioning", "<VersioningConfiguration><Status>Enabled</Status>"},
                {"POST /xml-bodies?delete", "not xml at all"},
                {"POST /xml-bodies?delete", "<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Delete><Object><Key>&x;</Key>"
                        + "</Object></Delete>"},
                {"PUT /xml-bodies-new", "<CreateBucketConfiguration><LocationConstraint>eu-west-1"}}) {
            byte[] body = call[1].getBytes(StandardCharsets.UTF_8);
            String answer = exchange(call[0] + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + body.length + "\r\n", body);
            assertThat(answer).as(call[0]).startsWith("HTTP/1.1 400").contains("<Code>MalformedXML</Code>");
        }
        byte[] wrongStatus = "<VersioningConfiguration><Status>Sometimes</Status></VersioningConfiguration>"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(exchange("PUT /xml-bodies?versioning HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + wrongStatus.length
                + "\r\n", wrongStatus)).startsWith("HTTP/1.1 400").contains("<Code>MalformedXML</Code>");
        assertThat(s3.getBucketVersioning(b -> b.bucket("xml-bodies")).status()).isNull();
        assertThatThrownBy(() -> s3.headBucket(b -> b.bucket("xml-bodies-new"))).as("no bucket half-created")
                .isInstanceOf(software.amazon.awssdk.services.s3.model.NoSuchBucketException.class);
    }

    @Test
    void badHeadersAreTheClientsError() throws IOException {
        s3.createBucket(b -> b.bucket("bad-headers"));
        s3.putObject(b -> b.bucket("bad-headers").key("src"), RequestBody.fromString("x"));
        assertThat(exchange("PUT /bad-headers/dst HTTP/1.1\r\nHost: localhost\r\nx-amz-copy-source: bad-headers/%ZZ\r\n"
                + "Content-Length: 0\r\n", new byte[0])).startsWith("HTTP/1.1 400").contains("<Code>InvalidArgument</Code>");
        assertThat(exchange("PUT /bad-headers/dst HTTP/1.1\r\nHost: localhost\r\nx-amz-sdk-checksum-algorithm: MD7\r\n"
                + "Content-Length: 1\r\n", new byte[] {'x'})).startsWith("HTTP/1.1 400").contains("<Code>InvalidRequest</Code>");
        assertThat(exchange("PUT /bad-headers/dst HTTP/1.1\r\nHost: localhost\r\nContent-MD5: not-a-digest\r\n"
                + "Content-Length: 1\r\n", new byte[] {'x'})).startsWith("HTTP/1.1 400").contains("<Code>InvalidDigest</Code>");
        assertThat(s3.listObjectsV2(b -> b.bucket("bad-headers")).contents()).extracting(S3Object::key).containsExactly("src");
    }

    @Test
    void awsChunkedBodiesByHand() throws IOException {
        s3.createBucket(b -> b.bucket("chunked"));
        byte[] payload = "chunked payload".getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(payload);
        String good = java.util.Base64.getEncoder().encodeToString(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        String head = "PUT /chunked/%s HTTP/1.1\r\nHost: localhost\r\nContent-Encoding: aws-chunked\r\n"
                + "x-amz-content-sha256: STREAMING-UNSIGNED-PAYLOAD-TRAILER\r\nx-amz-trailer: x-amz-checksum-crc32\r\n"
                + "x-amz-decoded-content-length: " + payload.length + "\r\nContent-Length: %d\r\n";

        byte[] body = frame(payload, "x-amz-checksum-crc32:" + good);
        String ok = exchange(head.formatted("good", body.length), body);
        assertThat(ok).startsWith("HTTP/1.1 200").containsIgnoringCase("x-amz-checksum-crc32: " + good);
        assertThat(s3.getObjectAsBytes(b -> b.bucket("chunked").key("good")).asUtf8String()).isEqualTo("chunked payload");

        byte[] wrongSum = frame(payload, "x-amz-checksum-crc32:AAAAAA==");
        assertThat(exchange(head.formatted("wrong-sum", wrongSum.length), wrongSum))
                .startsWith("HTTP/1.1 400").contains("<Code>BadDigest</Code>");

        byte[] garbage = "zz;chunk-signature=nothex\r\nabc".getBytes(StandardCharsets.US_ASCII);
        assertThat(exchange(head.formatted("garbage", garbage.length), garbage)).startsWith("HTTP/1.1 400").contains("<Code>");

        assertThat(s3.listObjectsV2(b -> b.bucket("chunked")).contents()).extracting(S3Object::key).containsExactly("good");
    }

    @Test
    void deleteObjectsTakesADeleteOfAtMostAThousandKeys() throws IOException {
        s3.createBucket(b -> b.bucket("bulk-delete"));
        s3.putObject(b -> b.bucket("bulk-delete").key("k1"), RequestBody.fromString("x"));
        String tooMany = "<Delete>" + "<Object><Key>k1</Key></Object>".repeat(1001) + "</Delete>";
        String wrongRoot = "<Remove><Object><Key>k1</Key></Object></Remove>";
        for (String xml : new String[] {tooMany, wrongRoot}) {
            byte[] body = xml.getBytes(StandardCharsets.UTF_8);
            assertThat(exchange("POST /bulk-delete?delete HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + body.length
                    + "\r\n", body)).startsWith("HTTP/1.1 400").contains("<Code>MalformedXML</Code>");
        }
        assertThat(s3.listObjectsV2(b -> b.bucket("bulk-delete")).contents()).extracting(S3Object::key).containsExactly("k1");
        // a thousand is still one request's worth
        assertThat(s3.deleteObjects(b -> b.bucket("bulk-delete").delete(d -> d.objects(java.util.stream.IntStream.range(0, 1000)
                .mapToObj(i -> software.amazon.awssdk.services.s3.model.ObjectIdentifier.builder().key("k" + i).build())
                .toList()))).deleted()).hasSize(1000);
        assertThat(s3.listObjectsV2(b -> b.bucket("bulk-delete")).contents()).isEmpty();
    }

    @Test
    void aPayloadHashThatIsNeitherAModeNorHexIsInvalidArgument() throws IOException {
        s3.createBucket(b -> b.bucket("payload-hash"));
        String answer = exchange("PUT /payload-hash/k HTTP/1.1\r\nHost: localhost\r\nx-amz-content-sha256: GIBBERISH\r\n"
                + "Content-Length: 1\r\n", new byte[] {'x'});
        assertThat(answer).startsWith("HTTP/1.1 400").contains("<Code>InvalidArgument</Code>")
                .contains("<Message>x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, ")
                .contains("<ArgumentName>x-amz-content-sha256</ArgumentName><ArgumentValue>GIBBERISH</ArgumentValue>");
        String hex = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        assertThat(exchange("GET /payload-hash HTTP/1.1\r\nHost: localhost\r\nx-amz-content-sha256: " + hex + "\r\n",
                new byte[0])).startsWith("HTTP/1.1 200");
        assertThat(exchange("GET /payload-hash HTTP/1.1\r\nHost: localhost\r\nx-amz-content-sha256: UNSIGNED-PAYLOAD\r\n",
                new byte[0])).startsWith("HTTP/1.1 200");
        assertThat(s3.listObjectsV2(b -> b.bucket("payload-hash")).contents()).isEmpty();
    }

    @Test
    void aDeclaredPayloadHashMustBeTheBodysOrNothingIsStored() throws Exception {
        s3.createBucket(b -> b.bucket("content-sha"));
        byte[] body = "the body as sent".getBytes(StandardCharsets.UTF_8);
        String hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(body));
        String other = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(new byte[1]));
        String put = "PUT /content-sha/%s HTTP/1.1\r\nHost: localhost\r\nx-amz-content-sha256: %s\r\nContent-Length: "
                + body.length + "\r\n";
        assertThat(exchange(put.formatted("kept", hash.toUpperCase(java.util.Locale.ROOT)), body)).startsWith("HTTP/1.1 200");

        for (String key : new String[] {"kept", "fresh"}) {
            assertThat(exchange(put.formatted(key, other), body)).startsWith("HTTP/1.1 400")
                    .contains("<Code>XAmzContentSHA256Mismatch</Code>")
                    .contains("<ClientComputedContentSHA256>" + other + "</ClientComputedContentSHA256>")
                    .contains("<S3ComputedContentSHA256>" + hash + "</S3ComputedContentSHA256>");
        }
        assertThat(s3.getObjectAsBytes(b -> b.bucket("content-sha").key("kept")).asUtf8String()).isEqualTo("the body as sent");
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket("content-sha").key("fresh"))).isInstanceOf(NoSuchKeyException.class);

        String upload = s3.createMultipartUpload(b -> b.bucket("content-sha").key("parts")).uploadId();
        assertThat(exchange("PUT /content-sha/parts?partNumber=1&uploadId=" + upload + " HTTP/1.1\r\nHost: localhost\r\n"
                + "x-amz-content-sha256: " + other + "\r\nContent-Length: " + body.length + "\r\n", body))
                .startsWith("HTTP/1.1 400").contains("<Code>XAmzContentSHA256Mismatch</Code>");
        assertThat(s3.listParts(b -> b.bucket("content-sha").key("parts").uploadId(upload)).parts()).isEmpty();
    }

    private static byte[] frame(byte[] payload, String trailer) {
        String framed = Integer.toHexString(payload.length) + "\r\n" + new String(payload, StandardCharsets.UTF_8) + "\r\n0\r\n"
                + trailer + "\r\n\r\n";
        return framed.getBytes(StandardCharsets.UTF_8);
    }
}
