package io.slipway.agent.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Deployment specification payloads as the CodeDeploy service sends them to agents. */
public final class SpecPayloads {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SpecPayloads() {
    }

    /** An in-place deployment of an S3 revision; the result can be changed before {@code toString()}. */
    public static ObjectNode s3(String deploymentId, String deploymentGroupId, String bucket, String key, String bundleType) {
        ObjectNode spec = JSON.createObjectNode().put("DeploymentId", deploymentId).put("DeploymentGroupId", deploymentGroupId)
                .put("DeploymentGroupName", "web").put("ApplicationName", "shop").put("DeploymentCreator", "user")
                .put("DeploymentType", "IN_PLACE").put("AppSpecFilename", "appspec.yml");
        spec.putObject("AgentActionOverrides").putObject("AgentOverrides").put("FileExistsBehavior", "DISALLOW");
        ObjectNode revision = spec.putObject("Revision").put("RevisionType", "S3");
        revision.putObject("S3Revision").put("Bucket", bucket).put("Key", key).put("BundleType", bundleType);
        var events = spec.putArray("AllPossibleLifecycleEvents");
        for (String event : new String[] {"ApplicationStop", "DownloadBundle", "BeforeInstall", "Install", "AfterInstall",
                "ApplicationStart", "ValidateService"}) {
            events.add(event);
        }
        return spec;
    }
}
