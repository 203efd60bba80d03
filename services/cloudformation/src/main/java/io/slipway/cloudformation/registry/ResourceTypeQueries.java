package io.slipway.cloudformation.registry;

import io.slipway.core.Namespace;
import io.slipway.model.cloudformation.DeprecatedStatus;
import io.slipway.model.cloudformation.DescribeTypeOutput;
import io.slipway.model.cloudformation.ProvisioningType;
import io.slipway.model.cloudformation.RegistryType;
import io.slipway.model.cloudformation.TypeSummary;
import io.slipway.model.cloudformation.Visibility;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * DescribeType and ListTypes for the registry's public resource types (the hook types are
 * {@code HookTypeQueries}'s). A type's schema is built from the resource specification when it is
 * asked for: its properties with their types and nested definitions, required and create-only
 * (replaced on change) properties, read-only attributes and the primary identifier.
 */
public final class ResourceTypeQueries {
    private static final String ARN_PREFIX = "type/resource/";

    private ResourceTypeQueries() {
    }

    /** The public ARN of a resource type: {@code arn:aws:cloudformation:us-east-1::type/resource/AWS-SNS-Topic}. */
    public static String arn(Namespace ns, String typeName) {
        return "arn:aws:cloudformation:" + ns.region() + "::" + ARN_PREFIX + typeName.replace("::", "-");
    }

    /** The type a public resource type ARN names, if it names one the registry has. */
    public static Optional<String> typeOfArn(Namespace ns, String arn) {
        String prefix = "arn:aws:cloudformation:" + ns.region() + "::" + ARN_PREFIX;
        if (!arn.startsWith(prefix)) {
            return Optional.empty();
        }
        String name = arn.substring(prefix.length()).replace("-", "::");
        return RegistryTypes.contains(name) ? Optional.of(name) : Optional.empty();
    }

    /** Whether DescribeType asks about a resource type (by Type RESOURCE or a resource type ARN). */
    public static boolean asksForResource(Namespace ns, RegistryType type, String arn) {
        return type == RegistryType.RESOURCE || (arn != null && arn.startsWith("arn:aws:cloudformation:" + ns.region() + "::" + ARN_PREFIX));
    }

    public static Optional<DescribeTypeOutput> describe(Namespace ns, String arn, String typeName) {
        Optional<String> name = arn != null ? typeOfArn(ns, arn) : Optional.ofNullable(typeName).filter(RegistryTypes::contains);
        return name.flatMap(RegistryTypes::find).map(spec -> DescribeTypeOutput.builder().arn(arn(ns, spec.typeName()))
                .type(RegistryType.RESOURCE).typeName(spec.typeName()).isDefaultVersion(true)
                .visibility(Visibility.PUBLIC).deprecatedStatus(DeprecatedStatus.LIVE)
                .provisioningType(provisioning(spec)).schema(ResourceSchemas.of(spec)).build());
    }

    /** Every public resource type, as ListTypes summarizes them. */
    public static List<TypeSummary> summaries(Namespace ns) {
        List<TypeSummary> out = new ArrayList<>(RegistryTypes.names().size());
        for (String name : RegistryTypes.names()) {
            out.add(TypeSummary.builder().type(RegistryType.RESOURCE).typeName(name).typeArn(arn(ns, name))
                    .isActivated(false).build());
        }
        return out;
    }

    /** IMMUTABLE when every property replaces the resource, FULLY_MUTABLE otherwise. */
    private static ProvisioningType provisioning(ResourceTypeSpec spec) {
        boolean mutable = spec.properties().isEmpty() || spec.properties().values().stream()
                .anyMatch(p -> p.replacement() != PropertySpec.Replacement.ALWAYS);
        return mutable ? ProvisioningType.FULLY_MUTABLE : ProvisioningType.IMMUTABLE;
    }
}
