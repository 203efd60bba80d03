package io.slipway.it;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.BatchLimitExceededException;
import software.amazon.awssdk.services.codedeploy.model.CodeDeployException;
import software.amazon.awssdk.services.codedeploy.model.IamArnRequiredException;
import software.amazon.awssdk.services.codedeploy.model.IamSessionArnAlreadyRegisteredException;
import software.amazon.awssdk.services.codedeploy.model.IamUserArnAlreadyRegisteredException;
import software.amazon.awssdk.services.codedeploy.model.InstanceInfo;
import software.amazon.awssdk.services.codedeploy.model.InstanceLimitExceededException;
import software.amazon.awssdk.services.codedeploy.model.InstanceNameAlreadyRegisteredException;
import software.amazon.awssdk.services.codedeploy.model.InstanceNameRequiredException;
import software.amazon.awssdk.services.codedeploy.model.InstanceNotRegisteredException;
import software.amazon.awssdk.services.codedeploy.model.InvalidIamSessionArnException;
import software.amazon.awssdk.services.codedeploy.model.InvalidIamUserArnException;
import software.amazon.awssdk.services.codedeploy.model.InvalidInstanceNameException;
import software.amazon.awssdk.services.codedeploy.model.InvalidNextTokenException;
import software.amazon.awssdk.services.codedeploy.model.InvalidRegistrationStatusException;
import software.amazon.awssdk.services.codedeploy.model.InvalidTagException;
import software.amazon.awssdk.services.codedeploy.model.InvalidTagFilterException;
import software.amazon.awssdk.services.codedeploy.model.ListOnPremisesInstancesResponse;
import software.amazon.awssdk.services.codedeploy.model.MultipleIamArnsProvidedException;
import software.amazon.awssdk.services.codedeploy.model.RegistrationStatus;
import software.amazon.awssdk.services.codedeploy.model.Tag;
import software.amazon.awssdk.services.codedeploy.model.TagFilter;
import software.amazon.awssdk.services.codedeploy.model.TagFilterType;
import software.amazon.awssdk.services.codedeploy.model.TagLimitExceededException;
import software.amazon.awssdk.services.codedeploy.model.TagRequiredException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OnPremisesInstancesIT {
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();
    private final CodeDeployClient cd = slipway.codeDeploy();

    private static String user(String name) {
        return "arn:aws:iam::000000000000:user/" + name;
    }

    private static Tag tag(String k, String v) {
        return Tag.builder().key(k).value(v).build();
    }

    private static TagFilter filter(String k, String v, TagFilterType type) {
        return TagFilter.builder().key(k).value(v).type(type).build();
    }

    /** Every CodeDeploy error is a client error: the modelled exception with HTTP 400. */
    private static void fails(Class<? extends CodeDeployException> type, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(type)
                .satisfies(e -> assertThat(((CodeDeployException) e).statusCode()).isEqualTo(400));
    }

    private void register(CodeDeployClient client, String name) {
        client.registerOnPremisesInstance(r -> r.instanceName(name).iamUserArn(user(name)));
    }

    @Test
    void registerGetTagAndDeregister() {
        Instant before = Instant.now().minusSeconds(1);
        cd.registerOnPremisesInstance(r -> r.instanceName("rack-1").iamUserArn(user("rack-1")));
        cd.registerOnPremisesInstance(r -> r.instanceName("rack-2")
                .iamSessionArn("arn:aws:sts::000000000000:assumed-role/CodeDeployHost/rack-2"));

        InstanceInfo one = cd.getOnPremisesInstance(r -> r.instanceName("rack-1")).instanceInfo();
        assertThat(one.instanceName()).isEqualTo("rack-1");
        assertThat(one.iamUserArn()).isEqualTo(user("rack-1"));
        assertThat(one.iamSessionArn()).isNull();
        assertThat(one.instanceArn()).isEqualTo("arn:aws:codedeploy:us-east-1:000000000000:instance/rack-1");
        assertThat(one.registerTime()).isBetween(before, Instant.now().plus(Duration.ofSeconds(1)));
        assertThat(one.deregisterTime()).isNull();
        assertThat(one.tags()).isEmpty();
        assertThat(cd.getOnPremisesInstance(r -> r.instanceName("rack-2")).instanceInfo().iamSessionArn())
                .isEqualTo("arn:aws:sts::000000000000:assumed-role/CodeDeployHost/rack-2");

        cd.addTagsToOnPremisesInstances(r -> r.instanceNames("rack-1", "rack-2").tags(tag("role", "web"), tag("dc", "a")));
        cd.addTagsToOnPremisesInstances(r -> r.instanceNames("rack-2").tags(tag("role", "db")));
        assertThat(cd.getOnPremisesInstance(r -> r.instanceName("rack-2")).instanceInfo().tags())
                .containsExactly(tag("role", "db"), tag("dc", "a"));
        // a tag given with a value goes only if the value matches; one given by key alone goes
        cd.removeTagsFromOnPremisesInstances(r -> r.instanceNames("rack-1", "rack-2").tags(tag("role", "web")));
        assertThat(cd.getOnPremisesInstance(r -> r.instanceName("rack-1")).instanceInfo().tags())
                .containsExactly(tag("dc", "a"));
        assertThat(cd.getOnPremisesInstance(r -> r.instanceName("rack-2")).instanceInfo().tags())
                .containsExactly(tag("role", "db"), tag("dc", "a"));
        cd.removeTagsFromOnPremisesInstances(r -> r.instanceNames("rack-2").tags(Tag.builder().key("role").build()));
        assertThat(cd.getOnPremisesInstance(r -> r.instanceName("rack-2")).instanceInfo().tags())
                .containsExactly(tag("dc", "a"));

        assertThat(cd.batchGetOnPremisesInstances(r -> r.instanceNames("rack-2", "ghost", "rack-1")).instanceInfos())
                .extracting(InstanceInfo::instanceName).containsExactly("rack-2", "rack-1");

        cd.deregisterOnPremisesInstance(r -> r.instanceName("rack-1"));
        InstanceInfo gone = cd.getOnPremisesInstance(r -> r.instanceName("rack-1")).instanceInfo();
        assertThat(gone.deregisterTime()).isBetween(one.registerTime(), Instant.now().plus(Duration.ofSeconds(1)));
        assertThat(gone.tags()).as("deregistering keeps the tags").containsExactly(tag("dc", "a"));
        // again, and for a name never registered: nothing to do, no error (the operation models none)
        cd.deregisterOnPremisesInstance(r -> r.instanceName("rack-1"));
        cd.deregisterOnPremisesInstance(r -> r.instanceName("never-registered"));
        assertThat(cd.getOnPremisesInstance(r -> r.instanceName("rack-1")).instanceInfo().deregisterTime())
                .isEqualTo(gone.deregisterTime());

        fails(InstanceNotRegisteredException.class, () -> cd.addTagsToOnPremisesInstances(r -> r
                .instanceNames("rack-1").tags(tag("a", "b"))));
        // "you cannot immediately create another instance with the same name" (user guide)
        fails(InstanceNameAlreadyRegisteredException.class, () -> cd.registerOnPremisesInstance(r -> r
                .instanceName("rack-1").iamUserArn(user("rack-1-new"))));
        // the deregistered instance's IAM user may register a new instance
        cd.registerOnPremisesInstance(r -> r.instanceName("rack-1b").iamUserArn(user("rack-1")));
    }

    @Test
    void listsByRegistrationStatusAndTags() {
        CodeDeployClient own = slipway.codeDeploy("333344445555", "us-east-1");
        for (String name : List.of("web-a", "web-b", "db-a", "old-web")) {
            register(own, name);
        }
        own.addTagsToOnPremisesInstances(r -> r.instanceNames("web-a", "web-b", "old-web").tags(tag("role", "web")));
        own.addTagsToOnPremisesInstances(r -> r.instanceNames("db-a").tags(tag("role", "db"), tag("tier", "web")));
        own.addTagsToOnPremisesInstances(r -> r.instanceNames("web-a", "db-a").tags(tag("zone", "a")));
        own.deregisterOnPremisesInstance(r -> r.instanceName("old-web"));

        assertThat(own.listOnPremisesInstances(r -> { }).instanceNames()).containsExactly("db-a", "old-web", "web-a", "web-b");
        assertThat(own.listOnPremisesInstances(r -> r.registrationStatus(RegistrationStatus.REGISTERED)).instanceNames())
                .containsExactly("db-a", "web-a", "web-b");
        assertThat(own.listOnPremisesInstances(r -> r.registrationStatus(RegistrationStatus.DEREGISTERED)).instanceNames())
                .containsExactly("old-web");
        assertThat(own.listOnPremisesInstances(r -> r.registrationStatus(RegistrationStatus.REGISTERED)
                .tagFilters(filter("role", "web", TagFilterType.KEY_AND_VALUE))).instanceNames())
                .containsExactly("web-a", "web-b");
        assertThat(own.listOnPremisesInstances(r -> r.tagFilters(filter(null, "web", TagFilterType.VALUE_ONLY)))
                .instanceNames()).containsExactly("db-a", "old-web", "web-a", "web-b");
        assertThat(own.listOnPremisesInstances(r -> r.tagFilters(filter("zone", null, TagFilterType.KEY_ONLY)))
                .instanceNames()).containsExactly("db-a", "web-a");
        // several filters: an instance any of them matches
        assertThat(own.listOnPremisesInstances(r -> r.tagFilters(filter("role", "db", TagFilterType.KEY_AND_VALUE),
                filter("role", "nothing", TagFilterType.KEY_AND_VALUE), filter("zone", null, TagFilterType.KEY_ONLY)))
                .instanceNames()).containsExactly("db-a", "web-a");

        fails(InvalidTagFilterException.class, () -> own.listOnPremisesInstances(r -> r.tagFilters(
                filter("role", null, TagFilterType.KEY_AND_VALUE))));
        fails(InvalidTagFilterException.class, () -> own.listOnPremisesInstances(r -> r.tagFilters(
                filter(null, null, TagFilterType.VALUE_ONLY))));
        fails(InvalidTagFilterException.class, () -> own.listOnPremisesInstances(r -> r.tagFilters(
                TagFilter.builder().key("role").type("SOME_OTHER").build())));
        fails(InvalidRegistrationStatusException.class, () -> own.listOnPremisesInstances(r -> r
                .registrationStatus("Pending")));
    }

    @Test
    void listsInPagesOfOneHundred() {
        CodeDeployClient own = slipway.codeDeploy("444455556666", "us-east-1");
        IntStream.range(0, 150).forEach(i -> register(own, String.format("host-%03d", i)));
        ListOnPremisesInstancesResponse first = own.listOnPremisesInstances(r -> { });
        assertThat(first.instanceNames()).hasSize(100).startsWith("host-000").endsWith("host-099");
        assertThat(first.nextToken()).isNotBlank();
        ListOnPremisesInstancesResponse second = own.listOnPremisesInstances(r -> r.nextToken(first.nextToken()));
        assertThat(second.instanceNames()).hasSize(50).startsWith("host-100").endsWith("host-149");
        assertThat(second.nextToken()).isNull();
        fails(InvalidNextTokenException.class, () -> own.listOnPremisesInstances(r -> r.nextToken("not-a-token")));
        // filters apply while scanning: a filtered listing pages the same way
        assertThat(own.listOnPremisesInstances(r -> r.registrationStatus(RegistrationStatus.DEREGISTERED)).instanceNames())
                .isEmpty();
    }

    @Test
    void registrationErrors() {
        register(cd, "taken");
        cd.registerOnPremisesInstance(r -> r.instanceName("by-session")
                .iamSessionArn("arn:aws:sts::000000000000:assumed-role/Host/s-1"));

        fails(InstanceNameRequiredException.class, () -> cd.registerOnPremisesInstance(r -> r.iamUserArn(user("x"))));
        fails(InstanceNameRequiredException.class, () -> cd.registerOnPremisesInstance(r -> r.instanceName("")
                .iamUserArn(user("x"))));
        for (String bad : List.of("has space", "slash/name", "i-0123456789abcdef0", "n".repeat(101))) {
            fails(InvalidInstanceNameException.class, () -> cd.registerOnPremisesInstance(r -> r.instanceName(bad)
                    .iamUserArn(user("x"))));
        }
        fails(IamArnRequiredException.class, () -> cd.registerOnPremisesInstance(r -> r.instanceName("no-arn")));
        fails(MultipleIamArnsProvidedException.class, () -> cd.registerOnPremisesInstance(r -> r.instanceName("both")
                .iamUserArn(user("both")).iamSessionArn("arn:aws:sts::000000000000:assumed-role/Host/both")));
        for (String bad : List.of("arn:aws:iam::000000000000:role/not-a-user", "arn:aws:iam::123:user/short-account",
                "arn:aws:sts::000000000000:assumed-role/Host/s", "user/x")) {
            fails(InvalidIamUserArnException.class, () -> cd.registerOnPremisesInstance(r -> r.instanceName("bad-user")
                    .iamUserArn(bad)));
        }
        for (String bad : List.of("arn:aws:sts::000000000000:assumed-role/only-role", user("x"),
                "arn:aws:sts::000000000000:federated-user/x")) {
            fails(InvalidIamSessionArnException.class, () -> cd.registerOnPremisesInstance(r -> r
                    .instanceName("bad-session").iamSessionArn(bad)));
        }
        fails(InstanceNameAlreadyRegisteredException.class, () -> cd.registerOnPremisesInstance(r -> r
                .instanceName("taken").iamUserArn(user("someone-else"))));
        fails(IamUserArnAlreadyRegisteredException.class, () -> cd.registerOnPremisesInstance(r -> r
                .instanceName("second-for-user").iamUserArn(user("taken"))));
        fails(IamSessionArnAlreadyRegisteredException.class, () -> cd.registerOnPremisesInstance(r -> r
                .instanceName("second-for-session").iamSessionArn("arn:aws:sts::000000000000:assumed-role/Host/s-1")));
        // nothing of a failed registration stays behind
        fails(InstanceNotRegisteredException.class, () -> cd.getOnPremisesInstance(r -> r.instanceName("second-for-user")));
        cd.registerOnPremisesInstance(r -> r.instanceName("second-for-user").iamUserArn(user("second-for-user")));
    }

    @Test
    void readingErrors() {
        fails(InstanceNameRequiredException.class, () -> cd.getOnPremisesInstance(r -> { }));
        fails(InvalidInstanceNameException.class, () -> cd.getOnPremisesInstance(r -> r.instanceName("bad name")));
        fails(InstanceNotRegisteredException.class, () -> cd.getOnPremisesInstance(r -> r.instanceName("unknown")));
        fails(InstanceNameRequiredException.class, () -> cd.deregisterOnPremisesInstance(r -> { }));
        fails(InvalidInstanceNameException.class, () -> cd.deregisterOnPremisesInstance(r -> r.instanceName("bad name")));
        fails(InstanceNameRequiredException.class, () -> cd.batchGetOnPremisesInstances(r -> { }));
        fails(InvalidInstanceNameException.class, () -> cd.batchGetOnPremisesInstances(r -> r.instanceNames("ok", "not ok")));
        List<String> tooMany = IntStream.range(0, 101).mapToObj(i -> "n" + i).toList();
        fails(BatchLimitExceededException.class, () -> cd.batchGetOnPremisesInstances(r -> r.instanceNames(tooMany)));
        assertThat(cd.batchGetOnPremisesInstances(r -> r.instanceNames(tooMany.subList(0, 100))).instanceInfos()).isEmpty();
    }

    @Test
    void taggingErrors() {
        register(cd, "tagged-1");
        register(cd, "tagged-2");
        fails(InstanceNameRequiredException.class, () -> cd.addTagsToOnPremisesInstances(r -> r.tags(tag("a", "b"))));
        fails(InstanceNameRequiredException.class, () -> cd.addTagsToOnPremisesInstances(r -> r.instanceNames(List.of())
                .tags(tag("a", "b"))));
        fails(InvalidInstanceNameException.class, () -> cd.addTagsToOnPremisesInstances(r -> r.instanceNames("a b")
                .tags(tag("a", "b"))));
        fails(TagRequiredException.class, () -> cd.addTagsToOnPremisesInstances(r -> r.instanceNames("tagged-1")));
        fails(TagRequiredException.class, () -> cd.addTagsToOnPremisesInstances(r -> r.instanceNames("tagged-1")
                .tags(List.of())));
        fails(InvalidTagException.class, () -> cd.addTagsToOnPremisesInstances(r -> r.instanceNames("tagged-1")
                .tags(tag("", "b"))));
        fails(InvalidTagException.class, () -> cd.addTagsToOnPremisesInstances(r -> r.instanceNames("tagged-1")
                .tags(Tag.builder().key("no-value").build())));
        fails(InvalidTagException.class, () -> cd.addTagsToOnPremisesInstances(r -> r.instanceNames("tagged-1")
                .tags(tag("k".repeat(129), "v"))));
        fails(InvalidTagException.class, () -> cd.addTagsToOnPremisesInstances(r -> r.instanceNames("tagged-1")
                .tags(tag("k", "v".repeat(257)))));
        List<Tag> eleven = IntStream.range(0, 11).mapToObj(i -> tag("k" + i, "v")).toList();
        fails(TagLimitExceededException.class, () -> cd.addTagsToOnPremisesInstances(r -> r.instanceNames("tagged-1")
                .tags(eleven)));
        cd.addTagsToOnPremisesInstances(r -> r.instanceNames("tagged-1").tags(eleven.subList(0, 6)));
        // six and five new ones make eleven: too many for one instance
        fails(TagLimitExceededException.class, () -> cd.addTagsToOnPremisesInstances(r -> r.instanceNames("tagged-1")
                .tags(IntStream.range(20, 25).mapToObj(i -> tag("k" + i, "v")).toList())));
        List<String> tooMany = IntStream.range(0, 101).mapToObj(i -> "n" + i).toList();
        fails(InstanceLimitExceededException.class, () -> cd.addTagsToOnPremisesInstances(r -> r.instanceNames(tooMany)
                .tags(tag("a", "b"))));
        // all or nothing: one unknown instance and no instance is tagged
        fails(InstanceNotRegisteredException.class, () -> cd.addTagsToOnPremisesInstances(r -> r
                .instanceNames("tagged-2", "ghost").tags(tag("a", "b"))));
        assertThat(cd.getOnPremisesInstance(r -> r.instanceName("tagged-2")).instanceInfo().tags()).isEmpty();

        fails(InstanceNameRequiredException.class, () -> cd.removeTagsFromOnPremisesInstances(r -> r.tags(tag("a", "b"))));
        fails(InvalidInstanceNameException.class, () -> cd.removeTagsFromOnPremisesInstances(r -> r.instanceNames("a b")
                .tags(tag("a", "b"))));
        fails(TagRequiredException.class, () -> cd.removeTagsFromOnPremisesInstances(r -> r.instanceNames("tagged-1")));
        fails(InvalidTagException.class, () -> cd.removeTagsFromOnPremisesInstances(r -> r.instanceNames("tagged-1")
                .tags(tag("", "b"))));
        fails(TagLimitExceededException.class, () -> cd.removeTagsFromOnPremisesInstances(r -> r.instanceNames("tagged-1")
                .tags(eleven)));
        fails(InstanceLimitExceededException.class, () -> cd.removeTagsFromOnPremisesInstances(r -> r
                .instanceNames(tooMany).tags(tag("a", "b"))));
        fails(InstanceNotRegisteredException.class, () -> cd.removeTagsFromOnPremisesInstances(r -> r
                .instanceNames("ghost").tags(tag("a", "b"))));
    }
}
