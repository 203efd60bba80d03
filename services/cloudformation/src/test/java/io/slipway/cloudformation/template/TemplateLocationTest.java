package io.slipway.cloudformation.template;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The URL forms CloudFormation reads templates from, mapped to a bucket and key in Slipway's S3. */
class TemplateLocationTest {

    @ParameterizedTest
    @CsvSource({
            "https://s3.amazonaws.com/my-bucket/dir/t.yaml, my-bucket, dir/t.yaml",
            "https://s3.eu-west-1.amazonaws.com/my-bucket/t.yaml, my-bucket, t.yaml",
            "https://s3-eu-west-1.amazonaws.com/my-bucket/t.yaml, my-bucket, t.yaml",
            "https://s3.dualstack.us-east-1.amazonaws.com/my-bucket/t.yaml, my-bucket, t.yaml",
            "https://my-bucket.s3.amazonaws.com/dir/t.yaml, my-bucket, dir/t.yaml",
            "https://my.dotted.bucket.s3.us-west-2.amazonaws.com/t.yaml, my.dotted.bucket, t.yaml",
            "https://my-bucket.s3-us-west-2.amazonaws.com/t.yaml, my-bucket, t.yaml",
            "http://127.0.0.1:4599/my-bucket/a%20b+c.yaml, my-bucket, a b+c.yaml",
            "http://localhost:4599/my-bucket/t.yaml, my-bucket, t.yaml",
            "http://slipway.internal:4599/my-bucket/t.yaml, my-bucket, t.yaml",
            "http://my-bucket.localhost:4599/t.yaml, my-bucket, t.yaml",
            "http://my-bucket.s3.localhost:4599/t.yaml, my-bucket, t.yaml",
    })
    void awsFormsAndSlipwaysOwnMapToTheObject(String url, String bucket, String key) {
        assertThat(TemplateLocation.parse(url, "slipway.internal", false)).contains(new TemplateLocation(bucket, key));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com/my-bucket/t.yaml", "ftp://s3.amazonaws.com/my-bucket/t.yaml",
            "https://s3.amazonaws.com/my-bucket", "https://s3.amazonaws.com/", "s3://my-bucket/t.yaml", "not a url",
            "https://my-bucket.s3.amazonaws.com/", "https://s3.amazonaws.com/my-bucket/%zz"})
    void otherUrlsAreNotSupported(String url) {
        assertThat(TemplateLocation.parse(url, "slipway.internal", false)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"s3://my-bucket/dir/snippet.yaml, my-bucket, dir/snippet.yaml"})
    void includeLocationsMayUseTheS3Scheme(String url, String bucket, String key) {
        assertThat(TemplateLocation.parse(url, "localhost", true)).contains(new TemplateLocation(bucket, key));
    }
}
