package io.slipway.cloudformation.custom;

import io.slipway.cloudformation.resource.ResourceFailure;
import io.slipway.core.Namespace;

/**
 * Where a custom resource's requests go: a Lambda function or an SNS topic, named by ARN in the
 * stack's own account and region. A topic is recorded but nothing subscribes in Slipway, so its
 * requests go unanswered and time out.
 */
record ServiceToken(String arn, boolean lambda) {

    /** The token of a resource's properties; a {@link ResourceFailure} in our wording (UNVERIFIED) when it is none. */
    static ServiceToken of(Namespace ns, Object value) {
        if (value == null) {
            throw new ResourceFailure("Properties validation failed for resource with message: [#: required key [ServiceToken] not found]");
        }
        if (!(value instanceof String arn) || arn.isEmpty()) {
            throw new ResourceFailure("Invalid service token: " + value);
        }
        String[] parts = arn.split(":", 7);
        boolean lambda = parts.length >= 7 && parts[2].equals("lambda") && parts[5].equals("function") && !parts[6].isEmpty();
        boolean sns = parts.length == 6 && parts[2].equals("sns") && !parts[5].isEmpty();
        if (!parts[0].equals("arn") || !(lambda || sns)) {
            throw new ResourceFailure("Invalid service token: " + arn + " is neither a Lambda function ARN nor an SNS topic ARN");
        }
        if (!parts[4].equals(ns.account())) {
            throw new ResourceFailure("Invalid service token: " + arn + " is not in this stack's account " + ns.account());
        }
        if (!parts[3].equals(ns.region())) {
            throw new ResourceFailure("Invalid service token: " + arn + " is not in this stack's region " + ns.region());
        }
        return new ServiceToken(arn, lambda);
    }
}
