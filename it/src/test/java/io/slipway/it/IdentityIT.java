package io.slipway.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Resources live in (account, region) namespaces picked by the SigV4 credential scope. */
class IdentityIT {
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer(c -> c.withAccounts(Map.of("AKIATEAMKEY", "444455556666")));

    @Test
    void accountsAndRegionsAreSeparate() {
        CodeDeployClient defaultAccount = slipway.codeDeploy("AKIDANYTHING", "ca-central-1");
        CodeDeployClient sameDefault = slipway.codeDeploy("AKIDSOMETHINGELSE", "ca-central-1");
        CodeDeployClient numeric = slipway.codeDeploy("123456789012", "ca-central-1");
        CodeDeployClient configured = slipway.codeDeploy("AKIATEAMKEY", "ca-central-1");
        CodeDeployClient otherRegion = slipway.codeDeploy("AKIDANYTHING", "eu-central-1");

        defaultAccount.createApplication(r -> r.applicationName("shared-name"));
        numeric.createApplication(r -> r.applicationName("shared-name"));
        configured.createApplication(r -> r.applicationName("team-only"));

        assertThat(sameDefault.listApplications(r -> { }).applications()).containsExactly("shared-name");
        assertThat(numeric.listApplications(r -> { }).applications()).containsExactly("shared-name");
        assertThat(configured.listApplications(r -> { }).applications()).containsExactly("team-only");
        assertThat(otherRegion.listApplications(r -> { }).applications()).isEmpty();
        assertThat(slipway.codeDeploy("444455556666", "ca-central-1").listApplications(r -> { }).applications())
                .containsExactly("team-only");
        String id1 = defaultAccount.getApplication(r -> r.applicationName("shared-name")).application().applicationId();
        String id2 = numeric.getApplication(r -> r.applicationName("shared-name")).application().applicationId();
        assertThat(id1).isNotEqualTo(id2);
    }

    @Test
    void unsignedRequestsUseTheDefaultAccountAndRegion() {
        slipway.codeDeploy("AKIDANYTHING", "us-east-1").createApplication(r -> r.applicationName("visible-unsigned"));
        String body = RawHttp.json(slipway.endpoint(), "CodeDeploy_20141006.ListApplications", "{}").body();
        assertThat(body).contains("visible-unsigned");
    }
}
