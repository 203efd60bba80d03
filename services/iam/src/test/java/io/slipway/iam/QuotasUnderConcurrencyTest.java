package io.slipway.iam;

import io.slipway.core.Namespace;
import io.slipway.iam.principal.PrincipalKind;
import io.slipway.iam.role.Roles;
import io.slipway.iam.store.IamStore;
import io.slipway.model.runtime.AwsException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** IAM's quotas hold when many clients ask at once: the count and the insert take turns. */
class QuotasUnderConcurrencyTest {
    private static final Namespace NS = IamStore.namespace("123456789012");
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}}";
    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
            + "\"Action\":\"s3:*\",\"Resource\":\"*\"}}";
    private final IamFixture iam = new IamFixture();

    @AfterEach
    void close() {
        iam.close();
    }

    /** Runs the tasks at once and answers how many succeeded; every failure must be LimitExceeded. */
    private static int succeeded(List<Callable<Object>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            int ok = 0;
            for (Future<Object> f : pool.invokeAll(tasks)) {
                try {
                    f.get();
                    ok++;
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOfSatisfying(AwsException.class,
                            a -> assertThat(a.error().code()).isEqualTo("LimitExceeded"));
                }
            }
            return ok;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aUserGetsTwoAccessKeysHoweverManyAreAskedForAtOnce() throws Exception {
        for (int round = 0; round < 20; round++) {
            String name = "busy-" + round;
            iam.users.create(NS, name, null, null, List.of());
            CyclicBarrier start = new CyclicBarrier(8);
            List<Callable<Object>> tasks = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                tasks.add(() -> {
                    start.await();
                    return iam.keys.create(NS, name);
                });
            }
            assertThat(succeeded(tasks)).isEqualTo(2);
            String user = iam.principals.get(NS, PrincipalKind.USER, name).id();
            long stored = iam.store.inTransaction(tx -> iam.store.count(tx, IamStore.ACCESS_KEY, NS, Optional.of(user)));
            assertThat(stored).isEqualTo(2);
        }
    }

    @Test
    void aRoleGetsTenManagedPoliciesHoweverManyAreAttachedAtOnce() throws Exception {
        iam.roles.create(NS, new Roles.NewRole("crowded", null, TRUST, null, null, null, List.of()));
        List<Callable<Object>> tasks = new ArrayList<>();
        CyclicBarrier start = new CyclicBarrier(14);
        for (int i = 0; i < 14; i++) {
            String arn = iam.policies.create(NS, "policy-" + i, null, POLICY, null, List.of()).arn();
            tasks.add(() -> {
                start.await();
                iam.attachments.attach(NS, PrincipalKind.ROLE, "crowded", arn);
                return null;
            });
        }
        assertThat(succeeded(tasks)).isEqualTo(PrincipalKind.MAX_ATTACHED_POLICIES);
    }
}
