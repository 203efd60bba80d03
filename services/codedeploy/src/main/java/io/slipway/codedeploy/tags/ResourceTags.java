package io.slipway.codedeploy.tags;

import io.slipway.codedeploy.Arns;
import io.slipway.codedeploy.config.PredefinedConfigs;
import io.slipway.codedeploy.group.DeploymentGroups;
import io.slipway.codedeploy.store.CodeDeployStore;
import io.slipway.core.Namespace;
import io.slipway.engine.store.Tx;
import io.slipway.engine.store.ConcurrentUpdateException;
import io.slipway.engine.store.Retry;
import io.slipway.engine.store.Versioned;
import io.slipway.model.codedeploy.ApplicationInfo;
import io.slipway.model.codedeploy.DeploymentConfigInfo;
import io.slipway.model.codedeploy.ListTagsForResourceOutput;
import io.slipway.model.codedeploy.Tag;
import io.slipway.model.runtime.AwsError;
import io.slipway.model.runtime.AwsException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.slipway.codedeploy.store.CodeDeployStore.APPLICATION;
import static io.slipway.codedeploy.store.CodeDeployStore.DEPLOYMENT_CONFIG;
import static io.slipway.codedeploy.store.CodeDeployStore.DEPLOYMENT_GROUP;
import static io.slipway.codedeploy.store.CodeDeployStore.TAGS;
import static io.slipway.model.codedeploy.CodeDeployErrors.APPLICATION_DOES_NOT_EXIST;
import static io.slipway.model.codedeploy.CodeDeployErrors.ARN_NOT_SUPPORTED;
import static io.slipway.model.codedeploy.CodeDeployErrors.DEPLOYMENT_CONFIG_DOES_NOT_EXIST;
import static io.slipway.model.codedeploy.CodeDeployErrors.DEPLOYMENT_GROUP_DOES_NOT_EXIST;
import static io.slipway.model.codedeploy.CodeDeployErrors.INVALID_ARN;
import static io.slipway.model.codedeploy.CodeDeployErrors.INVALID_TAGS_TO_ADD;
import static io.slipway.model.codedeploy.CodeDeployErrors.RESOURCE_ARN_REQUIRED;
import static io.slipway.model.codedeploy.CodeDeployErrors.TAG_REQUIRED;

/**
 * Tags of applications, deployment groups and deployment configs, stored by the resource's id so
 * a rename keeps them. The limits are AWS's: 50 tags, keys 1-128 and values 0-256 characters, no
 * {@code aws:} prefix.
 */
public final class ResourceTags {
    public static final int MAX_TAGS = 50;
    private final CodeDeployStore store;

    public ResourceTags(CodeDeployStore store) {
        this.store = store;
    }

    public static void validate(List<Tag> tags) {
        if (tags == null) {
            return;
        }
        for (Tag t : tags) {
            if (t.key() == null || t.key().isEmpty() || t.key().length() > 128) {
                throw INVALID_TAGS_TO_ADD.exception("Tag keys must be 1 to 128 characters long");
            }
            if (t.key().startsWith("aws:")) {
                throw INVALID_TAGS_TO_ADD.exception("Tag keys may not begin with aws:");
            }
            if (t.value() != null && t.value().length() > 256) {
                throw INVALID_TAGS_TO_ADD.exception("Tag values may be at most 256 characters long");
            }
        }
    }

    /** Adds or replaces tags of a resource. */
    public void put(Tx tx, Namespace ns, String resourceId, List<Tag> tags) {
        if (tags == null || tags.isEmpty()) {
            return;
        }
        validate(tags);
        var current = store.getForUpdate(tx, TAGS, ns, resourceId);
        Map<String, Tag> merged = byKey(current.map(v -> v.value().tags()).orElse(List.of()));
        tags.forEach(t -> merged.put(t.key(), new Tag(t.key(), t.value() == null ? "" : t.value())));
        if (merged.size() > MAX_TAGS) {
            throw INVALID_TAGS_TO_ADD.exception("A resource can have at most " + MAX_TAGS + " tags");
        }
        save(tx, ns, resourceId, current.map(v -> v.version()), merged);
    }

    public void remove(Tx tx, Namespace ns, String resourceId, List<String> keys) {
        store.getForUpdate(tx, TAGS, ns, resourceId).ifPresent(current -> {
            Map<String, Tag> merged = byKey(current.value().tags());
            keys.forEach(merged::remove);
            save(tx, ns, resourceId, Optional.of(current.version()), merged);
        });
    }

    public List<Tag> list(Tx tx, Namespace ns, String resourceId) {
        return store.get(tx, TAGS, ns, resourceId).map(v -> v.value().tags()).orElse(List.of());
    }

    public void delete(Tx tx, Namespace ns, String resourceId) {
        store.delete(tx, TAGS, ns, resourceId);
    }

    private void save(Tx tx, Namespace ns, String resourceId, Optional<Long> version, Map<String, Tag> tags) {
        ListTagsForResourceOutput doc = ListTagsForResourceOutput.builder().tags(new ArrayList<>(tags.values())).build();
        if (version.isPresent()) {
            if (!store.update(tx, TAGS, ns, resourceId, version.get(), doc)) {
                throw new ConcurrentUpdateException("tags of " + resourceId);
            }
        } else {
            store.insert(tx, TAGS, ns, resourceId, Optional.empty(), doc);
        }
    }

    private static Map<String, Tag> byKey(List<Tag> tags) {
        Map<String, Tag> out = new LinkedHashMap<>();
        tags.forEach(t -> out.put(t.key(), t));
        return out;
    }

    // ---- the tagging API, by ARN ----

    public void tagResource(Namespace caller, String arn, List<Tag> tags) {
        if (tags == null || tags.isEmpty()) {
            throw TAG_REQUIRED.exception("A tag is required");
        }
        Retry.onConflict(() -> store.inTransaction(tx -> {
            put(tx, caller, resolve(tx, caller, arn), tags);
            return null;
        }));
    }

    public void untagResource(Namespace caller, String arn, List<String> keys) {
        if (keys == null || keys.isEmpty()) {
            throw TAG_REQUIRED.exception("A tag key is required");
        }
        Retry.onConflict(() -> store.inTransaction(tx -> {
            remove(tx, caller, resolve(tx, caller, arn), keys);
            return null;
        }));
    }

    public List<Tag> listTagsForResource(Namespace caller, String arn) {
        return store.inTransaction(tx -> list(tx, caller, resolve(tx, caller, arn)));
    }

    /** The id of the resource an ARN names; another namespace's resources do not exist for the caller. */
    private String resolve(Tx tx, Namespace caller, String arn) {
        if (arn == null || arn.isEmpty()) {
            throw RESOURCE_ARN_REQUIRED.exception("A resource ARN is required");
        }
        Arns.Parsed parsed = Arns.parse(arn).orElseThrow(() -> INVALID_ARN.exception("The ARN " + arn + " is not valid"));
        if (!parsed.service().equals("codedeploy")) {
            throw ARN_NOT_SUPPORTED.exception("The ARN " + arn + " is not supported");
        }
        Namespace ns = parsed.namespace();
        boolean ours = ns.equals(caller);
        String name = parsed.resource();
        return switch (parsed.resourceType()) {
            case "application" -> applicationId(tx, ours, ns, name);
            case "deploymentgroup" -> {
                int slash = name.indexOf('/');
                if (slash < 0) {
                    throw INVALID_ARN.exception("The ARN " + arn + " is not valid");
                }
                String appId = applicationId(tx, ours, ns, name.substring(0, slash));
                String group = name.substring(slash + 1);
                yield store.get(tx, DEPLOYMENT_GROUP, ns, DeploymentGroups.key(appId, group))
                        .map(v -> v.value().deploymentGroupId())
                        .orElseThrow(() -> missing(DEPLOYMENT_GROUP_DOES_NOT_EXIST, "deployment group", group));
            }
            case "deploymentconfig" -> {
                if (PredefinedConfigs.isPredefined(name)) {
                    throw ARN_NOT_SUPPORTED.exception("Predefined deployment configurations cannot be tagged");
                }
                yield (ours ? store.get(tx, DEPLOYMENT_CONFIG, ns, name) : Optional.<Versioned<DeploymentConfigInfo>>empty())
                        .map(v -> v.value().deploymentConfigId())
                        .orElseThrow(() -> missing(DEPLOYMENT_CONFIG_DOES_NOT_EXIST, "deployment configuration", name));
            }
            default -> throw ARN_NOT_SUPPORTED.exception("The ARN " + arn + " is not supported");
        };
    }

    private String applicationId(Tx tx, boolean ours, Namespace ns, String name) {
        return (ours ? store.get(tx, APPLICATION, ns, name) : Optional.<Versioned<ApplicationInfo>>empty())
                .map(v -> v.value().applicationId())
                .orElseThrow(() -> missing(APPLICATION_DOES_NOT_EXIST, "application", name));
    }

    private static AwsException missing(AwsError error, String what, String name) {
        return error.exception("No " + what + " found for name: " + name);
    }

}
