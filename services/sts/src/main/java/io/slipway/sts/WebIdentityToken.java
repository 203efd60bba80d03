package io.slipway.sts;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.slipway.core.codec.JsonCodec;
import io.slipway.model.sts.StsErrors;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The claims of a web identity token (an OpenID Connect ID token: a JWT). Until Slipway verifies
 * signatures, any well-formed JWT is accepted; what it says is echoed back as AWS does
 * (SubjectFromWebIdentityToken, Provider, Audience).
 */
record WebIdentityToken(String subject, String issuer, String audience) {

    static WebIdentityToken read(String jwt) {
        String[] parts = jwt == null ? new String[0] : jwt.split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw invalid();
        }
        String subject = null;
        String issuer = null;
        String audience = null;
        try (JsonParser p = JsonCodec.FACTORY.createParser(Base64.getUrlDecoder().decode(parts[1]))) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw invalid();
            }
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "sub" -> subject = value == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "iss" -> issuer = value == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "aud" -> audience = value == JsonToken.VALUE_STRING ? p.getText() : firstOf(p, value);
                    default -> p.skipChildren();
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw invalid();
        }
        if (subject == null || issuer == null) {
            throw invalid();
        }
        return new WebIdentityToken(subject, issuer, audience);
    }

    /** {@code "aud": ["a", "b"]}: the first audience. */
    private static String firstOf(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            p.skipChildren();
            return null;
        }
        String first = null;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (first == null && t == JsonToken.VALUE_STRING) {
                first = p.getText();
            }
            p.skipChildren();
        }
        return first;
    }

    private static RuntimeException invalid() {
        return StsErrors.INVALID_IDENTITY_TOKEN.exception(
                "The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)");
    }

    /** For tests: a token of these claims, unsigned. */
    static String unsigned(String subject, String issuer, String audience) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String body = b64.encodeToString(("{\"sub\":\"" + subject + "\",\"iss\":\"" + issuer + "\",\"aud\":\"" + audience
                + "\"}").getBytes(StandardCharsets.UTF_8));
        return header + "." + body + ".sig";
    }
}
