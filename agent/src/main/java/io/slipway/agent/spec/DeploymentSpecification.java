package io.slipway.agent.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a command is about: the deployment, its group and its revision, from the JSON payload of
 * GetDeploymentSpecification's envelope (the same document the official agent reads).
 */
public record DeploymentSpecification(String deploymentId, String deploymentGroupId, String deploymentGroupName,
                                      String applicationName, String deploymentCreator, String deploymentType,
                                      String appSpecFilename, FileExistsBehavior fileExistsBehavior, S3Revision revision,
                                      List<String> allPossibleLifecycleEvents) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public DeploymentSpecification {
        allPossibleLifecycleEvents = List.copyOf(allPossibleLifecycleEvents);
    }

    /**
     * Reads the envelope's payload: signed ({@code PKCS7/JSON}, as AWS and Slipway send it) or plain
     * JSON (as the official agent's codedeploy-local tool hands it over).
     */
    public static DeploymentSpecification parse(String format, String payload) throws SpecificationException {
        String json = switch (format) {
            case "PKCS7/JSON" -> SignedPayload.open(payload);
            case "TEXT/JSON", "JSON" -> payload;
            default -> throw new SpecificationException("Unsupported DeploymentSpecification format: " + format);
        };
        JsonNode data;
        try {
            data = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new SpecificationException("The deployment specification is not JSON: " + e.getOriginalMessage());
        }
        if (data == null || !data.isObject()) {
            throw new SpecificationException("The deployment specification is not a JSON object");
        }
        String deploymentId = required(data, "DeploymentId");
        if (deploymentId.startsWith("arn:")) {
            deploymentId = deploymentId.substring(deploymentId.lastIndexOf('/') + 1);
        }
        String behavior = text(data.path("AgentActionOverrides").path("AgentOverrides"), "FileExistsBehavior").orElse("DISALLOW");
        FileExistsBehavior fileExistsBehavior;
        try {
            fileExistsBehavior = FileExistsBehavior.valueOf(behavior.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SpecificationException("Unknown FileExistsBehavior '" + behavior + "': expected DISALLOW, OVERWRITE or RETAIN");
        }
        List<String> events = new ArrayList<>();
        data.path("AllPossibleLifecycleEvents").forEach(e -> events.add(e.asText()));
        return new DeploymentSpecification(deploymentId, required(data, "DeploymentGroupId"), required(data, "DeploymentGroupName"),
                required(data, "ApplicationName"), text(data, "DeploymentCreator").orElse("user"),
                text(data, "DeploymentType").orElse("IN_PLACE"), text(data, "AppSpecFilename").orElse("appspec.yml"),
                fileExistsBehavior, revision(data.path("Revision")), events);
    }

    private static S3Revision revision(JsonNode revision) throws SpecificationException {
        if (!revision.isObject()) {
            throw new SpecificationException("The deployment specification has no Revision");
        }
        String type = text(revision, "RevisionType").orElseThrow(() -> new SpecificationException("The Revision has no RevisionType"));
        if (!type.equals("S3")) {
            throw new SpecificationException("Unsupported revision type '" + type + "': this agent installs S3 revisions only");
        }
        JsonNode s3 = revision.path("S3Revision");
        if (text(s3, "Bucket").isEmpty() || text(s3, "Key").isEmpty() || text(s3, "BundleType").isEmpty()) {
            throw new SpecificationException("S3Revision in Deployment Spec must specify Bucket, Key and BundleType");
        }
        return new S3Revision(required(s3, "Bucket"), required(s3, "Key"), BundleType.of(required(s3, "BundleType")),
                text(s3, "Version"), text(s3, "ETag"));
    }

    private static String required(JsonNode node, String name) throws SpecificationException {
        return text(node, name).orElseThrow(() -> new SpecificationException("Deployment Spec has no " + name));
    }

    private static Optional<String> text(JsonNode node, String name) {
        JsonNode value = node.path(name);
        return value.isValueNode() && !value.isNull() && !value.asText().isEmpty() ? Optional.of(value.asText()) : Optional.empty();
    }
}
