package io.slipway.iam;

import io.slipway.core.identity.IssuedKeys;
import io.slipway.core.protocol.ServiceBinding;
import io.slipway.engine.clock.SlipwayClock;
import io.slipway.engine.store.IdGenerator;
import io.slipway.engine.store.Jdbc;
import io.slipway.engine.store.ResourceStore;
import io.slipway.iam.account.AccountAuthorizationApi;
import io.slipway.iam.group.Groups;
import io.slipway.iam.group.GroupsApi;
import io.slipway.iam.policy.Attachments;
import io.slipway.iam.policy.AwsManagedPolicies;
import io.slipway.iam.policy.InlinePolicies;
import io.slipway.iam.policy.InlinePoliciesApi;
import io.slipway.iam.policy.ManagedPolicies;
import io.slipway.iam.policy.PermissionsBoundaries;
import io.slipway.iam.policy.PoliciesApi;
import io.slipway.iam.policy.PolicyVersions;
import io.slipway.iam.principal.Principals;
import io.slipway.iam.role.InstanceProfiles;
import io.slipway.iam.role.InstanceProfilesApi;
import io.slipway.iam.role.Roles;
import io.slipway.iam.role.RolesApi;
import io.slipway.iam.role.ServiceLinkedRoles;
import io.slipway.iam.store.IamStore;
import io.slipway.iam.user.AccessKeys;
import io.slipway.iam.user.Callers;
import io.slipway.iam.user.IssuedKeyCache;
import io.slipway.iam.user.Users;
import io.slipway.iam.user.UsersApi;
import io.slipway.model.iam.IamDispatcher;

/**
 * IAM assembled: the API binding; the {@link IamDirectory} other services ask; and the issued
 * keys the Router's account resolver consults for requests signed with IAM users' keys.
 */
public record IamService(ServiceBinding binding, IamDirectory directory, IssuedKeys issuedKeys) {

    public static IamService create(Jdbc jdbc, ResourceStore resources, SlipwayClock clock, IdGenerator idGenerator) {
        IamStore store = new IamStore(jdbc, resources);
        IamIds ids = new IamIds(idGenerator);
        Principals principals = new Principals(store);
        ManagedPolicies policies = new ManagedPolicies(store, AwsManagedPolicies.load(), clock, ids);
        PolicyVersions versions = new PolicyVersions(store, policies, clock);
        PermissionsBoundaries boundaries = new PermissionsBoundaries(store, policies);
        Attachments attachments = new Attachments(store, principals, policies);
        InlinePolicies inline = new InlinePolicies(store, principals);
        IssuedKeyCache keys = new IssuedKeyCache(store, clock);
        Users users = new Users(store, principals, boundaries, clock, ids);
        Roles roles = new Roles(store, principals, boundaries, clock, ids);
        IamApi api = new IamApi(
                new UsersApi(users, new AccessKeys(store, principals, keys, clock, ids), new Callers(keys)),
                new GroupsApi(new Groups(store, principals, clock, ids), users),
                new RolesApi(roles, new ServiceLinkedRoles(store, roles, principals, clock, ids)),
                new InstanceProfilesApi(new InstanceProfiles(store, principals, roles, clock, ids)),
                new PoliciesApi(policies, versions, attachments),
                new InlinePoliciesApi(inline),
                new AccountAuthorizationApi(store, inline, attachments, policies, versions));
        return new IamService(new ServiceBinding(new IamDispatcher(api), new IamValidation()),
                new StoredDirectory(roles, keys), keys);
    }
}
