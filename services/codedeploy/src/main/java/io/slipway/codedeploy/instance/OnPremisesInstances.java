package io.slipway.codedeploy.instance;

import io.slipway.codedeploy.Arns;
import io.slipway.codedeploy.server.Fleet;
import io.slipway.codedeploy.store.CodeDeployStore;
import io.slipway.codedeploy.store.NamePage;
import io.slipway.core.Namespace;
import io.slipway.core.PageToken;
import io.slipway.engine.clock.SlipwayClock;
import io.slipway.engine.store.DuplicateKeyException;
import io.slipway.engine.store.Retry;
import io.slipway.engine.store.Tx;
import io.slipway.engine.store.Versioned;
import io.slipway.model.codedeploy.DeploymentGroupInfo;
import io.slipway.model.codedeploy.InstanceInfo;
import io.slipway.model.codedeploy.RegistrationStatus;
import io.slipway.model.codedeploy.Tag;
import io.slipway.model.codedeploy.TagFilter;
import io.slipway.model.runtime.AwsException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import static io.slipway.codedeploy.store.CodeDeployStore.ON_PREMISES_IAM_ARN;
import static io.slipway.codedeploy.store.CodeDeployStore.ON_PREMISES_INSTANCE;
import static io.slipway.model.codedeploy.CodeDeployErrors.BATCH_LIMIT_EXCEEDED;
import static io.slipway.model.codedeploy.CodeDeployErrors.IAM_SESSION_ARN_ALREADY_REGISTERED;
import static io.slipway.model.codedeploy.CodeDeployErrors.IAM_USER_ARN_ALREADY_REGISTERED;
import static io.slipway.model.codedeploy.CodeDeployErrors.INSTANCE_NAME_ALREADY_REGISTERED;
import static io.slipway.model.codedeploy.CodeDeployErrors.INSTANCE_NOT_REGISTERED;

/**
 * On-premises instances: registered by name with one IAM identity (a user ARN or a session ARN),
 * tagged, and deregistered. A deregistered instance stays readable, with its deregisterTime, and
 * its name stays taken (the user guide: after deregistering "you cannot immediately create another
 * instance with the same name"); its IAM ARN becomes free for a new registration (UNVERIFIED).
 * Deregistering keeps the tags, as the API reference says.
 */
public final class OnPremisesInstances implements Fleet {
    public static final int MAX_BATCH = 100;
    public static final int PAGE_SIZE = 100;
    private static final String LIST = "on-premises-instances";
    private static final int SCAN = 1000;
    private final CodeDeployStore store;
    private final SlipwayClock clock;

    public OnPremisesInstances(CodeDeployStore store, SlipwayClock clock) {
        this.store = store;
        this.clock = clock;
    }

    public void register(Namespace ns, String name, String iamSessionArn, String iamUserArn) {
        InstanceRules.name(name);
        String arn = InstanceRules.iamArn(iamSessionArn, iamUserArn);
        boolean session = arn.equals(iamSessionArn);
        InstanceInfo info = InstanceInfo.builder().instanceName(name).instanceArn(Arns.instance(ns, name))
                .iamSessionArn(session ? arn : null).iamUserArn(session ? null : arn)
                .registerTime(clock.now()).tags(List.of()).build();
        store.inTransaction(tx -> {
            store.get(tx, ON_PREMISES_INSTANCE, ns, name).ifPresent(v -> {
                throw nameTaken(name, isRegistered(v.value()));
            });
            try {
                store.insert(tx, ON_PREMISES_INSTANCE, ns, name, Optional.empty(), info);
            } catch (DuplicateKeyException e) {
                throw nameTaken(name, true);
            }
            try {
                store.insert(tx, ON_PREMISES_IAM_ARN, ns, arn, Optional.empty(), holder(info));
            } catch (DuplicateKeyException e) {
                throw (session ? IAM_SESSION_ARN_ALREADY_REGISTERED : IAM_USER_ARN_ALREADY_REGISTERED).exception(
                        "The IAM " + (session ? "session" : "user") + " ARN " + arn
                                + " is already registered with another on-premises instance");
            }
            return null;
        });
    }

    /** Deregisters a registered instance; an unknown or already deregistered one is left as it is (AWS models no error). */
    public void deregister(Namespace ns, String name) {
        InstanceRules.name(name);
        Retry.onConflict(() -> store.inTransaction(tx -> {
            store.get(tx, ON_PREMISES_INSTANCE, ns, name).filter(v -> isRegistered(v.value())).ifPresent(v -> {
                store.replace(tx, ON_PREMISES_INSTANCE, ns, name, v, v.value().toBuilder().deregisterTime(clock.now()).build());
                store.delete(tx, ON_PREMISES_IAM_ARN, ns, iamArn(v.value()));
            });
            return null;
        }));
    }

    public InstanceInfo get(Namespace ns, String name) {
        return store.get(ON_PREMISES_INSTANCE, ns, InstanceRules.name(name)).orElseThrow(() -> notRegistered(name));
    }

    /** The instances of these names that exist, registered or deregistered; unknown names are left out. */
    public List<InstanceInfo> batchGet(Namespace ns, List<String> names) {
        if (names == null) {
            return List.of();
        }
        names.forEach(InstanceRules::name);
        if (names.size() > MAX_BATCH) {
            throw BATCH_LIMIT_EXCEEDED.exception("The maximum number of instance names that can be specified is "
                    + MAX_BATCH);
        }
        return store.inTransaction(tx -> {
            List<InstanceInfo> out = new ArrayList<>();
            for (String name : names.stream().distinct().toList()) {
                store.get(tx, ON_PREMISES_INSTANCE, ns, name).ifPresent(v -> out.add(v.value()));
            }
            return out;
        });
    }

    /**
     * Names in name order, of instances with this registration status (both when none is given)
     * that any of the tag filters selects (all when there are none). Filters apply while scanning,
     * so a page may be short, and the last one empty.
     */
    public NamePage list(Namespace ns, RegistrationStatus status, List<TagFilter> tagFilters, String nextToken) {
        InstanceTagFilters.check(tagFilters);
        Optional<String> cursor = NamePage.after(LIST, nextToken);
        List<String> names = new ArrayList<>();
        do {
            var page = store.list(ON_PREMISES_INSTANCE, ns, Optional.empty(), cursor, PAGE_SIZE);
            var items = page.items();
            for (int i = 0; i < items.size(); i++) {
                InstanceInfo info = items.get(i).value();
                if (hasStatus(info, status) && (tagFilters == null || tagFilters.isEmpty()
                        || InstanceTagFilters.anyMatches(tagFilters, info.tags()))) {
                    names.add(info.instanceName());
                    if (names.size() == PAGE_SIZE) {
                        boolean more = i < items.size() - 1 || page.nextAfterId().isPresent();
                        return new NamePage(names, more ? PageToken.encode(LIST, info.instanceName()) : null);
                    }
                }
            }
            cursor = page.nextAfterId();
        } while (cursor.isPresent());
        return new NamePage(names, null);
    }

    /** Adds tags to registered instances, replacing the values of keys they have; all or nothing. */
    public void addTags(Namespace ns, List<Tag> tags, List<String> names) {
        InstanceRules.names(names);
        InstanceRules.tags(tags, true);
        InstanceRules.perCall(names);
        retag(ns, names, current -> {
            Map<String, Tag> merged = byKey(current);
            tags.forEach(t -> merged.put(t.key(), t));
            if (merged.size() > InstanceRules.MAX_TAGS_PER_INSTANCE) {
                throw InstanceRules.tagLimit();
            }
            return new ArrayList<>(merged.values());
        });
    }

    /** Removes tags from registered instances: a tag given with a value goes only if its value matches, one without by its key. */
    public void removeTags(Namespace ns, List<Tag> tags, List<String> names) {
        InstanceRules.names(names);
        InstanceRules.tags(tags, false);
        InstanceRules.perCall(names);
        retag(ns, names, current -> current.stream().filter(t -> tags.stream().noneMatch(r -> r.key().equals(t.key())
                && (r.value() == null || r.value().equals(t.value())))).toList());
    }

    private void retag(Namespace ns, List<String> names, UnaryOperator<List<Tag>> change) {
        Retry.onConflict(() -> store.inTransaction(tx -> {
            for (String name : names.stream().distinct().toList()) {
                Versioned<InstanceInfo> v = store.get(tx, ON_PREMISES_INSTANCE, ns, name)
                        .filter(i -> isRegistered(i.value())).orElseThrow(() -> notRegistered(name));
                List<Tag> current = v.value().tags() == null ? List.of() : v.value().tags();
                store.replace(tx, ON_PREMISES_INSTANCE, ns, name, v, v.value().toBuilder().tags(change.apply(current)).build());
            }
            return null;
        }));
    }

    // ---- for deployments and the agent ----

    /**
     * The registered (not deregistered) instances a Server deployment group targets, sorted by
     * name: those its {@code onPremisesTagSet} selects (each inner list is OR-ed, the lists are
     * AND-ed) or, without a tag set, those any of its {@code onPremisesInstanceTagFilters} selects.
     * EC2 tag filters and Auto Scaling groups select nothing: Slipway has no EC2.
     *
     * @param tx    the caller's transaction, so the fleet is read consistently with the deployment it starts
     * @param ns    the group's account and region
     * @param group the deployment group
     * @return the instances, sorted by name; empty when the group names no on-premises tags
     */
    @Override
    public List<InstanceInfo> matching(Tx tx, Namespace ns, DeploymentGroupInfo group) {
        List<InstanceInfo> out = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            var page = store.list(tx, ON_PREMISES_INSTANCE, ns, Optional.empty(), cursor, SCAN);
            page.items().stream().map(CodeDeployStore.Keyed::value)
                    .filter(i -> isRegistered(i) && InstanceTagFilters.selects(group, i.tags())).forEach(out::add);
            cursor = page.nextAfterId();
        } while (cursor.isPresent());
        out.sort(Comparator.comparing(InstanceInfo::instanceName));
        return out;
    }

    /**
     * The registered instance a host identifier names. The official agent identifies itself with
     * the IAM ARN its instance was registered with ({@code iam_user_arn} or the session ARN of its
     * role); Slipway also accepts the instance's name and its instance ARN.
     *
     * @param tx             the caller's transaction
     * @param ns             the account and region the agent calls in
     * @param hostIdentifier an instance name, an instance ARN, an IAM user ARN or an IAM session ARN
     * @return the instance, or empty when nothing registered (deregistered instances included) answers to it
     */
    @Override
    public Optional<InstanceInfo> byHostIdentifier(Tx tx, Namespace ns, String hostIdentifier) {
        if (hostIdentifier == null || hostIdentifier.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> name;
        if (!hostIdentifier.startsWith("arn:")) {
            name = Optional.of(hostIdentifier);
        } else if (hostIdentifier.startsWith(Arns.instance(ns, ""))) {
            name = Optional.of(hostIdentifier.substring(Arns.instance(ns, "").length()));
        } else {
            name = store.get(tx, ON_PREMISES_IAM_ARN, ns, hostIdentifier).map(v -> v.value().instanceName());
        }
        return name.filter(n -> !n.isEmpty()).flatMap(n -> store.get(tx, ON_PREMISES_INSTANCE, ns, n))
                .map(Versioned::value).filter(OnPremisesInstances::isRegistered);
    }

    private static boolean isRegistered(InstanceInfo info) {
        return info.deregisterTime() == null;
    }

    private static boolean hasStatus(InstanceInfo info, RegistrationStatus status) {
        return status == null || (status == RegistrationStatus.REGISTERED) == isRegistered(info);
    }

    private static String iamArn(InstanceInfo info) {
        return info.iamSessionArn() != null ? info.iamSessionArn() : info.iamUserArn();
    }

    /** The ARN index's entry for an instance: its name and its one IAM ARN. */
    private static InstanceInfo holder(InstanceInfo info) {
        return InstanceInfo.builder().instanceName(info.instanceName()).iamSessionArn(info.iamSessionArn())
                .iamUserArn(info.iamUserArn()).build();
    }

    private static Map<String, Tag> byKey(List<Tag> tags) {
        Map<String, Tag> out = new LinkedHashMap<>();
        tags.forEach(t -> out.put(t.key(), t));
        return out;
    }

    private static AwsException nameTaken(String name, boolean registered) {
        return INSTANCE_NAME_ALREADY_REGISTERED.exception("The on-premises instance name " + name
                + (registered ? " is already registered" : " belongs to a deregistered instance and cannot be reused yet"));
    }

    private static AwsException notRegistered(String name) {
        return INSTANCE_NOT_REGISTERED.exception("The on-premises instance " + name + " is not registered");
    }
}
