package io.slipway.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ListPoliciesResponse;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;
import software.amazon.awssdk.services.iam.model.PolicyUsageType;
import software.amazon.awssdk.services.iam.model.PolicyVersion;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.slipway.it.IamErrorAssert.fails;
import static io.slipway.it.IamRolesIT.LOGS;
import static io.slipway.it.IamRolesIT.TRUST;
import static io.slipway.it.IamRolesIT.decoded;
import static org.assertj.core.api.Assertions.assertThat;

/** Managed policies: the account's own with their versions, AWS's in every account, and who they are attached to. */
class IamPoliciesIT {
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();
    private final IamClient iam = slipway.iam("555500005555");

    /** Each AWS managed policy Slipway carries, with its path and default version as AWS publishes them. */
    static final Map<String, String> AWS_MANAGED = Map.ofEntries(
            Map.entry("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", "v1"),
            Map.entry("arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole", "v3"),
            Map.entry("arn:aws:iam::aws:policy/service-role/AWSLambdaRole", "v1"),
            Map.entry("arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole", "v1"),
            Map.entry("arn:aws:iam::aws:policy/service-role/AWSLambdaKinesisExecutionRole", "v1"),
            Map.entry("arn:aws:iam::aws:policy/service-role/AWSLambdaDynamoDBExecutionRole", "v1"),
            Map.entry("arn:aws:iam::aws:policy/service-role/AWSCodeDeployRole", "v11"),
            Map.entry("arn:aws:iam::aws:policy/service-role/AWSCodeDeployRoleForLambda", "v3"),
            Map.entry("arn:aws:iam::aws:policy/service-role/AWSCodeDeployRoleForLambdaLimited", "v1"),
            Map.entry("arn:aws:iam::aws:policy/AWSCodeDeployRoleForECS", "v3"),
            Map.entry("arn:aws:iam::aws:policy/AWSCodeDeployRoleForECSLimited", "v3"),
            Map.entry("arn:aws:iam::aws:policy/AWSCodePipeline_FullAccess", "v3"),
            Map.entry("arn:aws:iam::aws:policy/AWSCodePipeline_ReadOnlyAccess", "v1"),
            Map.entry("arn:aws:iam::aws:policy/AWSCloudFormationFullAccess", "v1"),
            Map.entry("arn:aws:iam::aws:policy/AWSCloudFormationReadOnlyAccess", "v1"),
            Map.entry("arn:aws:iam::aws:policy/AdministratorAccess", "v1"),
            Map.entry("arn:aws:iam::aws:policy/PowerUserAccess", "v12"),
            Map.entry("arn:aws:iam::aws:policy/ReadOnlyAccess", "v178"),
            Map.entry("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", "v3"),
            Map.entry("arn:aws:iam::aws:policy/AmazonSSMReadOnlyAccess", "v1"));

    @Test
    void awsManagedPoliciesExistInEveryAccountAndCanBeAttached() {
        for (IamClient client : List.of(iam, slipway.iam("555500005556"))) {
            AWS_MANAGED.forEach((arn, version) -> {
                Policy p = client.getPolicy(r -> r.policyArn(arn)).policy();
                assertThat(p.arn()).isEqualTo(arn);
                assertThat(p.defaultVersionId()).isEqualTo(version);
                assertThat(p.policyId()).matches("ANPA[A-Z0-9]{17}");
                assertThat(arn).isEqualTo("arn:aws:iam::aws:policy" + p.path() + p.policyName());
                PolicyVersion v = client.getPolicyVersion(r -> r.policyArn(arn).versionId(version)).policyVersion();
                assertThat(decoded(v.document())).contains("\"Version\":\"2012-10-17\"");
            });
        }
        assertThat(iam.listPolicies(r -> r.scope(PolicyScopeType.AWS).maxItems(1000)).policies()).extracting(Policy::arn)
                .containsExactlyInAnyOrderElementsOf(AWS_MANAGED.keySet());
        assertThat(iam.listPolicies(r -> r.scope(PolicyScopeType.AWS).pathPrefix("/service-role/")).policies())
                .hasSize(9);

        iam.createGroup(r -> r.groupName("readers"));
        iam.createUser(r -> r.userName("reader"));
        String readOnly = "arn:aws:iam::aws:policy/ReadOnlyAccess";
        iam.attachGroupPolicy(r -> r.groupName("readers").policyArn(readOnly));
        iam.attachUserPolicy(r -> r.userName("reader").policyArn(readOnly));
        assertThat(iam.getPolicy(r -> r.policyArn(readOnly)).policy().attachmentCount()).isEqualTo(2);
        assertThat(slipway.iam("555500005556").getPolicy(r -> r.policyArn(readOnly)).policy().attachmentCount()).isZero();
        var entities = iam.listEntitiesForPolicy(r -> r.policyArn(readOnly));
        assertThat(entities.policyGroups()).singleElement().satisfies(g -> assertThat(g.groupName()).isEqualTo("readers"));
        assertThat(entities.policyUsers()).singleElement().satisfies(u -> assertThat(u.userName()).isEqualTo("reader"));
        assertThat(entities.policyRoles()).isEmpty();
        assertThat(iam.listPolicies(r -> r.onlyAttached(true)).policies()).extracting(Policy::arn).containsExactly(readOnly);
        fails(() -> iam.deletePolicy(r -> r.policyArn(readOnly)), "UnmodifiableEntity", 400, "AWS managed policy");
    }

    @Test
    void aPolicyHasFiveVersionsAtMostAndKeepsItsDefault() {
        Policy policy = iam.createPolicy(r -> r.policyName("deploy").path("/team/").policyDocument(LOGS)
                .description("what deployers may do")).policy();
        String arn = policy.arn();
        assertThat(arn).isEqualTo("arn:aws:iam::555500005555:policy/team/deploy");
        assertThat(policy.defaultVersionId()).isEqualTo("v1");
        for (int i = 2; i <= 5; i++) {
            boolean last = i == 5;
            PolicyVersion v = iam.createPolicyVersion(r -> r.policyArn(arn).policyDocument(LOGS.replace("Logs", "Logs" + 9))
                    .setAsDefault(last)).policyVersion();
            assertThat(v.versionId()).isEqualTo("v" + i);
            assertThat(v.isDefaultVersion()).isEqualTo(last);
        }
        fails(() -> iam.createPolicyVersion(r -> r.policyArn(arn).policyDocument(LOGS)), "LimitExceeded", 409,
                "A managed policy can have up to 5 versions.");
        assertThat(iam.getPolicy(r -> r.policyArn(arn)).policy().defaultVersionId()).isEqualTo("v5");
        assertThat(iam.listPolicyVersions(r -> r.policyArn(arn)).versions()).extracting(PolicyVersion::versionId)
                .containsExactly("v5", "v4", "v3", "v2", "v1");
        fails(() -> iam.deletePolicyVersion(r -> r.policyArn(arn).versionId("v5")), "DeleteConflict", 409,
                "Cannot delete the default version of a policy.");
        iam.deletePolicyVersion(r -> r.policyArn(arn).versionId("v2"));
        assertThat(iam.createPolicyVersion(r -> r.policyArn(arn).policyDocument(LOGS)).policyVersion().versionId())
                .isEqualTo("v6");
        iam.setDefaultPolicyVersion(r -> r.policyArn(arn).versionId("v1"));
        assertThat(decoded(iam.getPolicyVersion(r -> r.policyArn(arn).versionId("v1")).policyVersion().document()))
                .isEqualTo(LOGS);
        fails(() -> iam.getPolicyVersion(r -> r.policyArn(arn).versionId("v2")), "NoSuchEntity", 404, "version v2");
        fails(() -> iam.deletePolicy(r -> r.policyArn(arn)), "DeleteConflict", 409, "more than one version");
        for (String v : List.of("v3", "v4", "v5", "v6")) {
            iam.deletePolicyVersion(r -> r.policyArn(arn).versionId(v));
        }
        iam.deletePolicy(r -> r.policyArn(arn));
        fails(() -> iam.getPolicy(r -> r.policyArn(arn)), "NoSuchEntity", 404, "Policy " + arn + " was not found.");
    }

    @Test
    void policiesListByScopePathAndUsageInPages() {
        IamClient own = slipway.iam("555500005557");
        for (String name : List.of("a-one", "b-two", "c-three")) {
            own.createPolicy(r -> r.policyName(name).path("/mine/").policyDocument(LOGS));
        }
        fails(() -> own.createPolicy(r -> r.policyName("A-ONE").policyDocument(LOGS)), "EntityAlreadyExists", 409,
                "A policy called A-ONE already exists. Duplicate names are not allowed.");
        List<String> names = new ArrayList<>();
        String marker = null;
        do {
            String m = marker;
            ListPoliciesResponse page = own.listPolicies(r -> r.scope(PolicyScopeType.LOCAL).maxItems(2).marker(m));
            page.policies().forEach(p -> names.add(p.policyName()));
            marker = page.marker();
        } while (marker != null);
        assertThat(names).containsExactly("a-one", "b-two", "c-three");
        assertThat(own.listPolicies(r -> r.pathPrefix("/mine/")).policies()).hasSize(3);
        own.createRole(r -> r.roleName("r").assumeRolePolicyDocument(TRUST));
        String arn = "arn:aws:iam::555500005557:policy/mine/b-two";
        own.attachRolePolicy(r -> r.roleName("r").policyArn(arn));
        assertThat(own.listPolicies(r -> r.policyUsageFilter(PolicyUsageType.PERMISSIONS_POLICY)).policies())
                .extracting(Policy::arn).containsExactly(arn);
        assertThat(own.listEntitiesForPolicy(r -> r.policyArn(arn)).policyRoles()).singleElement()
                .satisfies(r -> assertThat(r.roleName()).isEqualTo("r"));
        fails(() -> own.deletePolicy(r -> r.policyArn(arn)), "DeleteConflict", 409, "Cannot delete a policy attached to entities.");
        own.tagPolicy(r -> r.policyArn(arn).tags(t -> t.key("k").value("v")));
        assertThat(own.listPolicyTags(r -> r.policyArn(arn)).tags()).hasSize(1);
        own.untagPolicy(r -> r.policyArn(arn).tagKeys("k"));
        assertThat(own.getPolicy(r -> r.policyArn(arn)).policy().tags()).isEmpty();
    }

    @Test
    void accountAuthorizationDetailsShowEverythingAndPage() {
        IamClient own = slipway.iam("555500005558");
        own.createUser(r -> r.userName("u1"));
        own.putUserPolicy(r -> r.userName("u1").policyName("inline").policyDocument(LOGS));
        own.createGroup(r -> r.groupName("g1"));
        own.addUserToGroup(r -> r.groupName("g1").userName("u1"));
        own.createRole(r -> r.roleName("r1").assumeRolePolicyDocument(TRUST));
        own.attachRolePolicy(r -> r.roleName("r1").policyArn("arn:aws:iam::aws:policy/service-role/AWSLambdaRole"));
        own.createPolicy(r -> r.policyName("local").policyDocument(LOGS));
        var all = own.getAccountAuthorizationDetails(r -> { });
        assertThat(all.userDetailList()).singleElement().satisfies(u -> {
            assertThat(u.groupList()).containsExactly("g1");
            assertThat(decoded(u.userPolicyList().getFirst().policyDocument())).isEqualTo(LOGS);
        });
        assertThat(all.groupDetailList()).hasSize(1);
        assertThat(all.roleDetailList()).singleElement().satisfies(r -> assertThat(r.attachedManagedPolicies()).hasSize(1));
        assertThat(all.policies()).extracting(p -> p.policyName()).containsExactly("AWSLambdaRole", "local");
        var first = own.getAccountAuthorizationDetails(r -> r.maxItems(2));
        assertThat(first.isTruncated()).isTrue();
        var rest = own.getAccountAuthorizationDetails(r -> r.marker(first.marker()));
        assertThat(first.userDetailList().size() + first.groupDetailList().size() + rest.roleDetailList().size()
                + rest.policies().size()).isEqualTo(5);
        assertThat(own.getAccountAuthorizationDetails(r -> r.filterWithStrings("Role")).userDetailList()).isEmpty();
    }
}
