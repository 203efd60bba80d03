package io.slipway.codedeploy.application;

import io.slipway.codedeploy.Arns;
import io.slipway.codedeploy.store.CodeDeployStore;
import io.slipway.codedeploy.store.NamePage;
import io.slipway.core.Namespace;
import io.slipway.engine.store.Versioned;
import io.slipway.codedeploy.tags.ResourceTags;
import io.slipway.core.PageToken;
import io.slipway.engine.clock.SlipwayClock;
import io.slipway.engine.store.DuplicateKeyException;
import io.slipway.engine.store.Retry;
import io.slipway.engine.store.IdGenerator;
import io.slipway.engine.store.Tx;
import io.slipway.model.codedeploy.ApplicationInfo;
import io.slipway.model.codedeploy.ComputePlatform;
import io.slipway.model.codedeploy.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.slipway.codedeploy.store.CodeDeployStore.APPLICATION;
import static io.slipway.codedeploy.store.CodeDeployStore.APPLICATION_REVISION;
import static io.slipway.codedeploy.store.CodeDeployStore.DEPLOYMENT_GROUP;
import static io.slipway.model.codedeploy.CodeDeployErrors.APPLICATION_ALREADY_EXISTS;
import static io.slipway.model.codedeploy.CodeDeployErrors.APPLICATION_DOES_NOT_EXIST;
import static io.slipway.model.codedeploy.CodeDeployErrors.APPLICATION_LIMIT_EXCEEDED;
import static io.slipway.model.codedeploy.CodeDeployErrors.APPLICATION_NAME_REQUIRED;
import static io.slipway.model.codedeploy.CodeDeployErrors.BATCH_LIMIT_EXCEEDED;

/** Applications: the named containers of deployment groups and revisions. */
public final class Applications {
    /** CodeDeploy's quota of applications per account and region. */
    public static final int MAX_APPLICATIONS = 1000;
    public static final int MAX_BATCH = 100;
    public static final int PAGE_SIZE = 100;
    private final CodeDeployStore store;
    private final ResourceTags tags;
    private final SlipwayClock clock;
    private final IdGenerator ids;

    public Applications(CodeDeployStore store, ResourceTags tags, SlipwayClock clock, IdGenerator ids) {
        this.store = store;
        this.tags = tags;
        this.clock = clock;
        this.ids = ids;
    }

    public String create(Namespace ns, String name, ComputePlatform platform, List<Tag> tagList) {
        ResourceTags.validate(tagList);
        ApplicationInfo app = ApplicationInfo.builder().applicationId(ids.newId()).applicationName(name)
                .createTime(clock.now()).linkedToGitHub(false)
                .computePlatform(platform == null ? ComputePlatform.SERVER : platform).build();
        return Retry.onConflict(() -> store.inTransaction(tx -> {
            if (!store.belowQuota(tx, APPLICATION, ns, Optional.empty(), MAX_APPLICATIONS)) {
                throw APPLICATION_LIMIT_EXCEEDED.exception("The limit of " + MAX_APPLICATIONS
                        + " applications for this account and region has been reached");
            }
            try {
                store.insert(tx, APPLICATION, ns, name, Optional.empty(), app);
            } catch (DuplicateKeyException e) {
                throw alreadyExists(name);
            }
            tags.put(tx, ns, app.applicationId(), tagList);
            return app.applicationId();
        }));
    }

    public ApplicationInfo get(Namespace ns, String name) {
        return store.get(APPLICATION, ns, required(name)).orElseThrow(() -> doesNotExist(name));
    }

    public Versioned<ApplicationInfo> get(Tx tx, Namespace ns, String name) {
        return store.get(tx, APPLICATION, ns, required(name)).orElseThrow(() -> doesNotExist(name));
    }

    public List<ApplicationInfo> batchGet(Namespace ns, List<String> names) {
        if (names.size() > MAX_BATCH) {
            throw BATCH_LIMIT_EXCEEDED.exception("The maximum number of names that can be specified is " + MAX_BATCH);
        }
        List<ApplicationInfo> out = new ArrayList<>(names.size());
        for (String name : names) {
            out.add(get(ns, name));
        }
        return out;
    }

    /** Renames an application; its deployment groups and tags follow because they are keyed by its id. */
    public void rename(Namespace ns, String name, String newName) {
        store.inTransaction(tx -> {
            ApplicationInfo app = get(tx, ns, name).value();
            if (newName == null || newName.equals(name)) {
                return null;
            }
            try {
                store.insert(tx, APPLICATION, ns, newName, Optional.empty(),
                        app.toBuilder().applicationName(newName).build());
            } catch (DuplicateKeyException e) {
                throw alreadyExists(newName);
            }
            store.delete(tx, APPLICATION, ns, name);
            return null;
        });
    }

    /** Deletes an application with its deployment groups, revisions and tags; deleting a missing one succeeds, as in AWS. */
    public void delete(Namespace ns, String name) {
        store.inTransaction(tx -> {
            store.get(tx, APPLICATION, ns, name).ifPresent(app -> {
                String appId = app.value().applicationId();
                for (String groupKey : store.ids(tx, DEPLOYMENT_GROUP, ns, appId)) {
                    store.get(tx, DEPLOYMENT_GROUP, ns, groupKey)
                            .ifPresent(g -> tags.delete(tx, ns, g.value().deploymentGroupId()));
                    store.delete(tx, DEPLOYMENT_GROUP, ns, groupKey);
                }
                for (String revisionKey : store.ids(tx, APPLICATION_REVISION, ns, appId)) {
                    store.delete(tx, APPLICATION_REVISION, ns, revisionKey);
                }
                tags.delete(tx, ns, appId);
                store.delete(tx, APPLICATION, ns, name);
            });
            return null;
        });
    }

    public NamePage list(Namespace ns, String nextToken) {
        Optional<String> after = NamePage.after("applications", nextToken);
        CodeDeployStore.Page<ApplicationInfo> page = store.list(APPLICATION, ns, Optional.empty(), after, PAGE_SIZE);
        List<String> names = page.items().stream().map(CodeDeployStore.Keyed::id).toList();
        return new NamePage(names, page.nextAfterId().map(id -> PageToken.encode("applications", id)).orElse(null));
    }

    public String arn(Namespace ns, String name) {
        return Arns.application(ns, name);
    }

    private static String required(String name) {
        if (name == null || name.isEmpty()) {
            throw APPLICATION_NAME_REQUIRED.exception("Application name is required");
        }
        return name;
    }

    public static io.slipway.model.runtime.AwsException doesNotExist(String name) {
        return APPLICATION_DOES_NOT_EXIST.exception("No application found for name: " + name);
    }

    private static io.slipway.model.runtime.AwsException alreadyExists(String name) {
        return APPLICATION_ALREADY_EXISTS.exception("Application already exists with name " + name);
    }
}
