package io.slipway.codepipeline.actiontype;

import io.slipway.codepipeline.store.CodePipelineStore;
import io.slipway.codepipeline.tags.ResourceTags;
import io.slipway.core.Namespace;
import io.slipway.core.PageToken;
import io.slipway.core.codec.DocumentType;
import io.slipway.engine.store.ConcurrentUpdateException;
import io.slipway.engine.store.DuplicateKeyException;
import io.slipway.engine.store.Retry;
import io.slipway.engine.store.Tx;
import io.slipway.engine.store.Versioned;
import io.slipway.model.codepipeline.ActionCategory;
import io.slipway.model.codepipeline.ActionConfigurationProperty;
import io.slipway.model.codepipeline.ActionOwner;
import io.slipway.model.codepipeline.ActionType;
import io.slipway.model.codepipeline.ActionTypeDeclaration;
import io.slipway.model.codepipeline.ActionTypeId;
import io.slipway.model.codepipeline.CodePipelineModel;
import io.slipway.model.codepipeline.CreateCustomActionTypeInput;
import io.slipway.model.codepipeline.CreateCustomActionTypeOutput;
import io.slipway.model.codepipeline.ListActionTypesOutput;
import io.slipway.model.runtime.AwsException;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import static io.slipway.model.codepipeline.CodePipelineErrors.ACTION_TYPE_NOT_FOUND;
import static io.slipway.model.codepipeline.CodePipelineErrors.INVALID_NEXT_TOKEN;
import static io.slipway.model.codepipeline.CodePipelineErrors.LIMIT_EXCEEDED;
import static io.slipway.model.codepipeline.CodePipelineErrors.VALIDATION;

/**
 * Action types: AWS's built-in catalogue and the account's custom types. A custom type is stored
 * by {@code Category/Provider/Version}; deleting one moves it to the deleted kind, because AWS
 * never frees its version: the same id can only come back with an identical definition, which
 * restores it. Creating a type that exists with an identical definition answers it again.
 */
public final class ActionTypes {
    /** CodePipeline's quota of custom action types per account and region. */
    public static final int MAX_CUSTOM = 50;
    /** Not documented by AWS; clients follow nextToken. */
    static final int PAGE_SIZE = 50;
    /** More custom types than a region can hold: a listing reads them all and pages in memory. */
    private static final int ALL_CUSTOM = 1000;
    public static final DocumentType<ActionType> CUSTOM = new DocumentType<>("codepipeline.custom-action-type",
            CodePipelineModel.MODEL.shape("ActionType"), ActionType::fromDocument);
    /** Deleted custom types, kept so that their ids stay taken and an identical create restores them. */
    public static final DocumentType<ActionType> DELETED = new DocumentType<>("codepipeline.deleted-action-type",
            CodePipelineModel.MODEL.shape("ActionType"), ActionType::fromDocument);
    private final CodePipelineStore store;
    private final ResourceTags tags;

    public ActionTypes(CodePipelineStore store, ResourceTags tags) {
        this.store = store;
        this.tags = tags;
    }

    // ---- the API ----

    public CreateCustomActionTypeOutput create(Namespace ns, CreateCustomActionTypeInput in) {
        ActionType type = new ActionType(new ActionTypeId(in.category(), ActionOwner.CUSTOM, in.provider(), in.version()),
                in.settings(), normalized(in.configurationProperties()), in.inputArtifactDetails(),
                in.outputArtifactDetails());
        CustomActionTypeRules.check(type);
        ResourceTags.validate(in.tags());
        String key = customKey(type.id());
        return Retry.onConflict(() -> store.inTransaction(tx -> {
            Optional<ActionType> live = store.get(tx, CUSTOM, ns, key).map(Versioned::value);
            if (live.isEmpty()) {
                Optional<ActionType> deleted = store.get(tx, DELETED, ns, key).map(Versioned::value);
                if (deleted.isPresent() && !deleted.get().equals(type)) {
                    throw VALIDATION.exception(describe(type.id()) + " was deleted. To create a custom action type "
                            + "again, use a version that was never used, or restore the deleted one with an identical "
                            + "definition");
                }
                if (!store.belowQuota(tx, CUSTOM, ns, Optional.empty(), MAX_CUSTOM)) {
                    throw LIMIT_EXCEEDED.exception("The limit of " + MAX_CUSTOM
                            + " custom action types for this account and region has been reached");
                }
                store.delete(tx, DELETED, ns, key);
                insert(tx, ns, key, type);
            } else if (!live.get().equals(type)) {
                throw VALIDATION.exception(describe(type.id()) + " already exists with another definition");
            }
            tags.put(tx, ns, tagKey(type.id()), arn(ns, type.id()), in.tags());
            return new CreateCustomActionTypeOutput(type, tags.list(tx, ns, tagKey(type.id())));
        }));
    }

    /** Marks a custom type deleted (its tags go with it); deleting one that is not there succeeds. */
    public void delete(Namespace ns, ActionCategory category, String provider, String version) {
        ActionTypeId id = new ActionTypeId(category, ActionOwner.CUSTOM, provider, version);
        String key = customKey(id);
        store.inTransaction(tx -> {
            store.get(tx, CUSTOM, ns, key).ifPresent(live -> {
                store.delete(tx, CUSTOM, ns, key);
                store.delete(tx, DELETED, ns, key);
                store.insert(tx, DELETED, ns, key, Optional.empty(), live.value());
                tags.delete(tx, ns, tagKey(id));
            });
            return null;
        });
    }

    /**
     * ListActionTypes: the built-in types, then the custom ones by id. {@code regionFilter} lists
     * the caller's account in that region (built-in types exist in every region).
     */
    public ListActionTypesOutput list(Namespace caller, ActionOwner owner, String regionFilter, String nextToken) {
        Namespace ns = regionFilter == null ? caller : new Namespace(caller.account(), regionFilter);
        Optional<String> after = Optional.ofNullable(nextToken).map(t -> PageToken.decode("action-types", t)
                .orElseThrow(() -> INVALID_NEXT_TOKEN.exception("Invalid next token: " + t)));
        List<ActionType> all = new ArrayList<>();
        if (owner == null || owner == ActionOwner.AWS) {
            all.addAll(BuiltInActionTypes.all());
        }
        if (owner == null || owner == ActionOwner.CUSTOM) {
            store.list(CUSTOM, ns, Optional.empty(), Optional.empty(), ALL_CUSTOM).items()
                    .forEach(k -> all.add(k.value()));
        }
        List<ActionType> page = new ArrayList<>();
        String last = null;
        for (ActionType t : all) {
            String sortKey = sortKey(t.id());
            if (after.isPresent() && sortKey.compareTo(after.get()) <= 0) {
                continue;
            }
            if (page.size() == PAGE_SIZE) {
                return new ListActionTypesOutput(page, PageToken.encode("action-types", last));
            }
            page.add(t);
            last = sortKey;
        }
        return new ListActionTypesOutput(page, null);
    }

    /** GetActionType: the declaration of an AWS-owned type (no third-party types are registered in Slipway). */
    public ActionTypeDeclaration declaration(ActionCategory category, String owner, String provider, String version) {
        ActionTypeId id = new ActionTypeId(category, ActionOwner.fromValue(owner), provider, version);
        return BuiltInActionTypes.find(id).map(ActionTypeDeclarations::of)
                .orElseThrow(() -> ACTION_TYPE_NOT_FOUND.exception(describe(id) + " was not found"));
    }

    // ---- for pipelines, the engine and job workers ----

    /**
     * The action type a pipeline action, an execution or a job poll names: a built-in type, or a
     * custom type of the namespace that has not been deleted.
     */
    public Optional<ActionType> find(Tx tx, Namespace ns, ActionTypeId id) {
        if (id.owner() == ActionOwner.CUSTOM) {
            return store.get(tx, CUSTOM, ns, customKey(id)).map(Versioned::value);
        }
        return BuiltInActionTypes.find(id);
    }

    /**
     * Like {@link #find}, but a deleted custom type too: pipelines that still declare one keep
     * their secret properties hidden.
     */
    public Optional<ActionType> findIncludingDeleted(Tx tx, Namespace ns, ActionTypeId id) {
        return find(tx, ns, id).or(() -> id.owner() == ActionOwner.CUSTOM
                ? store.get(tx, DELETED, ns, customKey(id)).map(Versioned::value) : Optional.empty());
    }

    /**
     * The name of the type's queryable configuration property (PollForJobs' {@code queryParam}
     * key), when the type exists and has one.
     */
    public Optional<String> queryableProperty(Tx tx, Namespace ns, ActionTypeId id) {
        return find(tx, ns, id).flatMap(t -> properties(t).stream()
                .filter(p -> Boolean.TRUE.equals(p.queryable())).map(ActionConfigurationProperty::name).findFirst());
    }

    /** Whether a custom type exists, by the resource part of its ARN ({@code actiontype:Custom/...}). */
    public boolean exists(Tx tx, Namespace ns, String resource) {
        String prefix = "actiontype:Custom/";
        return resource.startsWith(prefix) && store.get(tx, CUSTOM, ns, resource.substring(prefix.length())).isPresent();
    }

    /** {@code arn:aws:codepipeline:region:account:actiontype:Owner/Category/Provider/Version}. */
    public static String arn(Namespace ns, ActionTypeId id) {
        return "arn:aws:codepipeline:" + ns.region() + ":" + ns.account() + ":" + tagKey(id);
    }

    /** AWS's way of naming an action type in messages. */
    public static String describe(ActionTypeId id) {
        return "ActionType (Category: '" + id.category() + "', Provider: '" + id.provider() + "', Owner: '" + id.owner()
                + "', Version: '" + id.version() + "')";
    }

    static String key(ActionTypeId id) {
        return id.owner() + "/" + id.category() + "/" + id.provider() + "/" + id.version();
    }

    static List<ActionConfigurationProperty> properties(ActionType type) {
        return type.actionConfigurationProperties() == null ? List.of() : type.actionConfigurationProperties();
    }

    private void insert(Tx tx, Namespace ns, String key, ActionType type) {
        try {
            store.insert(tx, CUSTOM, ns, key, Optional.empty(), type);
        } catch (DuplicateKeyException e) {
            // a concurrent create of the same id: the retry compares definitions
            throw new ConcurrentUpdateException("custom action type " + key);
        }
    }

    private static String customKey(ActionTypeId id) {
        return id.category() + "/" + id.provider() + "/" + id.version();
    }

    private static String tagKey(ActionTypeId id) {
        return "actiontype:" + id.owner() + "/" + customKey(id);
    }

    private static String sortKey(ActionTypeId id) {
        // built-in types first, in catalogue order; custom types after them, by id
        int builtIn = BuiltInActionTypes.all().stream().map(ActionType::id).toList().indexOf(id);
        return builtIn >= 0 ? String.format("0/%03d", builtIn) : "1/" + customKey(id);
    }

    private static List<ActionConfigurationProperty> normalized(List<ActionConfigurationProperty> properties) {
        if (properties == null) {
            return List.of();
        }
        return properties.stream().map(p -> p.toBuilder().queryable(Objects.requireNonNullElse(p.queryable(), false))
                .build()).toList();
    }

    static AwsException invalid(String message) {
        return VALIDATION.exception(message);
    }
}
