package io.slipway.cloudformation.hooks;

import io.slipway.cloudformation.registry.ResourceTypeQueries;
import io.slipway.core.Namespace;
import io.slipway.core.PageToken;
import io.slipway.engine.store.DocumentStore;
import io.slipway.model.cloudformation.BatchDescribeTypeConfigurationsInput;
import io.slipway.model.cloudformation.BatchDescribeTypeConfigurationsOutput;
import io.slipway.model.cloudformation.Category;
import io.slipway.model.cloudformation.DeprecatedStatus;
import io.slipway.model.cloudformation.DescribeTypeInput;
import io.slipway.model.cloudformation.DescribeTypeOutput;
import io.slipway.model.cloudformation.ListTypesInput;
import io.slipway.model.cloudformation.ListTypesOutput;
import io.slipway.model.cloudformation.RegistryType;
import io.slipway.model.cloudformation.TypeConfigurationDetails;
import io.slipway.model.cloudformation.TypeConfigurationIdentifier;
import io.slipway.model.cloudformation.TypeSummary;
import io.slipway.model.cloudformation.Visibility;
import io.slipway.model.runtime.AwsErrors;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static io.slipway.cloudformation.hooks.HookTypeNames.DEFAULT_ALIAS;
import static io.slipway.cloudformation.hooks.HookTypeNames.LAMBDA_HOOK;
import static io.slipway.model.cloudformation.CloudFormationErrors.CFN_REGISTRY;
import static io.slipway.model.cloudformation.CloudFormationErrors.TYPE_CONFIGURATION_NOT_FOUND;

/**
 * DescribeType, ListTypes and BatchDescribeTypeConfigurations over the hook registry. The
 * private registry holds the activated hooks; the public one, as far as Slipway knows it, holds
 * the one type it can run, {@code AWS::Hooks::LambdaHook}, and lists the registry's resource types
 * beside it ({@code ResourceTypeQueries}).
 */
public final class HookTypeQueries {
    private static final int MAX_TYPES = 1000;
    private final HookTypes types;
    private final DocumentStore documents;

    public HookTypeQueries(HookTypes types) {
        this.types = types;
        this.documents = types.documents();
    }

    public DescribeTypeOutput describe(Namespace ns, DescribeTypeInput in) {
        if (in.versionId() != null && !in.versionId().equals(HookTypes.TYPE_VERSION)) {
            throw HookTypes.notFound((in.arn() != null ? in.arn() : in.typeName()) + "' version '" + in.versionId());
        }
        if (in.arn() == null && LAMBDA_HOOK.equals(in.typeName()) && in.type() == RegistryType.HOOK) {
            return publicLambdaHook(ns);
        }
        String name = types.resolve(ns, in.arn(), in.type(), in.typeName());
        return documents.get(HookTypes.TYPE, ns, name).orElseThrow(() -> HookTypes.notFound(name));
    }

    /** ListTypes: Visibility PRIVATE (the default) lists activated hooks, PUBLIC the Lambda hook. */
    public ListTypesOutput list(Namespace ns, ListTypesInput in) {
        boolean isPublic = in.visibility() == Visibility.PUBLIC;
        String listName = "types/" + (isPublic ? "public" : "private");
        Optional<String> after = Optional.empty();
        if (in.nextToken() != null) {
            after = Optional.of(PageToken.decode(listName, in.nextToken())
                    .orElseThrow(() -> AwsErrors.VALIDATION_ERROR.exception("Invalid NextToken")));
        }
        List<TypeSummary> all = new ArrayList<>();
        if (in.type() == null || in.type() == RegistryType.HOOK) {
            if (in.deprecatedStatus() != DeprecatedStatus.DEPRECATED) {
                if (isPublic) {
                    all.add(summary(publicLambdaHook(ns)));
                } else {
                    documents.list(HookTypes.TYPE, ns, Optional.empty(), Optional.empty(), MAX_TYPES).items()
                            .forEach(k -> all.add(summary(k.value())));
                }
            }
        }
        if ((in.type() == null || in.type() == RegistryType.RESOURCE) && isPublic
                && in.deprecatedStatus() != DeprecatedStatus.DEPRECATED) {
            all.addAll(ResourceTypeQueries.summaries(ns)); // the registry's resource types, public to every account
        }
        String prefix = in.filters() == null ? null : in.filters().typeNamePrefix();
        Category category = in.filters() == null ? null : in.filters().category();
        Category shown = isPublic ? Category.AWS_TYPES : Category.ACTIVATED;
        int max = in.maxResults() == null ? 100 : in.maxResults();
        Optional<String> start = after;
        List<TypeSummary> matching = all.stream()
                .filter(t -> category == null || category == shown)
                .filter(t -> prefix == null || t.typeName().startsWith(prefix))
                .filter(t -> start.isEmpty() || t.typeName().compareTo(start.get()) > 0)
                .sorted(Comparator.comparing(TypeSummary::typeName)).toList();
        List<TypeSummary> page = matching.subList(0, Math.min(max, matching.size()));
        String next = matching.size() > max ? PageToken.encode(listName, page.getLast().typeName()) : null;
        return ListTypesOutput.builder().typeSummaries(page).nextToken(next).build();
    }

    /**
     * Each identifier names a configuration by its ARN, or a type (by ARN, or Type and TypeName)
     * and an alias, {@code default} when left out. One that does not exist fails the call.
     */
    public BatchDescribeTypeConfigurationsOutput describeConfigurations(Namespace ns,
                                                                        BatchDescribeTypeConfigurationsInput in) {
        List<TypeConfigurationDetails> found = new ArrayList<>();
        for (TypeConfigurationIdentifier id : in.typeConfigurationIdentifiers()) {
            String typeArn = id.typeArn();
            String alias = id.typeConfigurationAlias() == null ? DEFAULT_ALIAS : id.typeConfigurationAlias();
            if (id.typeConfigurationArn() != null) {
                HookTypeNames.ConfigurationRef ref = HookTypeNames.configurationOfArn(id.typeConfigurationArn())
                        .orElseThrow(() -> configurationNotFound(id.typeConfigurationArn()));
                typeArn = ref.typeArn();
                alias = ref.alias();
            }
            String name;
            if (typeArn != null) {
                String arn = typeArn;
                name = HookTypeNames.nameOfArn(ns, arn).orElseThrow(() -> configurationNotFound(arn));
            } else if (id.typeName() != null && id.type() != null) {
                name = id.typeName();
            } else {
                throw CFN_REGISTRY.exception(
                        "Each identifier needs TypeConfigurationArn, TypeArn, or Type and TypeName");
            }
            String where = name + "' with alias '" + alias;
            found.add(documents.get(HookTypes.CONFIGURATION, ns, HookTypes.configurationId(name, alias))
                    .orElseThrow(() -> configurationNotFound(where)));
        }
        return BatchDescribeTypeConfigurationsOutput.builder().typeConfigurations(found)
                .errors(List.of()).unprocessedTypeConfigurations(List.of()).build();
    }

    private static io.slipway.model.runtime.AwsException configurationNotFound(String what) {
        return TYPE_CONFIGURATION_NOT_FOUND.exception("The type configuration for '" + what + "' cannot be found.");
    }

    private static TypeSummary summary(DescribeTypeOutput type) {
        return TypeSummary.builder().type(type.type()).typeName(type.typeName()).typeArn(type.arn())
                .defaultVersionId(type.defaultVersionId()).lastUpdated(type.lastUpdated())
                .description(type.description()).originalTypeName(type.originalTypeName())
                .isActivated(type.isActivated()).build();
    }

    private static DescribeTypeOutput publicLambdaHook(Namespace ns) {
        return DescribeTypeOutput.builder().arn(HookTypeNames.publicTypeArn(ns)).type(RegistryType.HOOK)
                .typeName(LAMBDA_HOOK).defaultVersionId(HookTypes.TYPE_VERSION).isDefaultVersion(true)
                .isActivated(false).visibility(Visibility.PUBLIC).deprecatedStatus(DeprecatedStatus.LIVE)
                .description("Runs a Lambda function before stack, change set and resource operations")
                .build();
    }
}
