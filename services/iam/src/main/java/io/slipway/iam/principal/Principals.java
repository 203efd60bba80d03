package io.slipway.iam.principal;

import io.slipway.core.Namespace;
import io.slipway.core.codec.DocumentType;
import io.slipway.engine.store.Tx;
import io.slipway.engine.store.Versioned;
import io.slipway.iam.store.IamStore;
import io.slipway.model.runtime.AwsException;
import io.slipway.model.runtime.AwsStructure;

import java.util.Locale;
import java.util.Optional;

import static io.slipway.model.iam.IamErrors.NO_SUCH_ENTITY;
import static io.slipway.model.iam.IamErrors.UNMODIFIABLE_ENTITY;

/** Finds users, roles and groups by name, for what hangs things off them. */
public final class Principals {
    /** IAM's refusals to delete a user, role or group that still has inline or attached policies. */
    public static final String INLINE_POLICIES_LEFT = "Cannot delete entity, must delete policies first.";
    public static final String ATTACHED_POLICIES_LEFT = "Cannot delete entity, must detach all policies first.";
    private final IamStore store;

    public Principals(IamStore store) {
        this.store = store;
    }

    /** IAM names are unique regardless of case: this is the key they are stored under. */
    public static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    public Principal get(Namespace ns, PrincipalKind kind, String name) {
        return store.inTransaction(tx -> find(tx, ns, kind, name, false)).orElseThrow(() -> notFound(kind, name));
    }

    /** The entity, row-locked until the transaction ends (see {@link IamStore#lock}). */
    public Principal lock(Tx tx, Namespace ns, PrincipalKind kind, String name) {
        return find(tx, ns, kind, name, true).orElseThrow(() -> notFound(kind, name));
    }

    /** Like {@link #lock}, and refuses a service-linked role, which only its service may change. */
    public Principal lockModifiable(Tx tx, Namespace ns, PrincipalKind kind, String name) {
        Principal p = lock(tx, ns, kind, name);
        if (p.serviceLinked()) {
            throw protectedRole(p.name());
        }
        return p;
    }

    private Optional<Principal> find(Tx tx, Namespace ns, PrincipalKind kind, String name, boolean lock) {
        String key = key(name);
        return switch (kind) {
            case USER -> read(tx, IamStore.USER, ns, key, lock).map(Principal::of);
            case ROLE -> read(tx, IamStore.ROLE, ns, key, lock).map(Principal::of);
            case GROUP -> read(tx, IamStore.GROUP, ns, key, lock).map(Principal::of);
        };
    }

    private <T extends AwsStructure> Optional<T> read(Tx tx, DocumentType<T> type, Namespace ns,
                                                      String key, boolean lock) {
        return (lock ? store.lock(tx, type, ns, key) : store.get(tx, type, ns, key)).map(Versioned::value);
    }

    public static AwsException notFound(PrincipalKind kind, String name) {
        return NO_SUCH_ENTITY.exception("The " + kind.noun() + " with name " + name + " cannot be found.");
    }

    public static AwsException protectedRole(String name) {
        return UNMODIFIABLE_ENTITY.exception("Cannot perform the operation on the protected role '" + name
                + "' - this role is only modifiable by AWS");
    }
}
