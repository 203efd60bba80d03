package io.slipway.it;

import io.slipway.it.fuzz.ForeignAccess;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.BundleType;
import software.amazon.awssdk.services.codedeploy.model.ComputePlatform;
import software.amazon.awssdk.services.codedeploy.model.MinimumHealthyHostsType;
import software.amazon.awssdk.services.codedeploy.model.RevisionLocation;
import software.amazon.awssdk.services.codedeploy.model.RevisionLocationType;
import software.amazon.awssdk.services.codedeploy.model.TagFilterType;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.ActionCategory;
import software.amazon.awssdk.services.codepipeline.model.ActionConfigurationProperty;
import software.amazon.awssdk.services.codepipeline.model.ActionOwner;
import software.amazon.awssdk.services.codepipeline.model.ActionTypeId;
import software.amazon.awssdk.services.codepipeline.model.InputArtifact;
import software.amazon.awssdk.services.codepipeline.model.Job;
import software.amazon.awssdk.services.codepipeline.model.OutputArtifact;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.ResourceTypeForTagging;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accounts are walls, for every resource kind of every served service: account A makes one of
 * each (application, deployment group, config, on-premises instance, revision, deployment, custom
 * action type, pipeline, execution, job, stack, change set, function, version, alias, bucket,
 * object, multipart upload, IAM user, access key, role, policy, group, instance profile), each
 * holding a secret. Account B then makes every operation of every service, model-driven, with A's
 * names, ids and ARNs wherever a member takes them. None of B's answers may contain a secret, and
 * A's view of its resources must be exactly what it was.
 */
class CrossAccountIT {
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();
    static final String A = "111111111111";
    static final String B = "222222222222";
    static final String BUCKET = "iso-bucket-" + A;
    static final List<String> SECRETS = new ArrayList<>();
    static final Map<String, List<Object>> POOL = new LinkedHashMap<>();

    static String secret(String kind) {
        String s = "s3cr3t-" + kind;
        SECRETS.add(s);
        return s;
    }

    static void pool(String member, Object... values) {
        POOL.computeIfAbsent(member, k -> new ArrayList<>()).addAll(List.of(values));
    }

    @BeforeAll
    static void accountAMakesOneOfEach() {
        SECRETS.clear(); // the class runs again in verification mode, on a server of its own
        POOL.clear();
        slipway.createRoles(A, "cd", "cp", "lambda");
        s3();
        codeDeploy();
        codePipeline();
        cloudFormation();
        lambda();
        iam();
        ssm();
        slipway.awaitIdle();
    }

    private static void s3() {
        S3Client s3 = slipway.s3(A);
        s3.createBucket(r -> r.bucket(BUCKET));
        s3.putBucketVersioning(r -> r.bucket(BUCKET).versioningConfiguration(v -> v.status("Enabled")));
        s3.putObject(r -> r.bucket(BUCKET).key("app.zip").metadata(Map.of("owner", secret("object-metadata"))),
                RequestBody.fromBytes(Zips.of(Map.of("appspec.yml", "version: 0.0\n# " + secret("object-body") + "\n"))));
        s3.putObject(r -> r.bucket(BUCKET).key("notes.txt"), RequestBody.fromString(secret("object-text")));
        String upload = s3.createMultipartUpload(r -> r.bucket(BUCKET).key("big")).uploadId();
        s3.uploadPart(r -> r.bucket(BUCKET).key("big").uploadId(upload).partNumber(1), RequestBody.fromString(secret("part")));
        pool("Bucket", BUCKET);
        pool("Key", "app.zip", "notes.txt", "big");
        pool("UploadId", upload);
        pool("CopySource", BUCKET + "/app.zip");
        pool("S3Bucket", BUCKET);
        pool("S3Key", "app.zip");
        pool("bucket", BUCKET);
        pool("key", "app.zip");
    }

    private static void codeDeploy() {
        CodeDeployClient cd = slipway.codeDeploy(A, "us-east-1");
        SECRETS.add(cd.createApplication(r -> r.applicationName("iso-app").computePlatform(ComputePlatform.SERVER)
                .tags(t -> t.key("owner").value(secret("application")))).applicationId());
        SECRETS.add(cd.createDeploymentConfig(r -> r.deploymentConfigName("iso-config")
                .minimumHealthyHosts(h -> h.type(MinimumHealthyHostsType.HOST_COUNT).value(0))).deploymentConfigId());
        cd.registerOnPremisesInstance(r -> r.instanceName("iso-host").iamUserArn("arn:aws:iam::" + A + ":user/iso-host"));
        cd.addTagsToOnPremisesInstances(r -> r.instanceNames("iso-host").tags(t -> t.key("Role").value(secret("instance"))));
        SECRETS.add(cd.createDeploymentGroup(r -> r.applicationName("iso-app").deploymentGroupName("iso-group")
                .deploymentConfigName("iso-config").serviceRoleArn("arn:aws:iam::" + A + ":role/cd")
                .onPremisesInstanceTagFilters(f -> f.key("Role").value("s3cr3t-instance").type(TagFilterType.KEY_AND_VALUE))
                .tags(t -> t.key("owner").value(secret("group")))).deploymentGroupId());
        RevisionLocation revision = RevisionLocation.builder().revisionType(RevisionLocationType.S3)
                .s3Location(s -> s.bucket(BUCKET).key("app.zip").bundleType(BundleType.ZIP)).build();
        cd.registerApplicationRevision(r -> r.applicationName("iso-app").revision(revision).description(secret("revision")));
        String deployment = cd.createDeployment(r -> r.applicationName("iso-app").deploymentGroupName("iso-group")
                .revision(revision).description(secret("deployment"))).deploymentId();
        String arn = "arn:aws:codedeploy:us-east-1:" + A + ":";
        pool("applicationName", "iso-app");
        pool("applicationNames", "iso-app");
        pool("deploymentGroupName", "iso-group");
        pool("deploymentGroupNames", "iso-group");
        pool("deploymentConfigName", "iso-config");
        pool("deploymentId", deployment);
        pool("deploymentIds", deployment);
        pool("instanceName", "iso-host");
        pool("instanceNames", "iso-host");
        pool("instanceId", "iso-host", arn + "instance/iso-host");
        pool("targetId", "iso-host");
        pool("targetIds", "iso-host");
        pool("revision", revisionDocument());
        pool("revisions", revisionDocument());
        pool("HostIdentifier", "arn:aws:iam::" + A + ":user/iso-host");
        pool("resourceArn", arn + "application:iso-app", arn + "deploymentgroup:iso-app/iso-group",
                "arn:aws:codepipeline:us-east-1:" + A + ":iso-pipeline",
                "arn:aws:codepipeline:us-east-1:" + A + ":actiontype:Custom/Build/IsoBuild/1");
    }

    private static Map<String, Object> revisionDocument() {
        return Map.of("revisionType", "S3", "s3Location", Map.of("bucket", BUCKET, "key", "app.zip", "bundleType", "zip"));
    }

    private static void codePipeline() {
        CodePipelineClient cp = slipway.codePipeline(A, "us-east-1");
        ActionTypeId build = ActionTypeId.builder().category(ActionCategory.BUILD).owner(ActionOwner.CUSTOM)
                .provider("IsoBuild").version("1").build();
        cp.createCustomActionType(r -> r.category(ActionCategory.BUILD).provider("IsoBuild").version("1")
                .configurationProperties(ActionConfigurationProperty.builder().name("Token").key(true).secret(false)
                        .required(true).build())
                .inputArtifactDetails(d -> d.minimumCount(1).maximumCount(1))
                .outputArtifactDetails(d -> d.minimumCount(0).maximumCount(1))
                .tags(t -> t.key("owner").value(secret("action-type"))));
        slipway.s3(A).createBucket(r -> r.bucket("iso-artifacts-" + A));
        cp.createPipeline(r -> r.pipeline(PipelineFixtures.pipeline("iso-pipeline",
                        PipelineFixtures.stage("Source", PipelineFixtures.s3Source("Fetch", "Src").toBuilder()
                                .configuration(Map.of("S3Bucket", BUCKET, "S3ObjectKey", "app.zip", "PollForSourceChanges", "false"))
                                .build()),
                        PipelineFixtures.stage("Build", software.amazon.awssdk.services.codepipeline.model.ActionDeclaration
                                .builder().name("Compile").actionTypeId(build)
                                .configuration(Map.of("Token", secret("pipeline-configuration")))
                                .inputArtifacts(InputArtifact.builder().name("Src").build())
                                .outputArtifacts(OutputArtifact.builder().name("Out").build()).build()))
                        .toBuilder().roleArn("arn:aws:iam::" + A + ":role/cp")
                        .artifactStore(s -> s.type("S3").location("iso-artifacts-" + A)).build())
                .tags(t -> t.key("owner").value(secret("pipeline"))));
        slipway.awaitIdle();
        Job job = waitFor(() -> cp.pollForJobs(r -> r.actionTypeId(build).maxBatchSize(1)).jobs().stream().findFirst()
                .orElse(null));
        cp.acknowledgeJob(r -> r.jobId(job.id()).nonce(job.nonce()));
        String execution = cp.listPipelineExecutions(r -> r.pipelineName("iso-pipeline")).pipelineExecutionSummaries()
                .getFirst().pipelineExecutionId();
        pool("pipelineName", "iso-pipeline");
        pool("name", "iso-pipeline");
        pool("pipelineExecutionId", execution);
        pool("stageName", "Build");
        pool("actionName", "Compile");
        pool("jobId", job.id());
        pool("nonce", job.nonce());
        pool("actionTypeId", Map.of("category", "Build", "owner", "Custom", "provider", "IsoBuild", "version", "1"));
        pool("provider", "IsoBuild");
    }

    private static void cloudFormation() {
        CloudFormationClient cf = slipway.cloudFormation(A, "us-east-1");
        String template = """
                {"Description": "%s",
                 "Resources": {"Handle": {"Type": "AWS::CloudFormation::WaitConditionHandle"}},
                 "Outputs": {"Out": {"Value": "%s", "Export": {"Name": "iso-export"}}}}""".formatted(
                secret("stack-description"), secret("stack-output"));
        String stackId = cf.createStack(r -> r.stackName("iso-stack").templateBody(template)
                .tags(t -> t.key("owner").value(secret("stack")))).stackId();
        waitFor(() -> cf.describeStacks(r -> r.stackName("iso-stack")).stacks().getFirst().stackStatus()
                == StackStatus.CREATE_COMPLETE ? Boolean.TRUE : null);
        String changeSetId = cf.createChangeSet(r -> r.stackName("iso-stack").changeSetName("iso-changes")
                .changeSetType(ChangeSetType.UPDATE).description(secret("change-set"))
                .templateBody(template.replace("\"Handle\"", "\"Other\""))).id();
        slipway.awaitIdle();
        pool("StackName", "iso-stack", stackId);
        pool("ChangeSetName", "iso-changes", changeSetId);
        pool("ExportName", "iso-export");
        pool("LogicalResourceId", "Handle");
    }

    private static void lambda() {
        LambdaClient lambda = slipway.lambda(A, "us-east-1");
        String arn = lambda.createFunction(r -> r.functionName("iso-fn").runtime(Runtime.PROVIDED_AL2023).handler("h")
                .role("arn:aws:iam::" + A + ":role/lambda").description(secret("function"))
                .environment(e -> e.variables(Map.of("TOKEN", secret("function-environment"))))
                .code(c -> c.zipFile(SdkBytes.fromByteArray(Zips.of(Map.of("bootstrap", "#!/bin/sh\nexit 0\n")))))).functionArn();
        lambda.publishVersion(r -> r.functionName("iso-fn"));
        lambda.createAlias(r -> r.functionName("iso-fn").name("live").functionVersion("1").description(secret("alias")));
        pool("FunctionName", "iso-fn", arn, arn + ":live", arn + ":1", A + ":function:iso-fn");
        pool("Qualifier", "live", "1");
        pool("Name", "live");
        pool("Resource", arn);
        pool("Arn", arn);
    }

    private static void iam() {
        IamClient iam = slipway.iam(A);
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
                + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}}";
        String document = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::" + secret("iam-policy-document") + "\"}}";
        iam.createUser(r -> r.userName("iso-user").tags(t -> t.key("owner").value(secret("iam-user"))));
        SECRETS.add(iam.createAccessKey(r -> r.userName("iso-user")).accessKey().secretAccessKey());
        String key = iam.listAccessKeys(r -> r.userName("iso-user")).accessKeyMetadata().getFirst().accessKeyId();
        iam.createRole(r -> r.roleName("iso-role").assumeRolePolicyDocument(trust).description(secret("iam-role")));
        iam.putRolePolicy(r -> r.roleName("iso-role").policyName("iso-inline").policyDocument(document));
        String policy = iam.createPolicy(r -> r.policyName("iso-policy").policyDocument(document)
                .description(secret("iam-managed-policy"))).policy().arn();
        iam.attachRolePolicy(r -> r.roleName("iso-role").policyArn(policy));
        iam.createGroup(r -> r.groupName("iso-group"));
        iam.addUserToGroup(r -> r.groupName("iso-group").userName("iso-user"));
        iam.createInstanceProfile(r -> r.instanceProfileName("iso-profile"));
        iam.addRoleToInstanceProfile(r -> r.instanceProfileName("iso-profile").roleName("iso-role"));
        pool("UserName", "iso-user");
        pool("RoleName", "iso-role");
        pool("GroupName", "iso-group");
        pool("PolicyName", "iso-inline");
        pool("PolicyArn", policy);
        pool("PermissionsBoundary", policy);
        pool("AccessKeyId", key);
        pool("InstanceProfileName", "iso-profile");
    }

    private static void ssm() {
        SsmClient ssm = slipway.ssm(A);
        ssm.putParameter(r -> r.name("/iso/secret").value(secret("parameter")).type(ParameterType.SECURE_STRING)
                .description(secret("parameter-description")).tags(t -> t.key("owner").value(secret("parameter-tag"))));
        ssm.putParameter(r -> r.name("/iso/secret").value(secret("parameter-v2")).overwrite(true));
        ssm.labelParameterVersion(r -> r.name("/iso/secret").parameterVersion(1L).labels("first"));
        String arn = "arn:aws:ssm:us-east-1:" + A + ":parameter/iso/secret";
        pool("Name", "/iso/secret", arn, "/iso/secret:1", "/iso/secret:first");
        pool("Names", "/iso/secret", arn);
        pool("Path", "/iso", "/");
        pool("ResourceId", "/iso/secret", arn);
    }

    /** A's own view of every resource it made: what B must not have changed. */
    private static String viewOfA() {
        StringBuilder v = new StringBuilder();
        CodeDeployClient cd = slipway.codeDeploy(A, "us-east-1");
        v.append(cd.getApplication(r -> r.applicationName("iso-app")))
                .append(cd.getDeploymentGroup(r -> r.applicationName("iso-app").deploymentGroupName("iso-group")))
                .append(cd.getDeploymentConfig(r -> r.deploymentConfigName("iso-config")))
                .append(cd.getOnPremisesInstance(r -> r.instanceName("iso-host")))
                .append(cd.listApplicationRevisions(r -> r.applicationName("iso-app")))
                .append(cd.listDeployments(r -> r.applicationName("iso-app").deploymentGroupName("iso-group")))
                .append(cd.listTagsForResource(r -> r.resourceArn("arn:aws:codedeploy:us-east-1:" + A + ":application:iso-app")));
        CodePipelineClient cp = slipway.codePipeline(A, "us-east-1");
        v.append(cp.getPipeline(r -> r.name("iso-pipeline")).pipeline())
                .append(cp.listPipelineExecutions(r -> r.pipelineName("iso-pipeline")).pipelineExecutionSummaries().size())
                .append(cp.getJobDetails(r -> r.jobId(POOL.get("jobId").getFirst().toString())).jobDetails().data())
                .append(cp.listActionTypes(r -> r.actionOwnerFilter(ActionOwner.CUSTOM)));
        CloudFormationClient cf = slipway.cloudFormation(A, "us-east-1");
        v.append(cf.describeStacks(r -> r.stackName("iso-stack"))).append(cf.getTemplate(r -> r.stackName("iso-stack")))
                .append(cf.describeChangeSet(r -> r.stackName("iso-stack").changeSetName("iso-changes")).changes())
                .append(cf.listExports(r -> { }));
        LambdaClient lambda = slipway.lambda(A, "us-east-1");
        v.append(lambda.getFunctionConfiguration(r -> r.functionName("iso-fn")))
                .append(lambda.listVersionsByFunction(r -> r.functionName("iso-fn")))
                .append(lambda.getAlias(r -> r.functionName("iso-fn").name("live")));
        IamClient iam = slipway.iam(A);
        v.append(iam.getAccountAuthorizationDetails(r -> { })).append(iam.listAccessKeys(r -> r.userName("iso-user")))
                .append(iam.getInstanceProfile(r -> r.instanceProfileName("iso-profile")))
                .append(iam.listPolicyVersions(r -> r.policyArn(POOL.get("PolicyArn").getFirst().toString())));
        SsmClient ssm = slipway.ssm(A);
        v.append(ssm.getParameterHistory(r -> r.name("/iso/secret").withDecryption(true)).parameters())
                .append(ssm.listTagsForResource(r -> r.resourceType(ResourceTypeForTagging.PARAMETER).resourceId("/iso/secret")));
        S3Client s3 = slipway.s3(A);
        v.append(s3.listObjectVersions(r -> r.bucket(BUCKET))).append(s3.getBucketVersioning(r -> r.bucket(BUCKET)))
                .append(s3.getObjectAsBytes(r -> r.bucket(BUCKET).key("app.zip")).asByteArray().length)
                .append(s3.listMultipartUploads(r -> r.bucket(BUCKET)).uploads());
        return v.toString();
    }

    @Test
    void anotherAccountCanNeitherReadListChangeNorDeleteAnyOfThem() {
        String before = viewOfA();
        assertThat(SECRETS).allSatisfy(s -> assertThat(s).isNotBlank());
        ForeignAccess.Result result = ForeignAccess.probe(URI.create(slipway.endpoint()), B, POOL, SECRETS);
        slipway.awaitIdle();
        System.out.println("cross-account: " + result.requests() + " requests by " + B + " naming " + A + "'s resources");
        String after = viewOfA();
        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(result.problems()).as("what B's requests got").isEmpty();
            soft.assertThat(result.requests()).isGreaterThan(400);
            soft.assertThat(after).as("A's view of its resources").isEqualTo(before);
        });
    }

    private static <T> T waitFor(Supplier<T> check) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        for (T value = check.get(); ; value = check.get()) {
            if (value != null) {
                return value;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not reached within 30 s");
            }
            slipway.awaitIdle();
        }
    }
}
