package io.slipway.codepipeline.actiontype;

import io.slipway.model.codepipeline.ActionCategory;
import io.slipway.model.codepipeline.ActionConfigurationProperty;
import io.slipway.model.codepipeline.ActionOwner;
import io.slipway.model.codepipeline.ActionType;
import io.slipway.model.codepipeline.ActionTypeId;
import io.slipway.model.codepipeline.ActionTypeSettings;
import io.slipway.model.codepipeline.ArtifactDetails;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.slipway.model.codepipeline.ActionCategory.APPROVAL;
import static io.slipway.model.codepipeline.ActionCategory.BUILD;
import static io.slipway.model.codepipeline.ActionCategory.DEPLOY;
import static io.slipway.model.codepipeline.ActionCategory.INVOKE;
import static io.slipway.model.codepipeline.ActionCategory.SOURCE;
import static io.slipway.model.codepipeline.ActionCategory.TEST;

/**
 * The action types AWS owns, as ListActionTypes shows them: configuration properties and artifact
 * counts from AWS's action structure reference and its table of valid input and output artifacts.
 * Properties that identify the resource acted on are keys; none is secret or queryable. Which of
 * them Slipway runs is the engine's business: the catalogue is what pipelines may declare.
 */
public final class BuiltInActionTypes {
    private static final String CONSOLE = "https://console.aws.amazon.com/";
    private static final List<ActionConfigurationProperty> CODEBUILD = List.of(
            key("ProjectName", "The CodeBuild project to run"),
            optional("PrimarySource", "The input artifact whose directory holds the buildspec, with several inputs"),
            optional("BatchEnabled", "Whether the project runs a batch build"),
            optional("CombineArtifacts", "Whether a batch build's artifacts are combined into one"),
            optional("EnvironmentVariables", "A JSON list of environment variables for the build"));
    private static final List<ActionType> ALL = List.of(
            type(SOURCE, "S3", 0, 0, 1, 1, settings(CONSOLE + "s3/home?#", null),
                    key("S3Bucket", "The versioned S3 bucket where source changes are detected"),
                    key("S3ObjectKey", "The object key where source changes are detected"),
                    optional("PollForSourceChanges", "Whether CodePipeline polls the object for changes"),
                    optional("AllowOverrideForS3ObjectKey", "Whether a source revision override may name another key")),
            type(SOURCE, "CodeCommit", 0, 0, 1, 1, null,
                    key("RepositoryName", "The repository where source changes are detected"),
                    key("BranchName", "The branch where source changes are detected"),
                    optional("PollForSourceChanges", "Whether CodePipeline polls the repository for changes"),
                    optional("OutputArtifactFormat", "CODE_ZIP (default) or CODEBUILD_CLONE_REF")),
            type(SOURCE, "ECR", 0, 0, 1, 1, null,
                    key("RepositoryName", "The ECR repository the image was pushed to"),
                    optional("ImageTag", "The image tag (latest when omitted)")),
            type(SOURCE, "CodeStarSourceConnection", 0, 0, 1, 1, null,
                    key("ConnectionArn", "The connection to the source provider"),
                    key("FullRepositoryId", "The owner and name of the repository, such as some-user/my-repo"),
                    key("BranchName", "The branch where source changes are detected"),
                    optional("OutputArtifactFormat", "CODE_ZIP (default) or CODEBUILD_CLONE_REF"),
                    optional("DetectChanges", "Whether new commits start the pipeline (true when omitted)")),
            type(BUILD, "CodeBuild", 1, 5, 0, 5, null, CODEBUILD),
            type(TEST, "CodeBuild", 1, 5, 0, 5, null, CODEBUILD),
            type(DEPLOY, "CodeDeploy", 1, 1, 0, 0,
                    settings(CONSOLE + "codedeploy/home?#/applications/{Config:ApplicationName}/deployment-groups/"
                            + "{Config:DeploymentGroupName}", CONSOLE + "codedeploy/home?#/deployments/{ExternalExecutionId}"),
                    key("ApplicationName", "The CodeDeploy application"),
                    key("DeploymentGroupName", "The deployment group to deploy to")),
            type(DEPLOY, "CloudFormation", 0, 10, 0, 1, null,
                    key("ActionMode", "What to do with the stack or change set, such as CREATE_UPDATE"),
                    key("StackName", "The stack to act on"),
                    optional("Capabilities", "The capabilities the template needs, such as CAPABILITY_IAM"),
                    optional("ChangeSetName", "The change set to create or execute"),
                    optional("RoleArn", "The role CloudFormation assumes to act on the stack"),
                    optional("TemplatePath", "The template, as ArtifactName::TemplateFileName"),
                    optional("OutputFileName", "A file in the output artifact that receives the stack's outputs"),
                    optional("ParameterOverrides", "A JSON object of parameter values"),
                    optional("TemplateConfiguration", "A template configuration file, as ArtifactName::FileName")),
            type(DEPLOY, "S3", 1, 1, 0, 0, null,
                    key("BucketName", "The bucket to deploy to"),
                    key("Extract", "Whether the artifact is unzipped into the bucket"),
                    optional("ObjectKey", "The key of the deployed object (needed when Extract is false)"),
                    optional("KMSEncryptionKeyARN", "The KMS key that encrypts the deployed objects"),
                    optional("CannedACL", "The canned ACL of the deployed objects"),
                    optional("CacheControl", "The Cache-Control header of the deployed objects")),
            type(DEPLOY, "ECS", 1, 1, 0, 0, null,
                    key("ClusterName", "The ECS cluster"),
                    key("ServiceName", "The ECS service to update"),
                    optional("FileName", "The image definitions file (imagedefinitions.json when omitted)"),
                    optional("DeploymentTimeout", "Minutes to wait for the deployment (1 to 60)")),
            type(APPROVAL, "Manual", 0, 0, 0, 0, null,
                    optional("CustomData", "Comments shown to the reviewer"),
                    optional("ExternalEntityLink", "A URL for the reviewer to look at"),
                    optional("NotificationArn", "The SNS topic told that approval is needed")),
            type(INVOKE, "Lambda", 0, 5, 0, 5, null,
                    key("FunctionName", "The Lambda function to invoke"),
                    optional("UserParameters", "A string handed to the function in the job data")),
            type(INVOKE, "StepFunctions", 0, 1, 0, 1, null,
                    key("StateMachineArn", "The state machine to start"),
                    optional("ExecutionNamePrefix", "A prefix for the execution's name"),
                    optional("InputType", "Literal (default) or FilePath"),
                    optional("Input", "The execution's input, or the file holding it")));
    private static final Map<String, ActionType> BY_KEY = index();

    private BuiltInActionTypes() {
    }

    /** Every built-in type, in ListActionTypes order. */
    public static List<ActionType> all() {
        return ALL;
    }

    public static Optional<ActionType> find(ActionTypeId id) {
        return Optional.ofNullable(BY_KEY.get(ActionTypes.key(id)));
    }

    private static Map<String, ActionType> index() {
        Map<String, ActionType> out = new LinkedHashMap<>();
        ALL.forEach(t -> out.put(ActionTypes.key(t.id()), t));
        return out;
    }

    private static ActionType type(ActionCategory category, String provider, int minIn, int maxIn, int minOut, int maxOut,
                                   ActionTypeSettings settings, ActionConfigurationProperty... properties) {
        return type(category, provider, minIn, maxIn, minOut, maxOut, settings, List.of(properties));
    }

    private static ActionType type(ActionCategory category, String provider, int minIn, int maxIn, int minOut, int maxOut,
                                   ActionTypeSettings settings, List<ActionConfigurationProperty> properties) {
        return new ActionType(new ActionTypeId(category, ActionOwner.AWS, provider, "1"), settings, properties,
                new ArtifactDetails(minIn, maxIn), new ArtifactDetails(minOut, maxOut));
    }

    private static ActionTypeSettings settings(String entityUrlTemplate, String executionUrlTemplate) {
        return ActionTypeSettings.builder().entityUrlTemplate(entityUrlTemplate).executionUrlTemplate(executionUrlTemplate)
                .build();
    }

    private static ActionConfigurationProperty key(String name, String description) {
        return new ActionConfigurationProperty(name, true, true, false, false, description, null);
    }

    private static ActionConfigurationProperty optional(String name, String description) {
        return new ActionConfigurationProperty(name, false, false, false, false, description, null);
    }
}
