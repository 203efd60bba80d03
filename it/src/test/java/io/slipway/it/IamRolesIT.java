package io.slipway.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.InstanceProfile;
import software.amazon.awssdk.services.iam.model.Role;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import static io.slipway.it.IamErrorAssert.fails;
import static org.assertj.core.api.Assertions.assertThat;

/** Roles, their inline and attached policies, instance profiles and service-linked roles, through the SDK. */
class IamRolesIT {
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();
    static final String TRUST = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
              "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}""";
    static final String LOGS = """
            {"Version": "2012-10-17", "Statement": [{"Sid": "Logs", "Effect": "Allow",
              "Action": ["logs:CreateLogStream", "logs:PutLogEvents"], "Resource": "*"}]}""";
    private final IamClient iam = slipway.iam("444400004444");

    static String decoded(String document) {
        return URLDecoder.decode(document, StandardCharsets.UTF_8);
    }

    @Test
    void aRoleKeepsItsTrustPolicyDescriptionAndSessionDuration() {
        Role role = iam.createRole(r -> r.roleName("fn-exec").path("/service/").assumeRolePolicyDocument(TRUST)
                .description("runs functions").tags(t -> t.key("app").value("shop"))).role();
        assertThat(role.arn()).isEqualTo("arn:aws:iam::444400004444:role/service/fn-exec");
        assertThat(role.roleId()).matches("AROA[A-Z0-9]{17}");
        assertThat(role.maxSessionDuration()).isEqualTo(3600);

        Role read = iam.getRole(r -> r.roleName("fn-exec")).role();
        assertThat(read.assumeRolePolicyDocument()).doesNotContain("{").contains("%7B");
        assertThat(decoded(read.assumeRolePolicyDocument())).isEqualTo(TRUST);
        assertThat(read.description()).isEqualTo("runs functions");

        iam.updateRole(r -> r.roleName("fn-exec").maxSessionDuration(43200));
        iam.updateRoleDescription(r -> r.roleName("fn-exec").description("runs more"));
        String trust2 = TRUST.replace("lambda", "codedeploy");
        iam.updateAssumeRolePolicy(r -> r.roleName("fn-exec").policyDocument(trust2));
        read = iam.getRole(r -> r.roleName("fn-exec")).role();
        assertThat(read.maxSessionDuration()).isEqualTo(43200);
        assertThat(read.description()).isEqualTo("runs more");
        assertThat(decoded(read.assumeRolePolicyDocument())).isEqualTo(trust2);

        fails(() -> iam.updateRole(r -> r.roleName("fn-exec").maxSessionDuration(100)), "ValidationError", 400,
                "Member must have value greater than or equal to 3600");
        fails(() -> iam.createRole(r -> r.roleName("FN-EXEC").assumeRolePolicyDocument(TRUST)), "EntityAlreadyExists",
                409, "Role with name FN-EXEC already exists.");
        assertThat(iam.listRoles(r -> r.pathPrefix("/service/")).roles()).extracting(Role::roleName)
                .containsExactly("fn-exec");
    }

    @Test
    void inlineAndAttachedPoliciesBlockTheRolesDeletion() {
        iam.createRole(r -> r.roleName("worker").assumeRolePolicyDocument(TRUST));
        iam.putRolePolicy(r -> r.roleName("worker").policyName("logs").policyDocument(LOGS));
        assertThat(iam.listRolePolicies(r -> r.roleName("worker")).policyNames()).containsExactly("logs");
        var inline = iam.getRolePolicy(r -> r.roleName("worker").policyName("logs"));
        assertThat(decoded(inline.policyDocument())).isEqualTo(LOGS);
        String basic = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
        iam.attachRolePolicy(r -> r.roleName("worker").policyArn(basic));
        iam.attachRolePolicy(r -> r.roleName("worker").policyArn(basic));
        assertThat(iam.listAttachedRolePolicies(r -> r.roleName("worker")).attachedPolicies())
                .extracting(AttachedPolicy::policyArn).containsExactly(basic);
        assertThat(iam.listAttachedRolePolicies(r -> r.roleName("worker").pathPrefix("/other/")).attachedPolicies())
                .isEmpty();

        fails(() -> iam.deleteRole(r -> r.roleName("worker")), "DeleteConflict", 409,
                "Cannot delete entity, must delete policies first.");
        iam.deleteRolePolicy(r -> r.roleName("worker").policyName("logs"));
        fails(() -> iam.getRolePolicy(r -> r.roleName("worker").policyName("logs")), "NoSuchEntity", 404,
                "The role policy with name logs cannot be found.");
        fails(() -> iam.deleteRole(r -> r.roleName("worker")), "DeleteConflict", 409,
                "Cannot delete entity, must detach all policies first.");
        iam.detachRolePolicy(r -> r.roleName("worker").policyArn(basic));
        fails(() -> iam.detachRolePolicy(r -> r.roleName("worker").policyArn(basic)), "NoSuchEntity", 404, basic);
        iam.deleteRole(r -> r.roleName("worker"));
    }

    @Test
    void aRoleTakesTenManagedPoliciesAtMost() {
        iam.createRole(r -> r.roleName("crowded").assumeRolePolicyDocument(TRUST));
        for (int i = 0; i < 10; i++) {
            String arn = iam.createPolicy(p -> p.policyName("p" + Math.random()).policyDocument(LOGS)).policy().arn();
            iam.attachRolePolicy(r -> r.roleName("crowded").policyArn(arn));
        }
        String eleventh = "arn:aws:iam::aws:policy/ReadOnlyAccess";
        fails(() -> iam.attachRolePolicy(r -> r.roleName("crowded").policyArn(eleventh)), "LimitExceeded", 409,
                "Cannot exceed quota for PoliciesPerRole: 10");
        fails(() -> iam.attachRolePolicy(r -> r.roleName("crowded").policyArn("arn:aws:iam::aws:policy/NoSuchPolicy")),
                "NoSuchEntity", 404, "does not exist or is not attachable");
    }

    @Test
    void anInstanceProfileHoldsOneRole() {
        iam.createRole(r -> r.roleName("host").assumeRolePolicyDocument(TRUST));
        iam.createRole(r -> r.roleName("other-host").assumeRolePolicyDocument(TRUST));
        InstanceProfile created = iam.createInstanceProfile(r -> r.instanceProfileName("web").path("/hosts/")).instanceProfile();
        assertThat(created.arn()).isEqualTo("arn:aws:iam::444400004444:instance-profile/hosts/web");
        assertThat(created.instanceProfileId()).matches("AIPA[A-Z0-9]{17}");
        iam.addRoleToInstanceProfile(r -> r.instanceProfileName("web").roleName("host"));
        fails(() -> iam.addRoleToInstanceProfile(r -> r.instanceProfileName("web").roleName("other-host")),
                "LimitExceeded", 409, "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1");
        assertThat(iam.getInstanceProfile(r -> r.instanceProfileName("web")).instanceProfile().roles())
                .extracting(Role::roleName).containsExactly("host");
        assertThat(iam.listInstanceProfilesForRole(r -> r.roleName("host")).instanceProfiles())
                .extracting(InstanceProfile::instanceProfileName).containsExactly("web");
        fails(() -> iam.deleteRole(r -> r.roleName("host")), "DeleteConflict", 409,
                "must remove roles from instance profile first");
        fails(() -> iam.deleteInstanceProfile(r -> r.instanceProfileName("web")), "DeleteConflict", 409,
                "must remove roles from instance profile first");
        iam.removeRoleFromInstanceProfile(r -> r.instanceProfileName("web").roleName("host"));
        iam.deleteInstanceProfile(r -> r.instanceProfileName("web"));
        iam.deleteRole(r -> r.roleName("host"));
        fails(() -> iam.getInstanceProfile(r -> r.instanceProfileName("web")), "NoSuchEntity", 404,
                "Instance Profile web cannot be found.");
    }

    @Test
    void serviceLinkedRolesAreNamedByTheirServiceAndDeletedThroughTheirOwnOperation() {
        Role role = iam.createServiceLinkedRole(r -> r.awsServiceName("ecs.amazonaws.com")).role();
        assertThat(role.roleName()).isEqualTo("AWSServiceRoleForECS");
        assertThat(role.path()).isEqualTo("/aws-service-role/ecs.amazonaws.com/");
        assertThat(role.arn()).isEqualTo("arn:aws:iam::444400004444:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS");
        assertThat(decoded(role.assumeRolePolicyDocument())).contains("ecs.amazonaws.com");
        fails(() -> iam.createServiceLinkedRole(r -> r.awsServiceName("ecs.amazonaws.com")), "InvalidInput", 400,
                "Service role name AWSServiceRoleForECS has been taken in this account, please try a different suffix.");
        assertThat(iam.createServiceLinkedRole(r -> r.awsServiceName("autoscaling.amazonaws.com").customSuffix("web"))
                .role().roleName()).isEqualTo("AWSServiceRoleForAutoScaling_web");
        fails(() -> iam.deleteRole(r -> r.roleName("AWSServiceRoleForECS")), "UnmodifiableEntity", 400,
                "Cannot perform the operation on the protected role 'AWSServiceRoleForECS'");
        fails(() -> iam.putRolePolicy(r -> r.roleName("AWSServiceRoleForECS").policyName("x").policyDocument(LOGS)),
                "UnmodifiableEntity", 400, "protected role");
        String task = iam.deleteServiceLinkedRole(r -> r.roleName("AWSServiceRoleForECS")).deletionTaskId();
        assertThat(task).startsWith("task/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS/");
        assertThat(iam.getServiceLinkedRoleDeletionStatus(r -> r.deletionTaskId(task)).statusAsString())
                .isEqualTo("SUCCEEDED");
        fails(() -> iam.getRole(r -> r.roleName("AWSServiceRoleForECS")), "NoSuchEntity", 404, "cannot be found");
    }

    @Test
    void permissionsBoundariesAreRecordedOnTheirPolicy() {
        String arn = iam.createPolicy(p -> p.policyName("boundary").policyDocument(LOGS)).policy().arn();
        iam.createRole(r -> r.roleName("bounded").assumeRolePolicyDocument(TRUST).permissionsBoundary(arn));
        assertThat(iam.getRole(r -> r.roleName("bounded")).role().permissionsBoundary().permissionsBoundaryArn())
                .isEqualTo(arn);
        assertThat(iam.getPolicy(r -> r.policyArn(arn)).policy().permissionsBoundaryUsageCount()).isEqualTo(1);
        fails(() -> iam.deletePolicy(r -> r.policyArn(arn)), "DeleteConflict", 409, "Cannot delete a policy attached to entities.");
        iam.deleteRolePermissionsBoundary(r -> r.roleName("bounded"));
        assertThat(iam.getPolicy(r -> r.policyArn(arn)).policy().permissionsBoundaryUsageCount()).isZero();
        fails(() -> iam.putRolePermissionsBoundary(r -> r.roleName("bounded")
                        .permissionsBoundary("arn:aws:iam::444400004444:policy/none")), "NoSuchEntity", 404,
                "Scope ARN: arn:aws:iam::444400004444:policy/none does not exist or is not attachable.");
        iam.deletePolicy(r -> r.policyArn(arn));
    }
}
