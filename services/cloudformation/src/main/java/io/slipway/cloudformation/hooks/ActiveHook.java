package io.slipway.cloudformation.hooks;

/**
 * An activated hook with its default configuration, as one invocation reads it.
 *
 * @param configurationVersionId the configuration's version when it ran (TypeConfigurationVersionId)
 */
record ActiveHook(String typeName, String typeArn, String originalTypeName, HookConfiguration configuration,
                  String configurationVersionId) {
}
