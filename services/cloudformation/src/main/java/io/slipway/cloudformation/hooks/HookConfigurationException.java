package io.slipway.cloudformation.hooks;

/**
 * A hook configuration (or LambdaHook resource) that breaks the configuration schema. The message
 * names the offending field; the API answers it as CFNRegistryException, a stack as the resource's
 * failure reason.
 */
public final class HookConfigurationException extends RuntimeException {

    public HookConfigurationException(String message) {
        super(message, null, false, false);
    }
}
