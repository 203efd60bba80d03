package io.slipway.agent.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeploymentSpecificationTest {
    @Test
    void readsTheOfficialPayload() throws SpecificationException {
        DeploymentSpecification spec = DeploymentSpecification.parse("TEXT/JSON", """
                {"DeploymentId":"arn:aws:codedeploy:us-east-1:000000000000:deployment/d-ABCDEFGH1",
                 "DeploymentGroupId":"6f1f7c7e-0000-4000-8000-000000000001","DeploymentGroupName":"web","ApplicationName":"shop",
                 "DeploymentCreator":"user","DeploymentType":"IN_PLACE","AppSpecFilename":"deploy/appspec.yml",
                 "AgentActionOverrides":{"AgentOverrides":{"FileExistsBehavior":"retain"}},
                 "Revision":{"RevisionType":"S3","S3Revision":{"Bucket":"bundles","Key":"app.zip","BundleType":"zip",
                   "Version":"v1","ETag":"\\"abc\\""}},
                 "AllPossibleLifecycleEvents":["ApplicationStop","BeforeInstall"]}""");

        assertThat(spec.deploymentId()).isEqualTo("d-ABCDEFGH1");
        assertThat(spec.appSpecFilename()).isEqualTo("deploy/appspec.yml");
        assertThat(spec.fileExistsBehavior()).isEqualTo(FileExistsBehavior.RETAIN);
        assertThat(spec.revision()).isEqualTo(new S3Revision("bundles", "app.zip", BundleType.ZIP, Optional.of("v1"), Optional.of("\"abc\"")));
        assertThat(spec.revision().environment()).containsExactlyInAnyOrderEntriesOf(Map.of("BUNDLE_BUCKET", "bundles", "BUNDLE_KEY", "app.zip",
                "BUNDLE_VERSION", "v1", "BUNDLE_ETAG", "\"abc\""));
        assertThat(spec.allPossibleLifecycleEvents()).isEqualTo(List.of("ApplicationStop", "BeforeInstall"));
    }

    @Test
    void defaultsWhatIsNotGiven() throws SpecificationException {
        DeploymentSpecification spec = DeploymentSpecification.parse("TEXT/JSON", """
                {"DeploymentId":"d-1","DeploymentGroupId":"g","DeploymentGroupName":"web","ApplicationName":"shop",
                 "Revision":{"RevisionType":"S3","S3Revision":{"Bucket":"b","Key":"k.tgz","BundleType":"tgz"}}}""");

        assertThat(spec.appSpecFilename()).isEqualTo("appspec.yml");
        assertThat(spec.fileExistsBehavior()).isEqualTo(FileExistsBehavior.DISALLOW);
        assertThat(spec.deploymentCreator()).isEqualTo("user");
        assertThat(spec.deploymentType()).isEqualTo("IN_PLACE");
        assertThat(spec.revision().environment()).containsOnlyKeys("BUNDLE_BUCKET", "BUNDLE_KEY");
    }

    @Test
    void rejectsWhatItCannotInstall() {
        String base = "{\"DeploymentId\":\"d-1\",\"DeploymentGroupId\":\"g\",\"DeploymentGroupName\":\"web\",\"ApplicationName\":\"shop\",";
        assertThatThrownBy(() -> DeploymentSpecification.parse("TEXT/JSON", base
                + "\"Revision\":{\"RevisionType\":\"GitHub\",\"GitHubRevision\":{}}}"))
                .hasMessageContaining("Unsupported revision type 'GitHub'");
        assertThatThrownBy(() -> DeploymentSpecification.parse("TEXT/JSON", base
                + "\"Revision\":{\"RevisionType\":\"S3\",\"S3Revision\":{\"Bucket\":\"b\",\"Key\":\"k\",\"BundleType\":\"rar\"}}}"))
                .hasMessageContaining("must be tar, tgz or zip");
        assertThatThrownBy(() -> DeploymentSpecification.parse("PKCS7/XML", "<x/>"))
                .hasMessageContaining("Unsupported DeploymentSpecification format: PKCS7/XML");
        assertThatThrownBy(() -> DeploymentSpecification.parse("TEXT/JSON", "{\"DeploymentId\":\"d-1\"}"))
                .hasMessageContaining("no DeploymentGroupId");
        assertThatThrownBy(() -> DeploymentSpecification.parse("TEXT/JSON", "not json")).hasMessageContaining("not JSON");
    }
}
