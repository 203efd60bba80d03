package io.slipway.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.ListUsersResponse;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.User;

import java.util.ArrayList;
import java.util.List;

import static io.slipway.it.IamErrorAssert.fails;
import static org.assertj.core.api.Assertions.assertThat;

/** IAM users, their access keys and groups, through the SDK; a user's key acts in its account everywhere. */
class IamUsersIT {
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();
    private final IamClient iam = slipway.iam("111100001111");

    @Test
    void usersHaveAwsIdsArnsAndPagedListings() {
        IamClient iam = slipway.iam("111100001112");
        User alice = iam.createUser(r -> r.userName("alice").path("/staff/").tags(t -> t.key("team").value("ops"))).user();
        assertThat(alice.arn()).isEqualTo("arn:aws:iam::111100001112:user/staff/alice");
        assertThat(alice.userId()).matches("AIDA[A-Z0-9]{17}");
        assertThat(alice.path()).isEqualTo("/staff/");
        iam.createUser(r -> r.userName("bob"));
        iam.createUser(r -> r.userName("carol").path("/staff/"));

        User read = iam.getUser(r -> r.userName("ALICE")).user();
        assertThat(read.userName()).isEqualTo("alice");
        assertThat(read.tags()).singleElement().satisfies(t -> assertThat(t.value()).isEqualTo("ops"));
        fails(() -> iam.createUser(r -> r.userName("Alice")), "EntityAlreadyExists", 409,
                "User with name Alice already exists.");
        fails(() -> iam.getUser(r -> r.userName("nobody")), "NoSuchEntity", 404,
                "The user with name nobody cannot be found.");

        List<String> names = new ArrayList<>();
        String marker = null;
        do {
            String m = marker;
            ListUsersResponse page = iam.listUsers(r -> r.maxItems(1).marker(m));
            page.users().forEach(u -> names.add(u.userName()));
            assertThat(page.isTruncated()).isEqualTo(page.marker() != null);
            marker = page.marker();
        } while (marker != null);
        assertThat(names).containsExactly("alice", "bob", "carol");
        assertThat(iam.listUsers(r -> r.pathPrefix("/staff/")).users()).extracting(User::userName)
                .containsExactly("alice", "carol");
        fails(() -> iam.listUsers(r -> r.marker("not-a-marker")), "ValidationError", 400, "Invalid Marker.");
    }

    @Test
    void accessKeysAreIssuedTwoAtMostAndBlockTheUsersDeletion() {
        iam.createUser(r -> r.userName("keyholder"));
        AccessKey first = iam.createAccessKey(r -> r.userName("keyholder")).accessKey();
        assertThat(first.accessKeyId()).matches("AKIA[A-Z2-7]{16}");
        assertThat(first.secretAccessKey()).hasSize(40);
        assertThat(first.status()).isEqualTo(StatusType.ACTIVE);
        AccessKey second = iam.createAccessKey(r -> r.userName("keyholder")).accessKey();
        fails(() -> iam.createAccessKey(r -> r.userName("keyholder")), "LimitExceeded", 409,
                "Cannot exceed quota for AccessKeysPerUser: 2");

        List<AccessKeyMetadata> keys = iam.listAccessKeys(r -> r.userName("keyholder")).accessKeyMetadata();
        assertThat(keys).extracting(AccessKeyMetadata::accessKeyId)
                .containsExactlyInAnyOrder(first.accessKeyId(), second.accessKeyId());
        iam.updateAccessKey(r -> r.userName("keyholder").accessKeyId(first.accessKeyId()).status(StatusType.INACTIVE));
        assertThat(iam.listAccessKeys(r -> r.userName("keyholder")).accessKeyMetadata())
                .filteredOn(k -> k.accessKeyId().equals(first.accessKeyId()))
                .singleElement().satisfies(k -> assertThat(k.status()).isEqualTo(StatusType.INACTIVE));
        var lastUsed = iam.getAccessKeyLastUsed(r -> r.accessKeyId(second.accessKeyId()));
        assertThat(lastUsed.userName()).isEqualTo("keyholder");
        assertThat(lastUsed.accessKeyLastUsed().serviceName()).isEqualTo("N/A");

        fails(() -> iam.deleteUser(r -> r.userName("keyholder")), "DeleteConflict", 409,
                "must delete access keys first");
        fails(() -> iam.deleteAccessKey(r -> r.userName("keyholder").accessKeyId("AKIAAAAAAAAAAAAAAAAA")),
                "NoSuchEntity", 404, "The Access Key with id AKIAAAAAAAAAAAAAAAAA cannot be found");
        iam.deleteAccessKey(r -> r.userName("keyholder").accessKeyId(first.accessKeyId()));
        iam.deleteAccessKey(r -> r.userName("keyholder").accessKeyId(second.accessKeyId()));
        iam.deleteUser(r -> r.userName("keyholder"));
        fails(() -> iam.getUser(r -> r.userName("keyholder")), "NoSuchEntity", 404, "cannot be found");
    }

    @Test
    void aUsersKeyActsInItsAccountUntilItIsDeactivatedOrDeleted() {
        IamClient admin = slipway.iam("222200002222");
        admin.createUser(r -> r.userName("deployer"));
        AccessKey key = admin.createAccessKey(r -> r.userName("deployer")).accessKey();

        CodeDeployClient asUser = slipway.codeDeploy(key.accessKeyId(), "eu-west-1");
        asUser.createApplication(r -> r.applicationName("from-a-user-key"));
        assertThat(slipway.codeDeploy("222200002222", "eu-west-1").listApplications(r -> { }).applications())
                .containsExactly("from-a-user-key");
        assertThat(slipway.codeDeploy("000000000000", "eu-west-1").listApplications(r -> { }).applications())
                .doesNotContain("from-a-user-key");

        User self = slipway.iam(key.accessKeyId()).getUser(r -> { }).user();
        assertThat(self.userName()).isEqualTo("deployer");
        assertThat(self.arn()).isEqualTo("arn:aws:iam::222200002222:user/deployer");
        assertThat(slipway.iam(key.accessKeyId()).listAccessKeys(r -> { }).accessKeyMetadata())
                .extracting(AccessKeyMetadata::accessKeyId).containsExactly(key.accessKeyId());

        admin.updateAccessKey(r -> r.userName("deployer").accessKeyId(key.accessKeyId()).status(StatusType.INACTIVE));
        assertThat(asUser.listApplications(r -> { }).applications()).doesNotContain("from-a-user-key");
        admin.updateAccessKey(r -> r.userName("deployer").accessKeyId(key.accessKeyId()).status(StatusType.ACTIVE));
        assertThat(asUser.listApplications(r -> { }).applications()).containsExactly("from-a-user-key");
        admin.deleteAccessKey(r -> r.userName("deployer").accessKeyId(key.accessKeyId()));
        assertThat(asUser.listApplications(r -> { }).applications()).doesNotContain("from-a-user-key");
    }

    @Test
    void theRootCallerIsTheAccountsRootUser() {
        User root = slipway.iam("333300003333").getUser(r -> { }).user();
        assertThat(root.arn()).isEqualTo("arn:aws:iam::333300003333:root");
        assertThat(root.userId()).isEqualTo("333300003333");
        fails(() -> slipway.iam("333300003333").createAccessKey(r -> { }), "ValidationError", 400,
                "Must specify userName when calling with non-User credentials");
    }

    @Test
    void groupsHoldMembersUntilTheyAreRemoved() {
        iam.createUser(r -> r.userName("dev1"));
        iam.createUser(r -> r.userName("dev2"));
        assertThat(iam.createGroup(r -> r.groupName("developers").path("/eng/")).group().arn())
                .isEqualTo("arn:aws:iam::111100001111:group/eng/developers");
        iam.addUserToGroup(r -> r.groupName("developers").userName("dev1"));
        iam.addUserToGroup(r -> r.groupName("developers").userName("dev1"));
        iam.addUserToGroup(r -> r.groupName("developers").userName("dev2"));
        assertThat(iam.getGroup(r -> r.groupName("developers")).users()).extracting(User::userName)
                .containsExactlyInAnyOrder("dev1", "dev2");
        var page = iam.getGroup(r -> r.groupName("developers").maxItems(1));
        assertThat(page.users()).hasSize(1);
        assertThat(page.isTruncated()).isTrue();
        assertThat(iam.listGroupsForUser(r -> r.userName("dev1")).groups()).singleElement()
                .satisfies(g -> assertThat(g.groupName()).isEqualTo("developers"));
        fails(() -> iam.deleteGroup(r -> r.groupName("developers")), "DeleteConflict", 409,
                "must remove users from group first");
        fails(() -> iam.deleteUser(r -> r.userName("dev1")), "DeleteConflict", 409, "must remove users from group first");
        fails(() -> iam.addUserToGroup(r -> r.groupName("nogroup").userName("dev1")), "NoSuchEntity", 404,
                "The group with name nogroup cannot be found.");
        iam.removeUserFromGroup(r -> r.groupName("developers").userName("dev1"));
        iam.removeUserFromGroup(r -> r.groupName("developers").userName("dev2"));
        iam.deleteGroup(r -> r.groupName("developers"));
        iam.deleteUser(r -> r.userName("dev1"));
        assertThat(iam.listGroupsForUser(r -> r.userName("dev2")).groups()).isEmpty();
    }

    @Test
    void userTagsChangeAndList() {
        iam.createUser(r -> r.userName("tagged"));
        iam.tagUser(r -> r.userName("tagged").tags(t -> t.key("Env").value("dev"), t -> t.key("Team").value("a")));
        iam.tagUser(r -> r.userName("tagged").tags(t -> t.key("env").value("prod")));
        iam.untagUser(r -> r.userName("tagged").tagKeys("TEAM"));
        assertThat(iam.listUserTags(r -> r.userName("tagged")).tags()).singleElement()
                .satisfies(t -> assertThat(t.key() + "=" + t.value()).isEqualTo("env=prod"));
        fails(() -> iam.tagUser(r -> r.userName("tagged").tags(t -> t.key("a").value("1"), t -> t.key("A").value("2"))),
                "InvalidInput", 400, "Duplicate tag keys found");
    }
}
