package io.slipway.cloudformation.template;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads the Parameters section into {@link Parameter}s: types CloudFormation knows, and the
 * constraint attributes in the types they must have.
 */
final class ParameterReader {
    private static final Set<String> ATTRIBUTES = Set.of("Type", "Default", "AllowedValues", "AllowedPattern",
            "MinLength", "MaxLength", "MinValue", "MaxValue", "NoEcho", "Description", "ConstraintDescription");
    /** The AWS-specific types; each is a String to Slipway (there is no EC2 to check ids against). */
    private static final Set<String> AWS_TYPES = Set.of("AWS::EC2::AvailabilityZone::Name", "AWS::EC2::Image::Id",
            "AWS::EC2::Instance::Id", "AWS::EC2::KeyPair::KeyName", "AWS::EC2::SecurityGroup::GroupName",
            "AWS::EC2::SecurityGroup::Id", "AWS::EC2::Subnet::Id", "AWS::EC2::Volume::Id", "AWS::EC2::VPC::Id",
            "AWS::Route53::HostedZone::Id", "AWS::SSM::Parameter::Name");

    private ParameterReader() {
    }

    static Map<String, Parameter> read(Map<String, Object> section) {
        Map<String, Parameter> parameters = new LinkedHashMap<>();
        section.forEach((name, value) -> parameters.put(name, parameter(name, value)));
        return parameters;
    }

    private static Parameter parameter(String name, Object value) {
        if (!TemplateReader.ALPHANUMERIC.matcher(name).matches()) {
            throw TemplateException.format("Parameter name " + name + " is non alphanumeric.");
        }
        if (name.length() > Quotas.NAME_CHARACTERS) {
            throw TemplateException.format("Parameter name " + name + " is longer than " + Quotas.NAME_CHARACTERS
                    + " characters");
        }
        if (!(value instanceof Map<?, ?>) || !(((Map<?, ?>) value).get("Type") instanceof String type)) {
            throw TemplateException.format("Every Parameters object must contain a Type member.");
        }
        Map<String, Object> attributes = TemplateReader.stringKeys(value);
        attributes.keySet().stream().filter(k -> !ATTRIBUTES.contains(k)).findFirst().ifPresent(k -> {
            throw TemplateException.format("Invalid template parameter property '" + k + "'");
        });
        checkType(type);
        return new Parameter(name, type, TemplateReader.optionalText(attributes, "Default"),
                allowedValues(name, attributes.get("AllowedValues")),
                TemplateReader.optionalText(attributes, "AllowedPattern"),
                whole(name, "MinLength", attributes.get("MinLength")), whole(name, "MaxLength", attributes.get("MaxLength")),
                number(name, "MinValue", attributes.get("MinValue")), number(name, "MaxValue", attributes.get("MaxValue")),
                Boolean.parseBoolean(String.valueOf(attributes.get("NoEcho"))),
                TemplateReader.optionalText(attributes, "Description"),
                TemplateReader.optionalText(attributes, "ConstraintDescription"));
    }

    private static void checkType(String type) {
        java.util.Optional<String> ssmValue = SsmParameterValues.valueType(type);
        if (ssmValue.isPresent()) {
            String inner = ssmValue.get();
            String innerElement = inner.startsWith("List<") && inner.endsWith(">") ? inner.substring(5, inner.length() - 1) : null;
            boolean knownInner = inner.equals("String") || inner.equals("CommaDelimitedList") || AWS_TYPES.contains(inner)
                    || innerElement != null && (innerElement.equals("String") || AWS_TYPES.contains(innerElement));
            if (!knownInner) {
                throw TemplateException.format("Unrecognized parameter type: " + type);
            }
            return;
        }
        String element = type.startsWith("List<") && type.endsWith(">") ? type.substring(5, type.length() - 1) : null;
        boolean known = switch (type) {
            case "String", "Number", "CommaDelimitedList" -> true;
            default -> element != null ? element.equals("Number") || AWS_TYPES.contains(element) : AWS_TYPES.contains(type);
        };
        if (!known) {
            throw TemplateException.format("Unrecognized parameter type: " + type);
        }
    }

    private static List<String> allowedValues(String name, Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || !list.stream().allMatch(Scalars::isScalar)) {
            throw TemplateException.format("Parameter '" + name + "' AllowedValues must be a list of strings");
        }
        return list.stream().map(Scalars::text).toList();
    }

    private static OptionalInt whole(String name, String attribute, Object value) {
        if (value == null) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(Scalars.text(value)));
        } catch (IllegalArgumentException e) {
            throw TemplateException.format("Parameter '" + name + "' " + attribute + " must be an integer");
        }
    }

    private static Optional<BigDecimal> number(String name, String attribute, Object value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(Scalars.text(value)));
        } catch (IllegalArgumentException e) {
            throw TemplateException.format("Parameter '" + name + "' " + attribute + " must be a number");
        }
    }
}
