package io.slipway.agent.client;

/** GetDeploymentSpecification's answer: the deployment system and the specification's generic envelope. */
public record SpecificationEnvelope(String deploymentSystem, String format, String payload) {
}
