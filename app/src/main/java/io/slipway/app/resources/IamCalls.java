package io.slipway.app.resources;

import io.slipway.cloudformation.resource.ResourceRequest;
import io.slipway.core.codec.JsonCodec;
import io.slipway.model.iam.*;
import io.slipway.model.runtime.AwsException;
import io.slipway.model.runtime.AwsStructure;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * What IAM's resource types share: the inline policies and managed policy ARNs of users, roles
 * and groups, brought from the previous template's values to the new ones through IAM's own
 * operations, and policy documents read from templates (JSON objects or strings).
 */
final class IamCalls {
    private final ServiceCalls iam;

    /** The IAM entities that hold policies. */
    enum Entity { USER, ROLE, GROUP }

    IamCalls(ServiceCalls iam) {
        this.iam = iam;
    }

    ServiceCalls service() {
        return iam;
    }

    /** A policy document property: a template object written as JSON, or a string as it is. */
    static String document(ResourceProperties p, String key) {
        Object v = p.values().get(key);
        if (v == null) {
            throw p.missing(key);
        }
        if (v instanceof String s) {
            return s;
        }
        if (!(v instanceof Map<?, ?>)) {
            throw p.invalid(p.path() + "/" + key + ": expected type: JSONObject, found: " + v.getClass().getSimpleName());
        }
        return JsonCodec.writeDocument(v);
    }

    /** The Policies property of a user, role or group: policy name to document, in template order. */
    static Map<String, String> inlinePolicies(ResourceProperties p) {
        Map<String, String> out = new LinkedHashMap<>();
        for (ResourceProperties policy : p.objects("Policies")) {
            policy.only(Set.of("PolicyName", "PolicyDocument"));
            out.put(policy.requiredString("PolicyName"), document(policy, "PolicyDocument"));
        }
        return out;
    }

    static Set<String> managedPolicyArns(ResourceProperties p) {
        return new LinkedHashSet<>(p.strings("ManagedPolicyArns"));
    }

    static List<Tag> tags(ResourceProperties p) {
        return tags(p.tags("Tags"));
    }

    static List<Tag> tags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> new Tag(e.getKey(), e.getValue())).toList();
    }

    /** Brings an entity's tags from the previous template's Tags to the new one's, with its own Tag/Untag operations. */
    void retag(ResourceRequest request, ResourceProperties previous, ResourceProperties p, String tagOperation,
               Function<List<Tag>, AwsStructure> tag, String untagOperation, Function<List<String>, AwsStructure> untag) {
        TagChanges changes = TagChanges.between(previous.tags("Tags"), p.tags("Tags"));
        if (!changes.removed().isEmpty()) {
            iam.call(request, untagOperation, untag.apply(changes.removed()));
        }
        if (!changes.set().isEmpty()) {
            iam.call(request, tagOperation, tag.apply(tags(changes.set())));
        }
    }

    /** Puts the policies that are new or changed and deletes those the template dropped. */
    void syncInline(ResourceRequest request, Entity e, String name, Map<String, String> before, Map<String, String> after) {
        for (String dropped : before.keySet()) {
            if (!after.containsKey(dropped)) {
                iam.delete(request, "Delete" + noun(e) + "Policy", deletePolicy(e, name, dropped));
            }
        }
        after.forEach((policy, document) -> {
            if (!Objects.equals(before.get(policy), document)) {
                iam.call(request, "Put" + noun(e) + "Policy", putPolicy(e, name, policy, document));
            }
        });
    }

    /** Attaches the ARNs that are new and detaches those the template dropped. */
    void syncAttached(ResourceRequest request, Entity e, String name, Set<String> before, Set<String> after) {
        for (String arn : before) {
            if (!after.contains(arn)) {
                iam.delete(request, "Detach" + noun(e) + "Policy", attachment(e, name, arn, false));
            }
        }
        for (String arn : after) {
            if (!before.contains(arn)) {
                iam.call(request, "Attach" + noun(e) + "Policy", attachment(e, name, arn, true));
            }
        }
    }

    /** A user's membership of a group. */
    record Membership(String group, String user) {
    }

    /** Adds the memberships that are new and removes those the template dropped. */
    void syncMemberships(ResourceRequest request, Set<Membership> before, Set<Membership> after) {
        for (Membership m : before) {
            if (!after.contains(m)) {
                iam.delete(request, "RemoveUserFromGroup", new RemoveUserFromGroupRequest(m.group(), m.user()));
            }
        }
        for (Membership m : after) {
            if (!before.contains(m)) {
                iam.call(request, "AddUserToGroup", new AddUserToGroupRequest(m.group(), m.user()));
            }
        }
    }

    void putPolicy(ResourceRequest request, Entity e, String name, String policy, String document) {
        iam.call(request, "Put" + noun(e) + "Policy", putPolicy(e, name, policy, document));
    }

    /** Deletes an inline policy; one that is gone (or whose entity is gone) is deleted already. */
    void deletePolicy(ResourceRequest request, Entity e, String name, String policy) {
        iam.delete(request, "Delete" + noun(e) + "Policy", deletePolicy(e, name, policy));
    }

    /** Takes every inline and attached policy off an entity, as CloudFormation does before deleting it. */
    void clear(ResourceRequest request, Entity e, String name) {
        Map<String, Object> attached = raw(request, "ListAttached" + noun(e) + "Policies", switch (e) {
            case USER -> new ListAttachedUserPoliciesRequest(name, null, null, 1000);
            case ROLE -> new ListAttachedRolePoliciesRequest(name, null, null, 1000);
            case GROUP -> new ListAttachedGroupPoliciesRequest(name, null, null, 1000);
        });
        if (attached == null) {
            return;
        }
        for (Object a : (List<?>) attached.getOrDefault("AttachedPolicies", List.of())) {
            String arn = (String) ((Map<?, ?>) a).get("PolicyArn");
            iam.delete(request, "Detach" + noun(e) + "Policy", attachment(e, name, arn, false));
        }
        Map<String, Object> inline = raw(request, "List" + noun(e) + "Policies", switch (e) {
            case USER -> new ListUserPoliciesRequest(name, null, 1000);
            case ROLE -> new ListRolePoliciesRequest(name, null, 1000);
            case GROUP -> new ListGroupPoliciesRequest(name, null, 1000);
        });
        for (Object policy : (List<?>) (inline == null ? List.of() : inline.getOrDefault("PolicyNames", List.of()))) {
            deletePolicy(request, e, name, (String) policy);
        }
    }

    /** A listing, or null when the entity is gone (then there is nothing to clear). */
    private Map<String, Object> raw(ResourceRequest request, String operation, AwsStructure input) {
        try {
            Map<String, Object> out = iam.raw(request, operation, input);
            return out == null ? Map.of() : out;
        } catch (AwsException e) {
            if (HandlerErrorCode.of(e) == HandlerErrorCode.NOT_FOUND) {
                return null;
            }
            throw iam.failure(request, e);
        }
    }

    private static String noun(Entity e) {
        return switch (e) {
            case USER -> "User";
            case ROLE -> "Role";
            case GROUP -> "Group";
        };
    }

    private static AwsStructure putPolicy(Entity e, String name, String policy, String document) {
        return switch (e) {
            case USER -> new PutUserPolicyRequest(name, policy, document);
            case ROLE -> new PutRolePolicyRequest(name, policy, document);
            case GROUP -> new PutGroupPolicyRequest(name, policy, document);
        };
    }

    private static AwsStructure deletePolicy(Entity e, String name, String policy) {
        return switch (e) {
            case USER -> new DeleteUserPolicyRequest(name, policy);
            case ROLE -> new DeleteRolePolicyRequest(name, policy);
            case GROUP -> new DeleteGroupPolicyRequest(name, policy);
        };
    }

    private static AwsStructure attachment(Entity e, String name, String arn, boolean attach) {
        return switch (e) {
            case USER -> attach ? new AttachUserPolicyRequest(name, arn) : new DetachUserPolicyRequest(name, arn);
            case ROLE -> attach ? new AttachRolePolicyRequest(name, arn) : new DetachRolePolicyRequest(name, arn);
            case GROUP -> attach ? new AttachGroupPolicyRequest(name, arn) : new DetachGroupPolicyRequest(name, arn);
        };
    }
}
