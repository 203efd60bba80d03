package io.slipway.codedeploy.deployment;

import io.slipway.core.Namespace;

import java.util.Optional;

/**
 * Calls a hook function with its event. The app connects this to the engine's function invoker;
 * a function with no configured target is not called, and its hook waits for a report from
 * outside (a person, a test), as an unreachable function would on AWS.
 */
@FunctionalInterface
public interface HookFunctions {
    /**
     * @return why Lambda refused to invoke the function for this namespace (another account's
     *         function named by ARN), if it did: the hook then fails at once
     */
    Optional<String> invoke(Namespace ns, String functionNameOrArn, String eventJson) throws InterruptedException;
}
