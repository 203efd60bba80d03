package io.slipway.cloudformation.template.serverless;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code AWS::Serverless::SimpleTable}: one {@code AWS::DynamoDB::Table} under the same logical id,
 * keyed on a single hash key ({@code id}, a string, unless {@code PrimaryKey} says otherwise), on
 * demand unless {@code ProvisionedThroughput} is given.
 */
public final class SimpleTables implements ResourceExpander {
    public static final ResourceExpander EXPANDER = new SimpleTables();

    private static final Map<String, String> ATTRIBUTE_TYPES = Map.of("String", "S", "Number", "N", "Binary", "B");

    @Override
    public void expand(ServerlessResource resource, Expansion out) {
        String id = resource.logicalId();
        Map<String, Object> key = new LinkedHashMap<>();
        if (resource.property("PrimaryKey") instanceof Map<?, ?> primaryKey && !primaryKey.isEmpty()) {
            Object name = required(id, primaryKey.get("Name"), "PrimaryKey.Name");
            Object type = required(id, primaryKey.get("Type"), "PrimaryKey.Type");
            String converted = ATTRIBUTE_TYPES.get(String.valueOf(type));
            if (converted == null) {
                throw ServerlessErrors.invalidResource(id, "Invalid 'Type' \"" + type + "\".");
            }
            key.put("AttributeName", name);
            key.put("AttributeType", converted);
        } else if (resource.property("PrimaryKey") != null && !(resource.property("PrimaryKey") instanceof Map<?, ?>)) {
            throw ServerlessErrors.invalidResource(id, "Type of property 'PrimaryKey' is invalid.");
        } else {
            key.put("AttributeName", "id");
            key.put("AttributeType", "S");
        }
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("AttributeDefinitions", List.of(key));
        table.put("KeySchema", List.of(Map.of("AttributeName", key.get("AttributeName"), "KeyType", "HASH")));
        putIfSet(table, "PointInTimeRecoverySpecification", resource.property("PointInTimeRecoverySpecification"));
        if (isSet(resource.property("ProvisionedThroughput"))) {
            table.put("ProvisionedThroughput", resource.property("ProvisionedThroughput"));
        } else {
            table.put("BillingMode", "PAY_PER_REQUEST");
        }
        putIfSet(table, "SSESpecification", resource.property("SSESpecification"));
        putIfSet(table, "TableName", resource.property("TableName"));
        if (resource.property("Tags") instanceof Map<?, ?> tags && !tags.isEmpty()) {
            table.put("Tags", Tags.list(tags));
        }
        Event.withDependsOn(out.add(id, "AWS::DynamoDB::Table", table, resource), resource);
    }

    private static Object required(String logicalId, Object value, String path) {
        if (value == null) {
            throw ServerlessErrors.invalidResource(logicalId, "Property '" + path + "' is required.");
        }
        return value;
    }

    /** SAM skips empty values (Python falsiness), so an empty map or string is as good as absent. */
    private static boolean isSet(Object value) {
        return value != null && !(value instanceof Map<?, ?> m && m.isEmpty()) && !"".equals(value);
    }

    private static void putIfSet(Map<String, Object> into, String name, Object value) {
        if (isSet(value)) {
            into.put(name, value);
        }
    }
}
