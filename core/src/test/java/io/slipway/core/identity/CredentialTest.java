package io.slipway.core.identity;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CredentialTest {

    @Test
    void readsTheScopeOfAnAuthorizationHeader() {
        Credential c = Credential.fromAuthorization("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/eu-west-1/codepipeline/"
                + "aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=abc").orElseThrow();
        assertThat(c).isEqualTo(new Credential("AKIDEXAMPLE", "20260101", "eu-west-1", "codepipeline"));
    }

    @Test
    void rejectsWhatIsNotASigV4Scope() {
        assertThat(Credential.fromAuthorization(null)).isEmpty();
        assertThat(Credential.fromAuthorization("Basic dXNlcjpwYXNz")).isEmpty();
        assertThat(Credential.fromAuthorization("AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/aws4_request")).isEmpty();
        assertThat(Credential.fromAuthorization("AWS4-HMAC-SHA256 Credential=AKID/20260101//codedeploy/aws4_request")).isEmpty();
        assertThat(Credential.fromAuthorization("AWS4-HMAC-SHA256 SignedHeaders=host")).isEmpty();
    }

    @Test
    void splitsAsStringSplitDoes() {
        for (String text : List.of("", "/", "///", "a", "a/b", "/a", "a//b/", "a/b//", "AKID/20260101/us-east-1/s3/aws4_request/")) {
            assertThat(Credential.split(text, '/')).as(text).containsExactly(text.split("/"));
        }
        assertThat(Credential.fromScope("AKID/20260101/us-east-1/s3/aws4_request/")).isPresent(); // as before: split drops it
    }

    @Test
    void mapsAccessKeysToAccounts() {
        AccountResolver accounts = new AccountResolver(Map.of("AKIATEAM", "444455556666"));
        assertThat(accounts.accountFor("123456789012")).isEqualTo("123456789012");
        assertThat(accounts.accountFor("AKIATEAM")).isEqualTo("444455556666");
        assertThat(accounts.accountFor("AKIDOTHER")).isEqualTo(AccountResolver.DEFAULT_ACCOUNT);
        assertThat(accounts.accountFor("12345678901")).isEqualTo(AccountResolver.DEFAULT_ACCOUNT);
        assertThat(accounts.accountFor("12345678901a")).isEqualTo(AccountResolver.DEFAULT_ACCOUNT);
        assertThat(accounts.accountFor(null)).isEqualTo(AccountResolver.DEFAULT_ACCOUNT);
    }
}
