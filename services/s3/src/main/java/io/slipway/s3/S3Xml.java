package io.slipway.s3;

import io.slipway.core.codec.XmlEncoder;
import io.slipway.core.http.HttpResponse;
import io.slipway.model.runtime.AwsException;
import io.slipway.model.runtime.AwsStructure;
import io.slipway.model.runtime.Shape;
import io.slipway.model.s3.S3Model;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * S3's XML bodies: a result's members under the root element S3 names it with (the model does not
 * carry root names: ListBucketResult, ListAllMyBucketsResult, ...), in S3's namespace, and errors
 * as {@code <Error><Code/><Message/>...<RequestId/></Error>}.
 */
final class S3Xml {
    static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";
    private static final byte[] DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".getBytes(StandardCharsets.UTF_8);

    private S3Xml() {
    }

    static HttpResponse ok(int status, String root, String shapeName, AwsStructure value) {
        Shape shape = S3Model.MODEL.shape(shapeName);
        byte[] xml = new XmlEncoder().start(root, NAMESPACE).members(shape, value.toDocument()).end().toBytes();
        return HttpResponse.of(status, "application/xml", concat(DECLARATION, xml));
    }

    /**
     * The error document; the exception's fields and {@code details} add S3's extra elements
     * (ArgumentName, BucketName, Key, ...).
     */
    static HttpResponse error(AwsException e, String requestId, Map<String, String> details) {
        XmlEncoder xml = new XmlEncoder().start("Error", null).text("Code", e.error().code())
                .text("Message", e.getMessage() == null ? e.error().code() : e.getMessage());
        e.fields().forEach((name, value) -> {
            if (!details.containsKey(name)) {
                xml.text(name, String.valueOf(value));
            }
        });
        details.forEach(xml::text);
        xml.text("RequestId", requestId).text("HostId", requestId).end();
        return HttpResponse.of(e.error().httpStatus(), "application/xml", concat(DECLARATION, xml.toBytes()));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
