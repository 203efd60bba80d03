package io.slipway.cloudformation.template.serverless;

import java.util.List;

/** SAM's policy templates, which a function's {@code Policies} name with their parameters. */
public final class PolicyTemplates {
    private PolicyTemplates() {
    }

    /** Whether {@code name} is one of SAM's policy templates. */
    public static boolean known(String name) {
        return false;
    }

    /**
     * The statements of the policy template {@code name} with {@code parameters} (a map of the
     * template's parameters; intrinsics are kept as given).
     */
    public static List<Object> statements(String functionLogicalId, String name, Object parameters) {
        throw ServerlessErrors.invalidResource(functionLogicalId, "Policy template " + name + " is not supported.");
    }
}
