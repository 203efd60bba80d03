package io.slipway.iam.role;

import io.slipway.core.Namespace;
import io.slipway.engine.clock.SlipwayClock;
import io.slipway.iam.IamArns;
import io.slipway.iam.IamIds;
import io.slipway.iam.principal.Principal;
import io.slipway.iam.principal.PrincipalKind;
import io.slipway.iam.principal.Principals;
import io.slipway.iam.store.EntityRef;
import io.slipway.iam.store.IamStore;
import io.slipway.model.iam.DeletionTaskStatusType;
import io.slipway.model.iam.Role;
import io.slipway.model.runtime.AwsException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

import static io.slipway.iam.store.IamStore.DELETION_TASK;
import static io.slipway.model.iam.IamErrors.INVALID_INPUT;
import static io.slipway.model.iam.IamErrors.NO_SUCH_ENTITY;

/**
 * Service-linked roles: named by their service as AWS names them ({@code AWSServiceRoleFor…},
 * under {@code /aws-service-role/<service>/}), trusting that service, and changed or deleted only
 * through these operations. Deletion is immediate here; its task reports SUCCEEDED. The permissions
 * policy AWS attaches to such a role is not attached (Slipway ships no service-linked policies).
 */
public final class ServiceLinkedRoles {
    private static final String RESOURCE = "/io/slipway/iam/service-linked-roles.properties";
    private static final String PATH = "/aws-service-role/";
    private final IamStore store;
    private final Roles roles;
    private final Principals principals;
    private final SlipwayClock clock;
    private final IamIds ids;
    private final Map<String, String> names;

    public ServiceLinkedRoles(IamStore store, Roles roles, Principals principals, SlipwayClock clock, IamIds ids) {
        this.store = store;
        this.roles = roles;
        this.principals = principals;
        this.clock = clock;
        this.ids = ids;
        this.names = load();
    }

    public Role create(Namespace ns, String service, String description, String customSuffix) {
        String entry = names.get(service);
        if (entry == null) {
            // our wording: AWS refuses services without service-linked roles, in words not documented
            throw INVALID_INPUT.exception("Service " + service + " has no service-linked role that Slipway can create.");
        }
        String[] parts = entry.split(" ");
        if (customSuffix != null && !(parts.length > 1 && parts[1].equals("suffix"))) {
            throw INVALID_INPUT.exception("Custom suffix is not allowed for " + service + ".");
        }
        String name = "AWSServiceRoleFor" + parts[0] + (customSuffix == null ? "" : "_" + customSuffix);
        if (roles.find(ns, name).isPresent()) {
            throw INVALID_INPUT.exception("Service role name " + name
                    + " has been taken in this account, please try a different suffix.");
        }
        String path = PATH + service + "/";
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":[\""
                + service + "\"]},\"Action\":[\"sts:AssumeRole\"]}]}";
        Role role = Role.builder().path(path).roleName(name).roleId(ids.uniqueId(IamIds.ROLE))
                .arn(IamArns.role(ns.account(), path, name)).createDate(clock.now()).assumeRolePolicyDocument(trust)
                .description(description).maxSessionDuration(Roles.DEFAULT_MAX_SESSION_DURATION).build();
        try {
            return roles.insert(ns, role, null);
        } catch (AwsException e) {
            throw e.error().type().equals("EntityAlreadyExistsException") ? INVALID_INPUT.exception("Service role name "
                    + name + " has been taken in this account, please try a different suffix.") : e;
        }
    }

    /** Deletes the role at once and answers the id of a deletion task that has succeeded. */
    public String delete(Namespace ns, String roleName) {
        return store.inTransaction(tx -> {
            Principal role = principals.lock(tx, ns, PrincipalKind.ROLE, roleName);
            if (!role.serviceLinked()) {
                // our wording, UNVERIFIED
                throw INVALID_INPUT.exception("Role " + roleName + " is not a service-linked role.");
            }
            roles.remove(tx, ns, role);
            String service = role.path().substring(PATH.length(), role.path().length() - 1);
            String task = "task" + PATH + service + "/" + role.name() + "/" + ids.taskId();
            store.insert(tx, DELETION_TASK, ns, task, Optional.empty(), role.ref());
            return task;
        });
    }

    public DeletionTaskStatusType status(Namespace ns, String taskId) {
        Optional<EntityRef> task = store.get(DELETION_TASK, ns, taskId);
        if (task.isEmpty()) {
            throw NO_SUCH_ENTITY.exception("Deletion task " + taskId + " cannot be found.");
        }
        return DeletionTaskStatusType.SUCCEEDED;
    }

    private static Map<String, String> load() {
        Properties p = new Properties();
        try (InputStream in = ServiceLinkedRoles.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> out = new TreeMap<>();
        p.forEach((k, v) -> out.put(k.toString(), v.toString().trim()));
        return Map.copyOf(out);
    }
}
