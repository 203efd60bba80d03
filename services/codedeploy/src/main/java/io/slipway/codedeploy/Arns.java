package io.slipway.codedeploy;

import io.slipway.core.Namespace;

import java.util.Optional;

/** CodeDeploy resource ARNs: application, deploymentgroup (App/Group), deploymentconfig and instance. */
public final class Arns {
    private Arns() {
    }

    public static String application(Namespace ns, String name) {
        return prefix(ns) + "application:" + name;
    }

    public static String deploymentGroup(Namespace ns, String application, String group) {
        return prefix(ns) + "deploymentgroup:" + application + "/" + group;
    }

    public static String deploymentConfig(Namespace ns, String name) {
        return prefix(ns) + "deploymentconfig:" + name;
    }

    /** An on-premises instance: {@code arn:aws:codedeploy:region:account:instance/name} (a slash, not a colon). */
    public static String instance(Namespace ns, String name) {
        return prefix(ns) + "instance/" + name;
    }

    private static String prefix(Namespace ns) {
        return "arn:aws:codedeploy:" + ns.region() + ":" + ns.account() + ":";
    }

    /** The parts of a CodeDeploy ARN; empty when the text is not an ARN at all. */
    public static Optional<Parsed> parse(String arn) {
        String[] parts = arn.split(":", 6);
        if (parts.length < 6 || !parts[0].equals("arn") || parts[1].isEmpty() || parts[2].isEmpty()) {
            return Optional.empty();
        }
        // CodeDeploy's resource part is "type:name"; other services' ARNs may have no type at all
        int colon = parts[5].indexOf(':');
        String type = colon < 0 ? "" : parts[5].substring(0, colon);
        return Optional.of(new Parsed(parts[2], new Namespace(parts[4], parts[3]), type, parts[5].substring(colon + 1)));
    }

    /** {@code arn:partition:service:region:account:resourceType:resource}. */
    public record Parsed(String service, Namespace namespace, String resourceType, String resource) {
    }
}
