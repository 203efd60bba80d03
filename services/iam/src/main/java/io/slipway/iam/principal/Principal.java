package io.slipway.iam.principal;

import io.slipway.iam.store.EntityRef;
import io.slipway.model.iam.Group;
import io.slipway.model.iam.Role;
import io.slipway.model.iam.User;

/**
 * A user, role or group as the parts of IAM that hang things off it see it.
 *
 * @param id the unique id under which its policies, attachments and memberships are stored
 */
public record Principal(PrincipalKind kind, String name, String id, String arn, String path) {
    private static final String SERVICE_ROLE_PATH = "/aws-service-role/";

    public static Principal of(User u) {
        return new Principal(PrincipalKind.USER, u.userName(), u.userId(), u.arn(), u.path());
    }

    public static Principal of(Role r) {
        return new Principal(PrincipalKind.ROLE, r.roleName(), r.roleId(), r.arn(), r.path());
    }

    public static Principal of(Group g) {
        return new Principal(PrincipalKind.GROUP, g.groupName(), g.groupId(), g.arn(), g.path());
    }

    /** A service-linked role: only its service may change it. */
    public boolean serviceLinked() {
        return kind == PrincipalKind.ROLE && path.startsWith(SERVICE_ROLE_PATH);
    }

    public EntityRef ref() {
        return new EntityRef(kind.entityType(), name, id, path);
    }
}
