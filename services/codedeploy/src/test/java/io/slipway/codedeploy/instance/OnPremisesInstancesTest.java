package io.slipway.codedeploy.instance;

import io.slipway.codedeploy.store.CodeDeployStore;
import io.slipway.core.Namespace;
import io.slipway.engine.clock.ManualClock;
import io.slipway.engine.store.Database;
import io.slipway.engine.store.DatabaseConfig;
import io.slipway.engine.store.ResourceStore;
import io.slipway.model.codedeploy.DeploymentGroupInfo;
import io.slipway.model.codedeploy.EC2TagFilter;
import io.slipway.model.codedeploy.EC2TagFilterType;
import io.slipway.model.codedeploy.InstanceInfo;
import io.slipway.model.codedeploy.OnPremisesTagSet;
import io.slipway.model.codedeploy.Tag;
import io.slipway.model.codedeploy.TagFilter;
import io.slipway.model.codedeploy.TagFilterType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What the deployment engine and the agent's command service ask of the fleet. */
class OnPremisesInstancesTest {
    private static final Namespace NS = new Namespace("111122223333", "eu-west-1");
    private static final String USER_ARN = "arn:aws:iam::111122223333:user/hosts/web-1";
    private static final String SESSION_ARN = "arn:aws:sts::111122223333:assumed-role/CodeDeployHost/web-2";

    private final ManualClock clock = new ManualClock(Instant.parse("2025-03-01T10:00:00Z"));
    private Database db;
    private CodeDeployStore store;
    private OnPremisesInstances instances;

    @BeforeEach
    void open() {
        db = Database.open(DatabaseConfig.h2InMemory());
        store = new CodeDeployStore(db.jdbc(), new ResourceStore(db.jdbc(), clock));
        instances = new OnPremisesInstances(store, clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private Optional<String> host(Namespace ns, String identifier) {
        return store.inTransaction(tx -> instances.byHostIdentifier(tx, ns, identifier)).map(InstanceInfo::instanceName);
    }

    private List<String> matching(DeploymentGroupInfo group) {
        return store.inTransaction(tx -> instances.matching(tx, NS, group)).stream().map(InstanceInfo::instanceName).toList();
    }

    private static TagFilter filter(String key, String value, TagFilterType type) {
        return TagFilter.builder().key(key).value(value).type(type).build();
    }

    private static Tag tag(String key, String value) {
        return new Tag(key, value);
    }

    @Test
    void aHostIsFoundByItsNameItsInstanceArnOrTheIamArnItRegisteredWith() {
        instances.register(NS, "web-1", null, USER_ARN);
        instances.register(NS, "web-2", SESSION_ARN, null);

        assertThat(host(NS, "web-1")).contains("web-1");
        assertThat(host(NS, USER_ARN)).contains("web-1");
        assertThat(host(NS, SESSION_ARN)).contains("web-2");
        assertThat(host(NS, "arn:aws:codedeploy:eu-west-1:111122223333:instance/web-2")).contains("web-2");

        assertThat(host(NS, "web-3")).isEmpty();
        assertThat(host(NS, "arn:aws:iam::111122223333:user/hosts/nobody")).isEmpty();
        assertThat(host(NS, "arn:aws:codedeploy:eu-west-1:111122223333:instance/")).isEmpty();
        assertThat(host(NS, "")).isEmpty();
        assertThat(host(NS, null)).isEmpty();
        // another namespace's instance ARN does not reach into this one
        assertThat(host(NS, "arn:aws:codedeploy:us-east-1:111122223333:instance/web-2")).isEmpty();
        assertThat(host(new Namespace("111122223333", "us-east-1"), USER_ARN)).isEmpty();
    }

    @Test
    void aDeregisteredHostIsNoLongerFoundAndItsIamArnCanRegisterAnotherInstance() {
        instances.register(NS, "web-1", null, USER_ARN);
        clock.advance(Duration.ofMinutes(5));
        instances.deregister(NS, "web-1");

        assertThat(host(NS, "web-1")).isEmpty();
        assertThat(host(NS, USER_ARN)).isEmpty();
        assertThat(instances.get(NS, "web-1").deregisterTime()).isEqualTo(clock.now());

        instances.register(NS, "web-1b", null, USER_ARN);
        assertThat(host(NS, USER_ARN)).contains("web-1b");
    }

    @Test
    void groupFiltersAreOredAndTagSetGroupsAnded() {
        instances.register(NS, "c-web-eu", null, "arn:aws:iam::111122223333:user/c");
        instances.register(NS, "a-web-us", null, "arn:aws:iam::111122223333:user/a");
        instances.register(NS, "b-db-eu", null, "arn:aws:iam::111122223333:user/b");
        instances.register(NS, "d-gone", null, "arn:aws:iam::111122223333:user/d");
        instances.addTags(NS, List.of(tag("role", "web"), tag("region", "eu")), List.of("c-web-eu"));
        instances.addTags(NS, List.of(tag("role", "web"), tag("region", "us")), List.of("a-web-us"));
        instances.addTags(NS, List.of(tag("role", "db"), tag("region", "eu")), List.of("b-db-eu"));
        instances.addTags(NS, List.of(tag("role", "web"), tag("region", "eu")), List.of("d-gone"));
        instances.deregister(NS, "d-gone");

        DeploymentGroupInfo anyOf = DeploymentGroupInfo.builder().onPremisesInstanceTagFilters(List.of(
                filter("role", "db", TagFilterType.KEY_AND_VALUE), filter(null, "us", TagFilterType.VALUE_ONLY))).build();
        assertThat(matching(anyOf)).containsExactly("a-web-us", "b-db-eu");

        DeploymentGroupInfo allOf = DeploymentGroupInfo.builder().onPremisesTagSet(new OnPremisesTagSet(List.of(
                List.of(filter("role", "web", TagFilterType.KEY_AND_VALUE)),
                List.of(filter(null, "eu", TagFilterType.VALUE_ONLY), filter("zone", null, TagFilterType.KEY_ONLY))))).build();
        assertThat(matching(allOf)).containsExactly("c-web-eu");

        DeploymentGroupInfo keyOnly = DeploymentGroupInfo.builder().onPremisesInstanceTagFilters(List.of(
                filter("region", null, TagFilterType.KEY_ONLY))).build();
        assertThat(matching(keyOnly)).containsExactly("a-web-us", "b-db-eu", "c-web-eu");

        // Slipway has no EC2: EC2 filters select nothing, and a group without on-premises filters selects nothing
        DeploymentGroupInfo ec2 = DeploymentGroupInfo.builder().ec2TagFilters(List.of(EC2TagFilter.builder()
                .key("role").value("web").type(EC2TagFilterType.KEY_AND_VALUE).build())).build();
        assertThat(matching(ec2)).isEmpty();
        assertThat(matching(DeploymentGroupInfo.builder().build())).isEmpty();
    }
}
