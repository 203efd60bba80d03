package io.slipway.codedeploy.server;

import io.slipway.codedeploy.Arns;
import io.slipway.core.Namespace;
import io.slipway.model.codedeploy.InstanceInfo;
import io.slipway.model.runtime.AwsErrors;

import java.util.Optional;
import java.util.function.Function;

/**
 * Who may speak for a host at the agent command service. In verification mode the signature proves
 * who signed, so a request signed with an IAM user's key, or an STS session's, acts only for the
 * instance registered with that user's or session's ARN: one host's keys cannot poll, read or
 * complete another host's commands. The account's own keys (an operator key, acting as the
 * account's root) act for every host of the account, as tests and operators play hosts with them.
 * Without verification a key proves nothing and nothing is checked.
 *
 * <p>UNVERIFIED: that AWS ties the caller to the host identifier this way, and the error it gives.
 * AWS's on-premises policies grant {@code codedeploy-commands-secure:*} actions, and the agent's
 * identity is the registered IAM ARN; Slipway answers IAM's AccessDeniedException wording.
 *
 * @param verified   whether Slipway verifies signatures
 * @param principals the principal ARN a verified access key belongs to (a user's ARN, an assumed-role
 *                   session's {@code arn:aws:sts::...:assumed-role/...}, or {@code arn:aws:iam::<account>:root})
 */
public record HostCallers(boolean verified, Function<String, Optional<String>> principals) {
    public static final HostCallers UNCHECKED = new HostCallers(false, key -> Optional.empty());

    /** Refuses with AccessDeniedException unless the key's principal may act for {@code instance}. */
    void authorize(String accessKeyId, Namespace ns, InstanceInfo instance, String operation) {
        if (!verified) {
            return;
        }
        String principal = principals.apply(accessKeyId).orElse("");
        if (principal.equals("arn:aws:iam::" + ns.account() + ":root")) {
            return;
        }
        String registered = instance.iamSessionArn() != null ? instance.iamSessionArn() : instance.iamUserArn();
        if (!principal.equals(registered)) {
            throw AwsErrors.ACCESS_DENIED.exception("User: " + principal + " is not authorized to perform: "
                    + "codedeploy-commands-secure:" + operation + " on resource: " + Arns.instance(ns, instance.instanceName()));
        }
    }
}
