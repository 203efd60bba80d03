package io.slipway.ssm.parameter;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.slipway.core.codec.JsonCodec;
import io.slipway.model.ssm.ParameterInlinePolicy;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.slipway.model.ssm.SsmErrors.INVALID_POLICY_ATTRIBUTE;
import static io.slipway.model.ssm.SsmErrors.INVALID_POLICY_TYPE;
import static io.slipway.model.ssm.SsmErrors.POLICIES_LIMIT_EXCEEDED;

/**
 * Parameter policies (Advanced parameters only): a JSON array of objects, each with a Type that
 * Parameter Store knows. Slipway keeps them and shows them as Pending; it does not act on them
 * (an expired parameter is not deleted).
 */
final class ParameterPolicies {
    static final int MAX_POLICIES = 10;
    private static final Set<String> TYPES = Set.of("Expiration", "ExpirationNotification", "NoChangeNotification");

    private ParameterPolicies() {
    }

    static List<ParameterInlinePolicy> parse(String json) {
        List<ParameterInlinePolicy> out = new ArrayList<>();
        try (JsonParser p = JsonCodec.FACTORY.createParser(json)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw malformed();
            }
            while (p.nextToken() == JsonToken.START_OBJECT) {
                StringWriter text = new StringWriter();
                String type = null;
                try (JsonGenerator g = JsonCodec.FACTORY.createGenerator(text)) {
                    g.writeStartObject();
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String field = p.currentName();
                        JsonToken value = p.nextToken();
                        if (field.equals("Type") && value == JsonToken.VALUE_STRING) {
                            type = p.getText();
                        }
                        g.writeFieldName(field);
                        g.copyCurrentStructure(p);
                    }
                    g.writeEndObject();
                }
                if (type == null || !TYPES.contains(type)) {
                    throw INVALID_POLICY_TYPE.exception("The policy type is not supported. Parameter Store supports the "
                            + "following policy types: Expiration, ExpirationNotification, and NoChangeNotification.");
                }
                out.add(new ParameterInlinePolicy(text.toString(), type, "Pending"));
                if (out.size() > MAX_POLICIES) {
                    throw POLICIES_LIMIT_EXCEEDED.exception("A parameter can have at most " + MAX_POLICIES + " policies.");
                }
            }
            if (p.currentToken() != JsonToken.END_ARRAY || p.nextToken() != null) {
                throw malformed();
            }
        } catch (IOException e) {
            throw malformed();
        }
        return out;
    }

    private static io.slipway.model.runtime.AwsException malformed() {
        return INVALID_POLICY_ATTRIBUTE.exception("A policy attribute or its value is invalid: the policies must be a "
                + "JSON array of policy objects."); // UNVERIFIED wording
    }
}
