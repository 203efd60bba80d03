package io.slipway.sts;

import io.slipway.iam.IamDirectory;
import io.slipway.model.runtime.AwsError;
import io.slipway.model.runtime.AwsErrors;
import io.slipway.model.runtime.AwsException;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Assuming a role: the role must exist in IAM of the account its ARN names (that account is where
 * the session then acts, as cross-account tools expect); the session lasts from 15 minutes up to
 * the role's MaxSessionDuration, or one hour when a role session assumes another role (chaining).
 * Trust policies are stored by IAM, not evaluated: Slipway enforces no permissions.
 */
final class RoleSessions implements RoleCredentials {
    static final Duration DEFAULT = Duration.ofHours(1);
    /** A session made from another role session lasts an hour at most (role chaining). */
    static final Duration CHAINED_MAX = Duration.ofHours(1);
    static final AwsError ACCESS_DENIED = new AwsError("AccessDenied", "AccessDenied", 403, true);
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):role/(?:[^/]+/)*([\\w+=,.@-]{1,64})");

    private final IamDirectory iam;
    private final Sessions sessions;

    RoleSessions(IamDirectory iam, Sessions sessions) {
        this.iam = iam;
        this.sessions = sessions;
    }

    /**
     * @param action        the STS action, as AccessDenied names it ({@code sts:AssumeRole})
     * @param caller        who asks, or null when nobody signed (AssumeRoleWithWebIdentity)
     * @param requested     the DurationSeconds asked for, or null
     */
    Session assume(String action, Caller caller, String roleArn, String sessionName, Integer requested) {
        Matcher m = ROLE_ARN.matcher(roleArn);
        if (!m.matches()) {
            throw AwsErrors.VALIDATION_ERROR.exception(roleArn + " is invalid");
        }
        IamDirectory.Role role = iam.role(m.group(1), m.group(2)).orElseThrow(() -> denied(action, caller, roleArn));
        Duration duration = requested == null ? DEFAULT : Duration.ofSeconds(requested);
        if (caller != null && caller.isAssumedRole() && duration.compareTo(CHAINED_MAX) > 0) {
            throw AwsErrors.VALIDATION_ERROR.exception(
                    "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
        }
        if (duration.toSeconds() > role.maxSessionDurationSeconds()) {
            throw AwsErrors.VALIDATION_ERROR.exception(
                    "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }
        return sessions.issue(action.substring("sts:".length()), role.account(),
                "arn:aws:sts::" + role.account() + ":assumed-role/" + role.roleName() + "/" + sessionName,
                role.roleId() + ":" + sessionName, duration);
    }

    /**
     * Credentials for a service acting for {@code roleArn} (no caller: the service itself assumes it),
     * for as long as the role allows.
     */
    @Override
    public RoleCredentials.Issued assume(String roleArn, String sessionName) {
        if (!sessionName.matches("[\\w+=,.@-]{2,64}")) {
            throw new IllegalArgumentException("invalid role session name " + sessionName);
        }
        IamDirectory.Role role = role(roleArn).orElseThrow(() -> new IllegalArgumentException(unassumable(roleArn).orElseThrow()));
        Session s = assume("sts:AssumeRole", null, role.arn(), sessionName, role.maxSessionDurationSeconds());
        return new RoleCredentials.Issued(s.accessKeyId(), s.secretAccessKey(), s.sessionToken(), s.expiration());
    }

    @Override
    public Optional<String> unassumable(String roleArn) {
        if (!ROLE_ARN.matcher(roleArn).matches()) {
            return Optional.of(roleArn + " is not a role ARN");
        }
        return role(roleArn).isPresent() ? Optional.empty() : Optional.of("the role " + roleArn + " does not exist in IAM");
    }

    private Optional<IamDirectory.Role> role(String roleArn) {
        Matcher m = ROLE_ARN.matcher(roleArn);
        return m.matches() ? iam.role(m.group(1), m.group(2)) : Optional.empty();
    }

    /** What STS answers for a role that does not exist (or, on AWS, does not trust the caller). */
    private static AwsException denied(String action, Caller caller, String roleArn) {
        return ACCESS_DENIED.exception(caller == null ? "Not authorized to perform " + action
                : "User: " + caller.arn() + " is not authorized to perform: " + action + " on resource: " + roleArn);
    }
}
