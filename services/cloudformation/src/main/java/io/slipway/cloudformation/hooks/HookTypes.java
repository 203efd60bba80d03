package io.slipway.cloudformation.hooks;

import io.slipway.cloudformation.resource.Provisioned;
import io.slipway.cloudformation.resource.ResourceFailure;
import io.slipway.core.Namespace;
import io.slipway.core.codec.DocumentType;
import io.slipway.engine.clock.SlipwayClock;
import io.slipway.engine.store.DocumentStore;
import io.slipway.engine.store.Jdbc;
import io.slipway.engine.store.ResourceStore;
import io.slipway.engine.store.Tx;
import io.slipway.engine.store.Versioned;
import io.slipway.model.cloudformation.ActivateTypeInput;
import io.slipway.model.cloudformation.ActivateTypeOutput;
import io.slipway.model.cloudformation.DeactivateTypeInput;
import io.slipway.model.cloudformation.DescribeTypeOutput;
import io.slipway.model.cloudformation.DeprecatedStatus;
import io.slipway.model.cloudformation.RegistryType;
import io.slipway.model.cloudformation.ThirdPartyType;
import io.slipway.model.cloudformation.TypeConfigurationDetails;
import io.slipway.model.cloudformation.Visibility;
import io.slipway.model.runtime.AwsException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.slipway.cloudformation.hooks.HookTypeNames.DEFAULT_ALIAS;
import static io.slipway.cloudformation.hooks.HookTypeNames.LAMBDA_HOOK;
import static io.slipway.model.cloudformation.CloudFormationErrors.CFN_REGISTRY;
import static io.slipway.model.cloudformation.CloudFormationErrors.TYPE_NOT_FOUND;
import static io.slipway.model.cloudformation.CloudFormationModel.MODEL;

/**
 * The hooks activated in each namespace, and their configurations. Slipway knows one public hook,
 * {@code AWS::Hooks::LambdaHook}; it is activated under an alias either through ActivateType and
 * SetTypeConfiguration or by an {@code AWS::CloudFormation::LambdaHook} template resource, and
 * both ways end in the same stored activation, so invocation reads one registry. Reading and
 * listing live in {@link HookTypeQueries}.
 */
public final class HookTypes {
    static final DocumentType<DescribeTypeOutput> TYPE = new DocumentType<>("cloudformation.hook-type",
            MODEL.shape("DescribeTypeOutput"), DescribeTypeOutput::fromDocument);
    static final DocumentType<TypeConfigurationDetails> CONFIGURATION = new DocumentType<>(
            "cloudformation.hook-type-configuration", MODEL.shape("TypeConfigurationDetails"),
            TypeConfigurationDetails::fromDocument);
    /** Lambda hooks have one version; AWS numbers type versions with eight digits. */
    static final String TYPE_VERSION = "00000001";
    /** Marks activations a stack owns: the API must not have made the alias first. */
    static final String FROM_TEMPLATE = "Activated by an " + LambdaHookResource.TYPE + " resource";
    private static final int MAX_TYPES = 1000;
    private final DocumentStore documents;
    private final SlipwayClock clock;

    public HookTypes(Jdbc jdbc, ResourceStore resources, SlipwayClock clock) {
        this.documents = new DocumentStore(jdbc, resources);
        this.clock = clock;
    }

    /** ActivateType: the Lambda hook under an alias; activating the alias again updates it. */
    public ActivateTypeOutput activate(Namespace ns, ActivateTypeInput in) {
        if (in.typeName() == null && in.publicTypeArn() == null) {
            throw CFN_REGISTRY.exception("Must specify either PublicTypeArn, or TypeName, Type and PublisherId");
        }
        boolean lambdaHook = in.publicTypeArn() != null ? in.publicTypeArn().endsWith("/AWS-Hooks-LambdaHook")
                : LAMBDA_HOOK.equals(in.typeName()) && (in.type() == null || in.type() == ThirdPartyType.HOOK);
        if (!lambdaHook) {
            throw notFound(in.publicTypeArn() != null ? in.publicTypeArn() : in.typeName());
        }
        String alias = in.typeNameAlias();
        if (alias == null) {
            throw CFN_REGISTRY.exception("TypeNameAlias is required to activate " + LAMBDA_HOOK);
        }
        if (!HookTypeNames.isAllowedAlias(alias)) {
            throw CFN_REGISTRY.exception("TypeNameAlias " + alias + " must not begin with AWS");
        }
        documents.inRetriedTransaction(tx -> {
            Optional<Versioned<DescribeTypeOutput>> current = documents.get(tx, TYPE, ns, alias);
            DescribeTypeOutput.Builder type = current.map(c -> c.value().toBuilder())
                    .orElseGet(() -> newType(ns, alias));
            type.executionRoleArn(in.executionRoleArn()).loggingConfig(in.loggingConfig()).autoUpdate(in.autoUpdate())
                    .lastUpdated(now());
            write(tx, ns, alias, current, type.build());
        });
        return ActivateTypeOutput.builder().arn(HookTypeNames.typeArn(ns, alias)).build();
    }

    /** DeactivateType: the activation and every configuration of it. */
    public void deactivate(Namespace ns, DeactivateTypeInput in) {
        String name = resolve(ns, in.arn(), in.type(), in.typeName());
        documents.inRetriedTransaction(tx -> remove(tx, ns, name));
    }

    /** SetTypeConfiguration, checked against the hook configuration schema; answers the ConfigurationArn. */
    public String setConfiguration(Namespace ns, String typeArn, ThirdPartyType type, String typeName,
                                   String alias, String configuration) {
        String name = resolve(ns, typeArn, type, typeName);
        String configurationAlias = alias == null ? DEFAULT_ALIAS : alias;
        try {
            HookConfiguration.parse(configuration);
        } catch (HookConfigurationException e) {
            throw CFN_REGISTRY.exception(e.getMessage());
        }
        documents.inRetriedTransaction(tx -> {
            if (documents.get(tx, TYPE, ns, name).isEmpty()) {
                throw notFound(name);
            }
            putConfiguration(tx, ns, name, configurationAlias, configuration);
        });
        return HookTypeNames.configurationArn(ns, name, configurationAlias);
    }

    /**
     * The resource {@code AWS::CloudFormation::LambdaHook}: activates its alias with its
     * configuration. Called again for the same alias (a retry, or a template update) it replaces
     * the configuration; an alias the API activated is not the stack's to take.
     */
    public Provisioned activateFromTemplate(Namespace ns, Map<String, Object> properties) {
        LambdaHookResource hook = LambdaHookResource.read(properties);
        String arn = HookTypeNames.typeArn(ns, hook.alias());
        documents.inRetriedTransaction(tx -> {
            Optional<Versioned<DescribeTypeOutput>> current = documents.get(tx, TYPE, ns, hook.alias());
            if (current.isPresent() && !FROM_TEMPLATE.equals(current.get().value().description())) {
                throw new ResourceFailure("Resource of type '" + LambdaHookResource.TYPE + "' with identifier '"
                        + hook.alias() + "' already exists.");
            }
            DescribeTypeOutput.Builder type = current.map(c -> c.value().toBuilder())
                    .orElseGet(() -> newType(ns, hook.alias()));
            write(tx, ns, hook.alias(), current, type.description(FROM_TEMPLATE)
                    .executionRoleArn(hook.executionRole()).lastUpdated(now()).build());
            putConfiguration(tx, ns, hook.alias(), DEFAULT_ALIAS, hook.configurationJson());
        });
        return new Provisioned(arn, Map.of("HookArn", arn));
    }

    /** Deletes what {@link #activateFromTemplate} made; an activation that is gone is already deleted. */
    public void deactivateFromTemplate(Namespace ns, String typeArn) {
        HookTypeNames.nameOfArn(ns, typeArn).ifPresent(name -> documents.inRetriedTransaction(tx -> remove(tx, ns, name)));
    }

    /** The activated hooks whose default configuration is ENABLED, by type name. */
    List<ActiveHook> enabled(Namespace ns) {
        return documents.inTransaction(tx -> {
            List<ActiveHook> hooks = new ArrayList<>();
            for (DocumentStore.Keyed<DescribeTypeOutput> type
                    : documents.list(tx, TYPE, ns, Optional.empty(), Optional.empty(), MAX_TYPES).items()) {
                Optional<Versioned<TypeConfigurationDetails>> configuration = documents.get(tx, CONFIGURATION, ns,
                        configurationId(type.id(), DEFAULT_ALIAS));
                if (configuration.isEmpty()) {
                    continue; // AWS runs no hook before it is configured
                }
                HookConfiguration parsed = HookConfiguration.parse(configuration.get().value().configuration());
                if (parsed.enabled()) {
                    hooks.add(new ActiveHook(type.id(), type.value().arn(), type.value().originalTypeName(), parsed,
                            "%08d".formatted(configuration.get().version())));
                }
            }
            return hooks;
        });
    }

    DocumentStore documents() {
        return documents;
    }

    /**
     * The activated hook a request names by ARN or by Type and TypeName. Only hooks are ever
     * activated here, so any other type is not found.
     */
    String resolve(Namespace ns, String arn, ThirdPartyType type, String typeName) {
        return resolve(ns, arn, type == null ? null : type.value(), typeName);
    }

    String resolve(Namespace ns, String arn, RegistryType type, String typeName) {
        return resolve(ns, arn, type == null ? null : type.value(), typeName);
    }

    private String resolve(Namespace ns, String arn, String type, String typeName) {
        String name;
        if (arn != null) {
            name = HookTypeNames.nameOfArn(ns, arn).orElseThrow(() -> notFound(arn));
        } else if (typeName != null && type != null) {
            if (!type.equals("HOOK")) {
                throw notFound(typeName);
            }
            name = typeName;
        } else {
            throw CFN_REGISTRY.exception("Must specify either Arn, or TypeName and Type");
        }
        if (documents.get(TYPE, ns, name).isEmpty()) {
            throw notFound(arn != null ? arn : name);
        }
        return name;
    }

    static AwsException notFound(String type) {
        return TYPE_NOT_FOUND.exception("The type '" + type + "' cannot be found.");
    }

    static String configurationId(String typeName, String alias) {
        return typeName + "/" + alias;
    }

    private DescribeTypeOutput.Builder newType(Namespace ns, String alias) {
        Instant now = now();
        return DescribeTypeOutput.builder().arn(HookTypeNames.typeArn(ns, alias)).type(RegistryType.HOOK)
                .typeName(alias).originalTypeName(LAMBDA_HOOK).originalTypeArn(HookTypeNames.publicTypeArn(ns))
                .defaultVersionId(TYPE_VERSION).isDefaultVersion(true).isActivated(true)
                .visibility(Visibility.PRIVATE).deprecatedStatus(DeprecatedStatus.LIVE).timeCreated(now);
    }

    private void write(Tx tx, Namespace ns, String name, Optional<Versioned<DescribeTypeOutput>> current,
                       DescribeTypeOutput type) {
        if (current.isPresent()) {
            documents.replace(tx, TYPE, ns, name, current.get(), type);
        } else {
            documents.insert(tx, TYPE, ns, name, Optional.empty(), type);
        }
    }

    private void putConfiguration(Tx tx, Namespace ns, String name, String alias, String configuration) {
        String id = configurationId(name, alias);
        TypeConfigurationDetails details = TypeConfigurationDetails.builder()
                .arn(HookTypeNames.configurationArn(ns, name, alias)).alias(alias).configuration(configuration)
                .lastUpdated(now()).typeArn(HookTypeNames.typeArn(ns, name)).typeName(name)
                .isDefaultConfiguration(alias.equals(DEFAULT_ALIAS)).build();
        Optional<Versioned<TypeConfigurationDetails>> current = documents.get(tx, CONFIGURATION, ns, id);
        if (current.isPresent()) {
            documents.replace(tx, CONFIGURATION, ns, id, current.get(), details);
        } else {
            documents.insert(tx, CONFIGURATION, ns, id, Optional.of(name), details);
        }
    }

    private void remove(Tx tx, Namespace ns, String name) {
        for (String id : documents.ids(tx, CONFIGURATION, ns, name)) {
            documents.delete(tx, CONFIGURATION, ns, id);
        }
        documents.delete(tx, TYPE, ns, name);
    }

    private Instant now() {
        return Instant.ofEpochMilli(clock.now().toEpochMilli());
    }
}
