package io.slipway.cloudformation.template.serverless;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The processed template's Resources section as the transform builds it: the template's own
 * CloudFormation resources and what SAM generates, in order of generation. Expanders add resources
 * and may change ones already added (an S3 event adds a notification to its bucket; an Api event adds
 * a path to the implicit API).
 */
public final class Expansion {
    /**
     * The declared types a generated resource may take the logical id of: the SAM resource it is
     * generated from (SAM's own exceptions to its rule that generated ids are new).
     */
    private static final Map<Object, String> GENERATED_FROM = Map.of(
            "AWS::Serverless::Function", "AWS::Lambda::Function",
            "AWS::Serverless::LayerVersion", "AWS::Lambda::LayerVersion",
            "AWS::Serverless::Api", "AWS::ApiGateway::RestApi",
            "AWS::Serverless::HttpApi", "AWS::ApiGatewayV2::Api",
            "AWS::Serverless::SimpleTable", "AWS::DynamoDB::Table",
            "AWS::Serverless::Application", "AWS::CloudFormation::Stack");
    private final Map<String, Object> resources = new LinkedHashMap<>();
    private final Map<String, Object> parameters;
    private final Map<String, String> references = new LinkedHashMap<>();
    private final Map<String, String> renamed = new LinkedHashMap<>();
    private Map<String, Object> declared = Map.of();
    private final Map<String, Object> conditions = new LinkedHashMap<>();

    public Expansion() {
        this(Map.of());
    }

    /** @param parameters the template's parameter values and pseudo parameters, as SAM resolves them */
    public Expansion(Map<String, Object> parameters) {
        this.parameters = Map.copyOf(parameters);
    }

    /**
     * {@code value} (copied) with references to the template's parameters resolved, as SAM resolves
     * them before hashing or reading a value it must know (Ref and Fn::Sub of parameters).
     */
    public Object resolveParameters(Object value) {
        return ParameterRefs.resolve(value, parameters);
    }

    /**
     * Makes {@code samLogicalId.property} (as in {@code !Ref Fn.Alias}, {@code !GetAtt Fn.Alias.Arn},
     * {@code ${Fn.Alias}}) refer to the generated resource {@code generatedLogicalId}.
     */
    public void refer(String samLogicalId, String property, String generatedLogicalId) {
        references.put(samLogicalId + "." + property, generatedLogicalId);
    }

    /** Records that a SAM resource was generated under another logical id, so references to it follow. */
    public void rename(String samLogicalId, String generatedLogicalId) {
        renamed.put(samLogicalId, generatedLogicalId);
    }

    /** The template's Resources section as declared (Globals merged), which SAM's expanders may read. */
    void declared(Map<String, Object> resources) {
        this.declared = resources;
    }

    /** A resource as the template declares it (SAM's type and properties), or null. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> original(String logicalId) {
        return declared.get(logicalId) instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
    }

    /** Adds a condition SAM generates (such as {@code NOT<Condition>}) to the template's Conditions. */
    public void condition(String name, Object definition) {
        conditions.put(name, definition);
    }

    Map<String, Object> conditions() {
        return conditions;
    }

    Map<String, String> references() {
        return references;
    }

    Map<String, String> renamed() {
        return renamed;
    }

    /**
     * Adds a generated resource with the attributes it inherits from {@code from} (may be null) and
     * answers its document, so the caller can add DependsOn or Metadata.
     *
     * @throws io.slipway.cloudformation.template.TemplateException when the logical id is taken
     */
    public Map<String, Object> add(String logicalId, String type, Map<String, Object> properties, ServerlessResource from) {
        Map<String, Object> declaredAs = original(logicalId);
        boolean replacesItsSource = declaredAs != null && type.equals(GENERATED_FROM.get(declaredAs.get("Type")));
        if (resources.containsKey(logicalId) || declaredAs != null && !replacesItsSource) {
            throw ServerlessErrors.duplicate(from == null ? logicalId : from.logicalId(), logicalId, type);
        }
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("Type", type);
        if (from != null) {
            resource.putAll(from.passedOn());
        }
        resource.put("Properties", properties);
        resources.put(logicalId, resource);
        return resource;
    }

    /** Keeps a resource of the template's own (not SAM's) as written. */
    public void keep(String logicalId, Object resource) {
        resources.put(logicalId, resource);
    }

    /** A resource already in the section, or null. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> get(String logicalId) {
        return resources.get(logicalId) instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
    }

    public boolean has(String logicalId) {
        return resources.containsKey(logicalId);
    }

    /** The Resources section. */
    public Map<String, Object> resources() {
        return resources;
    }
}
