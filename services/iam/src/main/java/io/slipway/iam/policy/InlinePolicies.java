package io.slipway.iam.policy;

import io.slipway.core.Namespace;
import io.slipway.engine.store.Tx;
import io.slipway.iam.Paging;
import io.slipway.iam.principal.Principal;
import io.slipway.iam.principal.PrincipalKind;
import io.slipway.iam.principal.Principals;
import io.slipway.iam.store.IamStore;
import io.slipway.iam.store.InlinePolicy;
import io.slipway.model.runtime.AwsException;

import java.util.List;
import java.util.Optional;

import static io.slipway.iam.store.IamStore.INLINE_POLICY;
import static io.slipway.model.iam.IamErrors.LIMIT_EXCEEDED;
import static io.slipway.model.iam.IamErrors.NO_SUCH_ENTITY;

/**
 * Policies embedded in a user, role or group. Their sizes together (without white space) are
 * limited per kind of entity; the entity's row lock makes that check hold against concurrent
 * writers of the same entity's policies.
 */
public final class InlinePolicies {
    private final IamStore store;
    private final Principals principals;

    public InlinePolicies(IamStore store, Principals principals) {
        this.store = store;
        this.principals = principals;
    }

    /** Adds or replaces the entity's policy of that name. */
    public void put(Namespace ns, PrincipalKind kind, String name, String policyName, String document) {
        PolicyGrammar.check(document, PolicyGrammar.Kind.INLINE);
        store.inTransaction(tx -> {
            Principal entity = principals.lockModifiable(tx, ns, kind, name);
            String key = key(entity, policyName);
            int size = PolicyText.size(document);
            for (IamStore.Keyed<InlinePolicy> other : store.list(tx, INLINE_POLICY, ns, Optional.of(entity.id()),
                    Optional.empty(), 10_000).items()) {
                if (!other.id().equals(key)) {
                    size += PolicyText.size(other.value().policyDocument());
                }
            }
            if (size > kind.inlinePolicySize()) {
                throw LIMIT_EXCEEDED.exception("Maximum policy size of " + kind.inlinePolicySize()
                        + " bytes exceeded for " + kind.noun() + " " + entity.name());
            }
            InlinePolicy policy = new InlinePolicy(policyName, document);
            if (store.get(tx, INLINE_POLICY, ns, key).isPresent()) {
                store.delete(tx, INLINE_POLICY, ns, key);
            }
            store.insert(tx, INLINE_POLICY, ns, key, Optional.of(entity.id()), policy);
            return null;
        });
    }

    /** The policy with its document as written (the caller encodes it for the wire). */
    public InlinePolicy get(Namespace ns, PrincipalKind kind, String name, String policyName) {
        Principal entity = principals.get(ns, kind, name);
        return store.get(INLINE_POLICY, ns, key(entity, policyName)).orElseThrow(() -> notFound(kind, policyName));
    }

    public void delete(Namespace ns, PrincipalKind kind, String name, String policyName) {
        store.inTransaction(tx -> {
            Principal entity = principals.lockModifiable(tx, ns, kind, name);
            if (!store.delete(tx, INLINE_POLICY, ns, key(entity, policyName))) {
                throw notFound(kind, policyName);
            }
            return null;
        });
    }

    public Paging.Page<String> names(Namespace ns, PrincipalKind kind, String name, Paging paging) {
        Principal entity = principals.get(ns, kind, name);
        return store.page(INLINE_POLICY, ns, Optional.of(entity.id()), paging, p -> true).map(InlinePolicy::policyName);
    }

    /** Every inline policy of an entity, for GetAccountAuthorizationDetails and deletion checks. */
    public List<InlinePolicy> of(Tx tx, Namespace ns, Principal entity) {
        return store.children(tx, INLINE_POLICY, ns, entity.id());
    }

    private static String key(Principal entity, String policyName) {
        return entity.id() + "/" + Principals.key(policyName);
    }

    private static AwsException notFound(PrincipalKind kind, String policyName) {
        return NO_SUCH_ENTITY.exception("The " + kind.noun() + " policy with name " + policyName + " cannot be found.");
    }
}
