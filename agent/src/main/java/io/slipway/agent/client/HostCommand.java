package io.slipway.agent.client;

/** One command the service gives a host to run, as PollHostCommand returns it. */
public record HostCommand(String hostCommandIdentifier, String hostIdentifier, String deploymentExecutionId, String commandName) {
}
