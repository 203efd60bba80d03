package io.slipway.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.Role;

import java.util.Map;
import java.util.stream.Collectors;

import static io.slipway.it.IamErrorAssert.fails;
import static io.slipway.it.IamRolesIT.decoded;
import static org.assertj.core.api.Assertions.assertThat;

/** Stacks whose IAM resources are made, changed (in place or by replacement) and deleted in Slipway's IAM. */
class IamStacksIT {
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();
    private static final String ACCOUNT = "131313131313";
    private final CloudFormationClient cfn = slipway.cloudFormation(ACCOUNT, "eu-west-1");
    private final IamClient iam = slipway.iam(ACCOUNT);

    static final String TEMPLATE = """
            Parameters:
              RolePath: {Type: String, Default: /apps/}
              SessionSeconds: {Type: Number, Default: 3600}
            Resources:
              DeployPolicy:
                Type: AWS::IAM::ManagedPolicy
                Properties:
                  Description: what the app may deploy
                  PolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - {Effect: Allow, Action: ["codedeploy:CreateDeployment"], Resource: "*"}
              AppRole:
                Type: AWS::IAM::Role
                Properties:
                  Path: !Ref RolePath
                  MaxSessionDuration: !Ref SessionSeconds
                  AssumeRolePolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - {Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}
                  ManagedPolicyArns:
                    - !Ref DeployPolicy
                    - arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess
                  Policies:
                    - PolicyName: logs
                      PolicyDocument:
                        Version: "2012-10-17"
                        Statement:
                          - {Effect: Allow, Action: ["logs:PutLogEvents"], Resource: "*"}
              Profile:
                Type: AWS::IAM::InstanceProfile
                Properties:
                  Roles: [!Ref AppRole]
              Deployer:
                Type: AWS::IAM::User
                Properties:
                  Tags: [{Key: team, Value: release}]
              DeployerKey:
                Type: AWS::IAM::AccessKey
                Properties:
                  UserName: !Ref Deployer
            Outputs:
              RoleName: {Value: !Ref AppRole}
              RoleArn: {Value: !GetAtt AppRole.Arn}
              RoleId: {Value: !GetAtt AppRole.RoleId}
              PolicyArn: {Value: !Ref DeployPolicy}
              PolicyId: {Value: !GetAtt DeployPolicy.PolicyId}
              ProfileArn: {Value: !GetAtt Profile.Arn}
              UserArn: {Value: !GetAtt Deployer.Arn}
              KeyId: {Value: !Ref DeployerKey}
              Secret: {Value: !GetAtt DeployerKey.SecretAccessKey}
            """;

    private static Parameter parameter(String key, String value) {
        return Parameter.builder().parameterKey(key).parameterValue(value).build();
    }

    private Map<String, String> outputs(String stack) {
        return outputs(cfn, stack);
    }

    private static Map<String, String> outputs(CloudFormationClient cfn, String stack) {
        return stack(cfn, stack).outputs().stream().collect(Collectors.toMap(Output::outputKey, Output::outputValue));
    }

    private Stack stack(String name) {
        return stack(cfn, name);
    }

    private static Stack stack(CloudFormationClient cfn, String name) {
        slipway.awaitIdle();
        return cfn.describeStacks(r -> r.stackName(name)).stacks().getFirst();
    }

    @Test
    void aStackMakesChangesAndDeletesItsIamResources() {
        cfn.createStack(r -> r.stackName("iam-app").templateBody(TEMPLATE).capabilities(Capability.CAPABILITY_IAM));
        Stack created = stack("iam-app");
        assertThat(created.stackStatus()).as(created.stackStatusReason()).isEqualTo(StackStatus.CREATE_COMPLETE);
        Map<String, String> out = outputs("iam-app");

        String roleName = out.get("RoleName");
        assertThat(roleName).startsWith("iam-app-AppRole-").hasSizeLessThanOrEqualTo(64);
        assertThat(out.get("RoleArn")).isEqualTo("arn:aws:iam::" + ACCOUNT + ":role/apps/" + roleName);
        Role role = iam.getRole(r -> r.roleName(roleName)).role();
        assertThat(role.roleId()).isEqualTo(out.get("RoleId"));
        assertThat(decoded(role.assumeRolePolicyDocument())).contains("ec2.amazonaws.com");
        assertThat(iam.listAttachedRolePolicies(r -> r.roleName(roleName)).attachedPolicies())
                .extracting(AttachedPolicy::policyArn)
                .containsExactlyInAnyOrder(out.get("PolicyArn"), "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");
        assertThat(iam.listRolePolicies(r -> r.roleName(roleName)).policyNames()).containsExactly("logs");
        assertThat(out.get("PolicyArn")).matches("arn:aws:iam::" + ACCOUNT + ":policy/iam-app-DeployPolicy-[A-Z0-9]{13}");
        assertThat(iam.getPolicy(r -> r.policyArn(out.get("PolicyArn"))).policy().policyId()).isEqualTo(out.get("PolicyId"));
        String profileName = out.get("ProfileArn").substring(out.get("ProfileArn").lastIndexOf('/') + 1);
        assertThat(iam.getInstanceProfile(r -> r.instanceProfileName(profileName)).instanceProfile().roles())
                .extracting(Role::roleName).containsExactly(roleName);

        // the access key the stack made acts in the stack's account
        CodeDeployClient asDeployer = slipway.codeDeploy(out.get("KeyId"), "eu-west-1");
        asDeployer.createApplication(r -> r.applicationName("stack-made-key"));
        assertThat(slipway.codeDeploy(ACCOUNT, "eu-west-1").listApplications(r -> { }).applications())
                .containsExactly("stack-made-key");
        assertThat(out.get("Secret")).hasSize(40);

        // a new session duration changes the role in place
        cfn.updateStack(r -> r.stackName("iam-app").templateBody(TEMPLATE).capabilities(Capability.CAPABILITY_IAM)
                .parameters(parameter("SessionSeconds", "7200")));
        assertThat(stack("iam-app").stackStatus()).isEqualTo(StackStatus.UPDATE_COMPLETE);
        assertThat(outputs("iam-app").get("RoleId")).isEqualTo(out.get("RoleId"));
        assertThat(iam.getRole(r -> r.roleName(roleName)).role().maxSessionDuration()).isEqualTo(7200);

        // a new path replaces it: a new role under a new name, the profile moved to it, the old one gone
        cfn.updateStack(r -> r.stackName("iam-app").templateBody(TEMPLATE).capabilities(Capability.CAPABILITY_IAM)
                .parameters(parameter("RolePath", "/moved/"), parameter("SessionSeconds", "7200")));
        Stack replaced = stack("iam-app");
        assertThat(replaced.stackStatus()).as(replaced.stackStatusReason()).isEqualTo(StackStatus.UPDATE_COMPLETE);
        Map<String, String> after = outputs("iam-app");
        assertThat(after.get("RoleId")).isNotEqualTo(out.get("RoleId"));
        assertThat(after.get("RoleArn")).contains(":role/moved/");
        fails(() -> iam.getRole(r -> r.roleName(roleName)), "NoSuchEntity", 404, "cannot be found");
        assertThat(iam.getInstanceProfile(r -> r.instanceProfileName(profileName)).instanceProfile().roles())
                .extracting(Role::roleName).containsExactly(after.get("RoleName"));
        assertThat(iam.listAttachedRolePolicies(r -> r.roleName(after.get("RoleName"))).attachedPolicies()).hasSize(2);

        cfn.deleteStack(r -> r.stackName("iam-app"));
        slipway.awaitIdle();
        assertThat(iam.listRoles(r -> { }).roles()).isEmpty();
        assertThat(iam.listUsers(r -> { }).users()).isEmpty();
        assertThat(iam.listInstanceProfiles(r -> { }).instanceProfiles()).isEmpty();
        fails(() -> iam.getPolicy(r -> r.policyArn(out.get("PolicyArn"))), "NoSuchEntity", 404, "was not found");
        assertThat(slipway.codeDeploy(out.get("KeyId"), "eu-west-1").listApplications(r -> { }).applications()).isEmpty();
    }

    static final String TEAM = """
            Parameters:
              Effect: {Type: String, Default: Allow}
              KeyStatus: {Type: String, Default: Active}
            Resources:
              Team:
                Type: AWS::IAM::Group
                Properties:
                  GroupName: !Sub "${AWS::StackName}-team"
                  ManagedPolicyArns: [arn:aws:iam::aws:policy/ReadOnlyAccess]
              Alice:
                Type: AWS::IAM::User
                Properties:
                  UserName: !Sub "${AWS::StackName}-alice"
              Bob:
                Type: AWS::IAM::User
              Membership:
                Type: AWS::IAM::UserToGroupAddition
                Properties:
                  GroupName: !Ref Team
                  Users: [!Ref Alice, !Ref Bob]
              Worker:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument: '{"Statement":{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}}'
              Shared:
                Type: AWS::IAM::Policy
                Properties:
                  PolicyName: shared
                  PolicyDocument:
                    Statement: [{Effect: !Ref Effect, Action: "sqs:SendMessage", Resource: "*"}]
                  Roles: [!Ref Worker]
                  Users: [!Ref Alice]
                  Groups: [!Ref Team]
              Extra:
                Type: AWS::IAM::RolePolicy
                Properties:
                  RoleName: !Ref Worker
                  PolicyName: extra
                  PolicyDocument: {Statement: [{Effect: Allow, Action: "sns:Publish", Resource: "*"}]}
              Audit:
                Type: AWS::IAM::ManagedPolicy
                Properties:
                  ManagedPolicyName: !Sub "${AWS::StackName}-audit"
                  PolicyDocument: {Version: "2012-10-17", Statement: [{Effect: !Ref Effect, Action: "s3:GetObject", Resource: "*"}]}
                  Users: [!Ref Bob]
              BobKey:
                Type: AWS::IAM::AccessKey
                Properties:
                  UserName: !Ref Bob
                  Status: !Ref KeyStatus
            Outputs:
              PolicyId: {Value: !Ref Shared}
              KeyId: {Value: !Ref BobKey}
              Audit: {Value: !Ref Audit}
              BobName: {Value: !Ref Bob}
            """;

    @Test
    void policiesGroupsMembershipsAndKeysFollowTheTemplate() {
        CloudFormationClient cfn = slipway.cloudFormation("141414141414", "us-east-1");
        IamClient iam = slipway.iam("141414141414");
        cfn.createStack(r -> r.stackName("team").templateBody(TEAM).capabilities(Capability.CAPABILITY_NAMED_IAM));
        Stack created = stack(cfn, "team");
        assertThat(created.stackStatus()).as(created.stackStatusReason()).isEqualTo(StackStatus.CREATE_COMPLETE);
        Map<String, String> out = outputs(cfn, "team");
        String bob = out.get("BobName");
        assertThat(out.get("PolicyId")).startsWith("team-Shared-");
        assertThat(iam.getGroup(r -> r.groupName("team-team")).users()).extracting(u -> u.userName())
                .containsExactlyInAnyOrder("team-alice", bob);
        assertThat(iam.listGroupPolicies(r -> r.groupName("team-team")).policyNames()).containsExactly("shared");
        assertThat(iam.listUserPolicies(r -> r.userName("team-alice")).policyNames()).containsExactly("shared");
        String worker = iam.listRoles(r -> { }).roles().getFirst().roleName();
        assertThat(iam.listRolePolicies(r -> r.roleName(worker)).policyNames()).containsExactly("extra", "shared");
        assertThat(iam.listAttachedUserPolicies(r -> r.userName(bob)).attachedPolicies()).extracting(AttachedPolicy::policyArn)
                .containsExactly(out.get("Audit"));

        cfn.updateStack(r -> r.stackName("team").templateBody(TEAM).capabilities(Capability.CAPABILITY_NAMED_IAM)
                .parameters(parameter("Effect", "Deny"), parameter("KeyStatus", "Inactive")));
        Stack updated = stack(cfn, "team");
        assertThat(updated.stackStatus()).as(updated.stackStatusReason()).isEqualTo(StackStatus.UPDATE_COMPLETE);
        assertThat(decoded(iam.getUserPolicy(r -> r.userName("team-alice").policyName("shared")).policyDocument()))
                .contains("Deny");
        var audit = iam.getPolicy(r -> r.policyArn(out.get("Audit"))).policy();
        assertThat(audit.defaultVersionId()).isEqualTo("v2");
        assertThat(iam.listPolicyVersions(r -> r.policyArn(out.get("Audit"))).versions()).hasSize(1);
        assertThat(iam.listAccessKeys(r -> r.userName(bob)).accessKeyMetadata()).singleElement()
                .satisfies(k -> assertThat(k.statusAsString()).isEqualTo("Inactive"));

        cfn.deleteStack(r -> r.stackName("team"));
        slipway.awaitIdle();
        assertThat(iam.listUsers(r -> { }).users()).isEmpty();
        assertThat(iam.listGroups(r -> { }).groups()).isEmpty();
        assertThat(iam.listRoles(r -> { }).roles()).isEmpty();
        assertThat(iam.listPolicies(r -> r.scope("Local")).policies()).isEmpty();
    }

    @Test
    void iamResourcesNeedTheCapability() {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> cfn.createStack(r -> r.stackName("no-caps")
                .templateBody(TEMPLATE)))).hasMessageContaining("CAPABILITY_IAM");
    }
}
