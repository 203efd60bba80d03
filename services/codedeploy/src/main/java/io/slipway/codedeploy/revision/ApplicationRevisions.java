package io.slipway.codedeploy.revision;

import io.slipway.codedeploy.application.Applications;
import io.slipway.codedeploy.store.CodeDeployStore;
import io.slipway.core.Namespace;
import io.slipway.engine.clock.SlipwayClock;
import io.slipway.engine.store.ConcurrentUpdateException;
import io.slipway.engine.store.DuplicateKeyException;
import io.slipway.engine.store.Retry;
import io.slipway.engine.store.Tx;
import io.slipway.engine.store.Versioned;
import io.slipway.model.codedeploy.ApplicationInfo;
import io.slipway.model.codedeploy.GenericRevisionInfo;
import io.slipway.model.codedeploy.ListApplicationRevisionsInput;
import io.slipway.model.codedeploy.RevisionInfo;
import io.slipway.model.codedeploy.RevisionLocation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.slipway.codedeploy.store.CodeDeployStore.APPLICATION_REVISION;
import static io.slipway.model.codedeploy.CodeDeployErrors.BATCH_LIMIT_EXCEEDED;
import static io.slipway.model.codedeploy.CodeDeployErrors.DESCRIPTION_TOO_LONG;
import static io.slipway.model.codedeploy.CodeDeployErrors.REVISION_DOES_NOT_EXIST;
import static io.slipway.model.codedeploy.CodeDeployErrors.REVISION_REQUIRED;

/**
 * Application revisions: registered explicitly, or by the first deployment of them (as AWS does),
 * with when and by which deployment groups they were deployed. Stored under the application's id,
 * so renaming the application moves nothing.
 */
public final class ApplicationRevisions {
    public static final int MAX_BATCH = 25;
    /** The user guide's limit for deployment descriptions; AWS documents none for revisions (UNVERIFIED). */
    public static final int MAX_DESCRIPTION = 256;
    private static final int SCAN = 1000;
    private final CodeDeployStore store;
    private final Applications applications;
    private final SlipwayClock clock;

    public ApplicationRevisions(CodeDeployStore store, Applications applications, SlipwayClock clock) {
        this.store = store;
        this.applications = applications;
        this.clock = clock;
    }

    /** A revision with what is known of it, as GetApplicationRevision answers. */
    public record Found(String applicationName, RevisionLocation revision, GenericRevisionInfo info) {
    }

    public record Batch(String applicationName, List<RevisionInfo> revisions, String errorMessage) {
    }

    public record Page(List<RevisionLocation> revisions, String nextToken) {
    }

    /** Registers a revision; registering it again keeps its history and takes the new description, if any. */
    public void register(Namespace ns, String applicationName, String description, RevisionLocation revision) {
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw DESCRIPTION_TOO_LONG.exception("The description is longer than " + MAX_DESCRIPTION + " characters");
        }
        RevisionLocation checked = RevisionIdentity.check(revision);
        Retry.onConflict(() -> store.inTransaction(tx -> {
            ApplicationInfo app = applications.get(tx, ns, applicationName).value();
            String id = RevisionIdentity.key(app.applicationId(), checked);
            Optional<Versioned<RevisionInfo>> current = store.get(tx, APPLICATION_REVISION, ns, id);
            if (current.isPresent()) {
                if (description != null) {
                    RevisionInfo info = current.get().value();
                    store.replace(tx, APPLICATION_REVISION, ns, id, current.get(), new RevisionInfo(info.revisionLocation(),
                            info.genericRevisionInfo().toBuilder().description(description).build()));
                }
            } else {
                insert(tx, ns, app, id, new RevisionInfo(checked, GenericRevisionInfo.builder().description(description)
                        .deploymentGroups(List.of()).registerTime(clock.now()).build()));
            }
            return null;
        }));
    }

    public Found get(Namespace ns, String applicationName, RevisionLocation revision) {
        RevisionLocation checked = RevisionIdentity.check(revision);
        return store.inTransaction(tx -> {
            ApplicationInfo app = applications.get(tx, ns, applicationName).value();
            RevisionInfo info = store.get(tx, APPLICATION_REVISION, ns, RevisionIdentity.key(app.applicationId(), checked))
                    .orElseThrow(() -> REVISION_DOES_NOT_EXIST.exception("No revision " + describe(checked)
                            + " is registered with application " + app.applicationName())).value();
            return new Found(app.applicationName(), info.revisionLocation(), info.genericRevisionInfo());
        });
    }

    /** The registered ones of up to 25 revisions; the error message names those that are not. */
    public Batch batchGet(Namespace ns, String applicationName, List<RevisionLocation> revisions) {
        if (revisions == null || revisions.isEmpty()) {
            throw REVISION_REQUIRED.exception("At least one revision is required");
        }
        if (revisions.size() > MAX_BATCH) {
            throw BATCH_LIMIT_EXCEEDED.exception("The maximum number of revisions that can be specified is " + MAX_BATCH);
        }
        List<RevisionLocation> checked = revisions.stream().map(RevisionIdentity::check).toList();
        return store.inTransaction(tx -> {
            ApplicationInfo app = applications.get(tx, ns, applicationName).value();
            List<RevisionInfo> found = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (RevisionLocation r : checked) {
                store.get(tx, APPLICATION_REVISION, ns, RevisionIdentity.key(app.applicationId(), r))
                        .ifPresentOrElse(v -> found.add(v.value()), () -> missing.add(describe(r)));
            }
            return new Batch(app.applicationName(), found, missing.isEmpty() ? null
                    : "Revisions not registered with application " + app.applicationName() + ": " + String.join(", ", missing));
        });
    }

    /**
     * ListApplicationRevisions: the application's revisions, filtered and sorted in memory (an
     * application has a bounded number of them), one page after the token's position.
     */
    public Page list(Namespace ns, ListApplicationRevisionsInput in) {
        return store.inTransaction(tx -> {
            ApplicationInfo app = applications.get(tx, ns, in.applicationName()).value();
            RevisionListing listing = new RevisionListing(app.applicationId(), in);
            List<CodeDeployStore.Keyed<RevisionInfo>> all = new ArrayList<>();
            Optional<String> cursor = Optional.empty();
            do {
                var page = store.list(tx, APPLICATION_REVISION, ns, Optional.of(app.applicationId()), cursor, SCAN);
                all.addAll(page.items());
                cursor = page.nextAfterId();
            } while (cursor.isPresent());
            return listing.page(all);
        });
    }

    /**
     * Records that a deployment of an application's group uses a revision, in the deployment's
     * own transaction: registers the revision if it is new (AWS registers deployed revisions
     * itself), sets its firstUsedTime once and its lastUsedTime every time, and adds the group to
     * its deploymentGroups.
     *
     * @param tx                  the transaction that creates the deployment
     * @param ns                  the application's account and region
     * @param application         the deployed application
     * @param deploymentGroupName the group the deployment targets
     * @param revision            the deployed revision (String and AppSpecContent hashes are computed here)
     * @param now                 the deployment's creation time
     */
    public void recordDeployment(Tx tx, Namespace ns, ApplicationInfo application, String deploymentGroupName,
                                 RevisionLocation revision, Instant now) {
        RevisionLocation checked = RevisionIdentity.check(revision);
        String id = RevisionIdentity.key(application.applicationId(), checked);
        Optional<Versioned<RevisionInfo>> current = store.get(tx, APPLICATION_REVISION, ns, id);
        GenericRevisionInfo known = current.map(v -> v.value().genericRevisionInfo())
                .orElseGet(() -> GenericRevisionInfo.builder().deploymentGroups(List.of()).registerTime(now).build());
        List<String> groups = new ArrayList<>(known.deploymentGroups() == null ? List.of() : known.deploymentGroups());
        if (!groups.contains(deploymentGroupName)) {
            groups.add(deploymentGroupName);
        }
        GenericRevisionInfo used = known.toBuilder().deploymentGroups(groups).lastUsedTime(now)
                .firstUsedTime(known.firstUsedTime() == null ? now : known.firstUsedTime()).build();
        if (current.isPresent()) {
            store.replace(tx, APPLICATION_REVISION, ns, id, current.get(), new RevisionInfo(current.get().value()
                    .revisionLocation(), used));
        } else {
            insert(tx, ns, application, id, new RevisionInfo(checked, used));
        }
    }

    /** A concurrent first registration of the same revision is a lost race: retried, it finds the revision. */
    private void insert(Tx tx, Namespace ns, ApplicationInfo app, String id, RevisionInfo info) {
        try {
            store.insert(tx, APPLICATION_REVISION, ns, id, Optional.of(app.applicationId()), info);
        } catch (DuplicateKeyException e) {
            throw new ConcurrentUpdateException("revision " + id);
        }
    }

    private static String describe(RevisionLocation r) {
        return switch (r.revisionType()) {
            case S3 -> "s3://" + r.s3Location().bucket() + "/" + r.s3Location().key()
                    + (r.s3Location().version() == null ? "" : "?versionId=" + r.s3Location().version());
            case GIT_HUB -> r.gitHubLocation().repository() + "@" + r.gitHubLocation().commitId();
            case STRING -> "String (sha256 " + r.string().sha256() + ")";
            case APP_SPEC_CONTENT -> "AppSpecContent (sha256 " + r.appSpecContent().sha256() + ")";
        };
    }
}
