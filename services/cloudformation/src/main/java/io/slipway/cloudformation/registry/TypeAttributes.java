package io.slipway.cloudformation.registry;

/**
 * Which attributes {@code Fn::GetAtt} may read from a resource type: a registry type's are the
 * resource specification's; a custom resource has whatever its provider answers in Data, so any
 * name passes until the response is read; a nested stack also has {@code Outputs.<name>} for each of
 * its outputs; {@code AWS::CDK::Metadata} has none. A type the specification does not have (only
 * Slipway's own test types get this far) is not checked.
 */
public final class TypeAttributes {
    private static final String CUSTOM_RESOURCE = "AWS::CloudFormation::CustomResource";
    private static final String NESTED_STACK = "AWS::CloudFormation::Stack";

    private TypeAttributes() {
    }

    public static boolean supports(String type, String attribute) {
        if (type.startsWith("Custom::") || type.equals(CUSTOM_RESOURCE)) {
            return true;
        }
        if (type.equals(NESTED_STACK) && attribute.startsWith("Outputs.") && attribute.length() > "Outputs.".length()) {
            return true;
        }
        if (type.equals(RecordedProvider.CDK_METADATA)) {
            return false;
        }
        return RegistryTypes.find(type).map(spec -> spec.attributes().containsKey(attribute)).orElse(true);
    }
}
