package io.slipway.codedeploy.server;

import com.fasterxml.jackson.core.JsonGenerator;
import io.slipway.core.codec.JsonCodec;
import io.slipway.model.codedeploy.DeploymentInfo;
import io.slipway.model.codedeploy.FileExistsBehavior;
import io.slipway.model.codedeploy.S3Location;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The deployment specification an agent reads (GetDeploymentSpecification's payload), with the
 * members AWS's service sends and the official CodeDeploy agent reads, and no others: in particular
 * not {@code AllPossibleLifecycleEvents}, which only the agent's {@code codedeploy-local} tool puts
 * there, and with which the agent refuses every appspec hook outside the list. The agent takes it
 * only signed ({@link SpecificationSigner}).
 */
final class DeploymentSpec {
    private DeploymentSpec() {
    }

    static String payload(DeploymentInfo d, String deploymentGroupId) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JsonCodec.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("DeploymentId", d.deploymentId());
            g.writeStringField("DeploymentGroupId", deploymentGroupId);
            g.writeStringField("DeploymentGroupName", d.deploymentGroupName());
            g.writeStringField("ApplicationName", d.applicationName());
            g.writeStringField("DeploymentCreator", d.creator().value());
            g.writeStringField("DeploymentType", "IN_PLACE");
            g.writeStringField("AppSpecFilename", "appspec.yml");
            g.writeObjectFieldStart("AgentActionOverrides");
            g.writeObjectFieldStart("AgentOverrides");
            g.writeStringField("FileExistsBehavior", (d.fileExistsBehavior() == null ? FileExistsBehavior.DISALLOW
                    : d.fileExistsBehavior()).value());
            g.writeEndObject();
            g.writeEndObject();
            g.writeObjectFieldStart("Revision");
            S3Location s3 = d.revision().s3Location();
            g.writeStringField("RevisionType", d.revision().revisionType().value());
            if (s3 != null) {
                g.writeObjectFieldStart("S3Revision");
                g.writeStringField("Bucket", s3.bucket());
                g.writeStringField("Key", s3.key());
                g.writeStringField("BundleType", s3.bundleType() == null ? "zip" : s3.bundleType().value());
                if (s3.version() != null) {
                    g.writeStringField("Version", s3.version());
                }
                if (s3.eTag() != null) {
                    g.writeStringField("ETag", s3.eTag());
                }
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
