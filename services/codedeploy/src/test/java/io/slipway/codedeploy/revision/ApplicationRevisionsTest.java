package io.slipway.codedeploy.revision;

import io.slipway.codedeploy.application.Applications;
import io.slipway.codedeploy.store.CodeDeployStore;
import io.slipway.codedeploy.tags.ResourceTags;
import io.slipway.core.Namespace;
import io.slipway.engine.clock.ManualClock;
import io.slipway.engine.store.Database;
import io.slipway.engine.store.DatabaseConfig;
import io.slipway.engine.store.IdGenerator;
import io.slipway.engine.store.ResourceStore;
import io.slipway.model.codedeploy.AppSpecContent;
import io.slipway.model.codedeploy.ApplicationInfo;
import io.slipway.model.codedeploy.BundleType;
import io.slipway.model.codedeploy.ComputePlatform;
import io.slipway.model.codedeploy.GenericRevisionInfo;
import io.slipway.model.codedeploy.RevisionLocation;
import io.slipway.model.codedeploy.RevisionLocationType;
import io.slipway.model.codedeploy.S3Location;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How deployments mark the revisions they use. */
class ApplicationRevisionsTest {
    private static final Namespace NS = new Namespace("111122223333", "eu-west-1");
    private static final RevisionLocation BUNDLE = RevisionLocation.builder().revisionType(RevisionLocationType.S3)
            .s3Location(S3Location.builder().bucket("bundles").key("shop.zip").bundleType(BundleType.ZIP).build()).build();

    private final ManualClock clock = new ManualClock(Instant.parse("2025-03-01T10:00:00Z"));
    private Database db;
    private CodeDeployStore store;
    private Applications applications;
    private ApplicationRevisions revisions;

    @BeforeEach
    void open() {
        db = Database.open(DatabaseConfig.h2InMemory());
        store = new CodeDeployStore(db.jdbc(), new ResourceStore(db.jdbc(), clock));
        applications = new Applications(store, new ResourceTags(store), clock, IdGenerator.uuid());
        revisions = new ApplicationRevisions(store, applications, clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private void deploy(ApplicationInfo app, String group, RevisionLocation revision) {
        store.inTransaction(tx -> {
            revisions.recordDeployment(tx, NS, app, group, revision, clock.now());
            return null;
        });
    }

    @Test
    void aDeploymentRegistersItsRevisionAndEveryDeploymentMarksItsUse() {
        applications.create(NS, "shop", ComputePlatform.SERVER, List.of());
        ApplicationInfo app = applications.get(NS, "shop");
        Instant first = clock.now();
        deploy(app, "web", BUNDLE);
        clock.advance(Duration.ofHours(1));
        deploy(app, "api", BUNDLE);
        clock.advance(Duration.ofHours(1));
        deploy(app, "web", BUNDLE);

        GenericRevisionInfo info = revisions.get(NS, "shop", BUNDLE).info();
        assertThat(info.registerTime()).isEqualTo(first);
        assertThat(info.firstUsedTime()).isEqualTo(first);
        assertThat(info.lastUsedTime()).isEqualTo(clock.now());
        assertThat(info.deploymentGroups()).containsExactly("web", "api");
    }

    @Test
    void aRegisteredRevisionKeepsItsRegistrationWhenFirstDeployed() {
        applications.create(NS, "shop", ComputePlatform.SERVER, List.of());
        Instant registered = clock.now();
        revisions.register(NS, "shop", "first cut", BUNDLE);
        assertThat(revisions.get(NS, "shop", BUNDLE).info().firstUsedTime()).isNull();

        clock.advance(Duration.ofMinutes(10));
        deploy(applications.get(NS, "shop"), "web", BUNDLE);
        GenericRevisionInfo info = revisions.get(NS, "shop", BUNDLE).info();
        assertThat(info.registerTime()).isEqualTo(registered);
        assertThat(info.firstUsedTime()).isEqualTo(clock.now());
        assertThat(info.description()).isEqualTo("first cut");
    }

    @Test
    void appSpecContentIsOneRevisionWhateverHashTheClientSent() {
        applications.create(NS, "fn", ComputePlatform.LAMBDA, List.of());
        String content = "version: 0.0\nResources: []\n";
        deploy(applications.get(NS, "fn"), "live", RevisionLocation.builder()
                .revisionType(RevisionLocationType.APP_SPEC_CONTENT).appSpecContent(new AppSpecContent(content, null)).build());
        RevisionLocation asked = RevisionLocation.builder().revisionType(RevisionLocationType.APP_SPEC_CONTENT)
                .appSpecContent(new AppSpecContent(content, "not-the-hash")).build();
        var found = revisions.get(NS, "fn", asked);
        assertThat(found.revision().appSpecContent().sha256()).isEqualTo(RevisionIdentity.sha256(content));
        assertThat(found.info().deploymentGroups()).containsExactly("live");
    }
}
