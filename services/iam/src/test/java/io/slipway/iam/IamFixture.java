package io.slipway.iam;

import io.slipway.engine.clock.ManualClock;
import io.slipway.engine.store.Database;
import io.slipway.engine.store.DatabaseConfig;
import io.slipway.engine.store.IdGenerator;
import io.slipway.engine.store.ResourceStore;
import io.slipway.iam.policy.Attachments;
import io.slipway.iam.policy.AwsManagedPolicies;
import io.slipway.iam.policy.ManagedPolicies;
import io.slipway.iam.policy.PermissionsBoundaries;
import io.slipway.iam.principal.Principals;
import io.slipway.iam.role.Roles;
import io.slipway.iam.store.IamStore;
import io.slipway.iam.user.AccessKeys;
import io.slipway.iam.user.IssuedKeyCache;
import io.slipway.iam.user.Users;

import java.time.Instant;

/** IAM's domain on an in-memory store with a manual clock, for unit tests. */
public final class IamFixture implements AutoCloseable {
    public final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    public final Database db = Database.open(DatabaseConfig.h2InMemory());
    public final IamStore store = new IamStore(db.jdbc(), new ResourceStore(db.jdbc(), clock));
    public final IamIds ids = new IamIds(IdGenerator.uuid());
    public final Principals principals = new Principals(store);
    public final ManagedPolicies policies = new ManagedPolicies(store, AwsManagedPolicies.load(), clock, ids);
    public final PermissionsBoundaries boundaries = new PermissionsBoundaries(store, policies);
    public final Attachments attachments = new Attachments(store, principals, policies);
    public final IssuedKeyCache keyCache = new IssuedKeyCache(store, clock);
    public final Users users = new Users(store, principals, boundaries, clock, ids);
    public final Roles roles = new Roles(store, principals, boundaries, clock, ids);
    public final AccessKeys keys = new AccessKeys(store, principals, keyCache, clock, ids);

    @Override
    public void close() {
        db.close();
    }
}
