package io.slipway.iam;

import io.slipway.core.identity.IssuedKeys;
import io.slipway.iam.role.Roles;
import io.slipway.iam.store.IamStore;
import io.slipway.iam.user.IssuedKeyCache;

import java.util.Optional;

/** {@link IamDirectory} over IAM's store: roles as stored, keys through the issued-key cache. */
final class StoredDirectory implements IamDirectory {
    private final Roles roles;
    private final IssuedKeyCache keys;

    StoredDirectory(Roles roles, IssuedKeyCache keys) {
        this.roles = roles;
        this.keys = keys;
    }

    @Override
    public Optional<Role> role(String account, String roleName) {
        if (account == null || roleName == null || roleName.isEmpty()) {
            return Optional.empty();
        }
        return roles.find(IamStore.namespace(account), roleName).map(r -> new Role(account, r.roleName(), r.roleId(),
                r.arn(), r.maxSessionDuration(), r.assumeRolePolicyDocument()));
    }

    @Override
    public Optional<IssuedKeys.IssuedKey> accessKey(String accessKeyId) {
        return keys.find(accessKeyId);
    }
}
