package io.slipway.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.ActionCategory;
import software.amazon.awssdk.services.codepipeline.model.ActionConfigurationProperty;
import software.amazon.awssdk.services.codepipeline.model.ActionOwner;
import software.amazon.awssdk.services.codepipeline.model.ActionType;
import software.amazon.awssdk.services.codepipeline.model.ActionTypeDeclaration;
import software.amazon.awssdk.services.codepipeline.model.ActionTypeNotFoundException;
import software.amazon.awssdk.services.codepipeline.model.CreateCustomActionTypeRequest;
import software.amazon.awssdk.services.codepipeline.model.InvalidNextTokenException;
import software.amazon.awssdk.services.codepipeline.model.LimitExceededException;
import software.amazon.awssdk.services.codepipeline.model.ListActionTypesResponse;
import software.amazon.awssdk.services.codepipeline.model.Tag;
import software.amazon.awssdk.services.codepipeline.model.ValidationException;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import static io.slipway.it.PipelineFixtures.rejects;
import static org.assertj.core.api.Assertions.assertThat;

/** The built-in catalogue and custom action types through the SDK. */
class ActionTypesIT {
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();
    private final CodePipelineClient cp = slipway.codePipeline();

    static ActionConfigurationProperty property(String name, boolean required, boolean secret, boolean queryable) {
        return ActionConfigurationProperty.builder().name(name).required(required).key(required).secret(secret)
                .queryable(queryable).build();
    }

    /** A Build type taking one or two inputs, with a queryable project and a secret token. */
    static Consumer<CreateCustomActionTypeRequest.Builder> jenkins(String provider, String version) {
        return r -> r.category(ActionCategory.BUILD).provider(provider).version(version)
                .settings(s -> s.entityUrlTemplate("https://ci.example.com/job/{Config:Project}")
                        .executionUrlTemplate("https://ci.example.com/job/{Config:Project}/{ExternalExecutionId}"))
                .configurationProperties(property("Project", true, false, true), property("Token", false, true, false))
                .inputArtifactDetails(d -> d.minimumCount(1).maximumCount(2))
                .outputArtifactDetails(d -> d.minimumCount(0).maximumCount(1));
    }

    private static ActionType find(List<ActionType> types, ActionCategory category, String provider) {
        return types.stream().filter(t -> t.id().category() == category && t.id().provider().equals(provider)).findFirst()
                .orElseThrow();
    }

    private static void counts(ActionType t, int minIn, int maxIn, int minOut, int maxOut) {
        assertThat(List.of(t.inputArtifactDetails().minimumCount(), t.inputArtifactDetails().maximumCount(),
                t.outputArtifactDetails().minimumCount(), t.outputArtifactDetails().maximumCount()))
                .as(t.id().toString()).containsExactly(minIn, maxIn, minOut, maxOut);
    }

    private static void required(ActionType t, String... names) {
        assertThat(t.actionConfigurationProperties()).filteredOn(ActionConfigurationProperty::required)
                .extracting(ActionConfigurationProperty::name).as(t.id().toString()).containsExactly(names);
    }

    @Test
    void theCatalogueHoldsAwsActionTypes() {
        List<ActionType> aws = cp.listActionTypes(r -> r.actionOwnerFilter(ActionOwner.AWS)).actionTypes();
        assertThat(aws).allSatisfy(t -> {
            assertThat(t.id().owner()).isEqualTo(ActionOwner.AWS);
            assertThat(t.id().version()).isEqualTo("1");
        });
        ActionType s3 = find(aws, ActionCategory.SOURCE, "S3");
        counts(s3, 0, 0, 1, 1);
        required(s3, "S3Bucket", "S3ObjectKey");
        assertThat(s3.actionConfigurationProperties()).extracting(ActionConfigurationProperty::name).contains("PollForSourceChanges");
        ActionType deploy = find(aws, ActionCategory.DEPLOY, "CodeDeploy");
        counts(deploy, 1, 1, 0, 0);
        required(deploy, "ApplicationName", "DeploymentGroupName");
        assertThat(deploy.settings().entityUrlTemplate()).contains("{Config:ApplicationName}");
        ActionType approval = find(aws, ActionCategory.APPROVAL, "Manual");
        counts(approval, 0, 0, 0, 0);
        required(approval);
        assertThat(approval.actionConfigurationProperties()).extracting(ActionConfigurationProperty::name)
                .containsExactly("CustomData", "ExternalEntityLink", "NotificationArn");
        ActionType lambda = find(aws, ActionCategory.INVOKE, "Lambda");
        counts(lambda, 0, 5, 0, 5);
        required(lambda, "FunctionName");
        counts(find(aws, ActionCategory.INVOKE, "StepFunctions"), 0, 1, 0, 1);
        required(find(aws, ActionCategory.INVOKE, "StepFunctions"), "StateMachineArn");
        counts(find(aws, ActionCategory.BUILD, "CodeBuild"), 1, 5, 0, 5);
        counts(find(aws, ActionCategory.TEST, "CodeBuild"), 1, 5, 0, 5);
        required(find(aws, ActionCategory.BUILD, "CodeBuild"), "ProjectName");
        counts(find(aws, ActionCategory.DEPLOY, "CloudFormation"), 0, 10, 0, 1);
        required(find(aws, ActionCategory.DEPLOY, "CloudFormation"), "ActionMode", "StackName");
        counts(find(aws, ActionCategory.DEPLOY, "S3"), 1, 1, 0, 0);
        required(find(aws, ActionCategory.DEPLOY, "S3"), "BucketName", "Extract");
        counts(find(aws, ActionCategory.DEPLOY, "ECS"), 1, 1, 0, 0);
        required(find(aws, ActionCategory.DEPLOY, "ECS"), "ClusterName", "ServiceName");
        required(find(aws, ActionCategory.SOURCE, "CodeCommit"), "RepositoryName", "BranchName");
        required(find(aws, ActionCategory.SOURCE, "ECR"), "RepositoryName");
        required(find(aws, ActionCategory.SOURCE, "CodeStarSourceConnection"), "ConnectionArn", "FullRepositoryId", "BranchName");
        assertThat(aws).flatExtracting(ActionType::actionConfigurationProperties)
                .allSatisfy(p -> assertThat(p.secret() || p.queryable()).isFalse());
        assertThat(cp.listActionTypes(r -> r.actionOwnerFilter(ActionOwner.THIRD_PARTY)).actionTypes()).isEmpty();

        ActionTypeDeclaration declared = cp.getActionType(r -> r.category(ActionCategory.DEPLOY).owner("AWS")
                .provider("CodeDeploy").version("1")).actionType();
        assertThat(declared.id().owner()).isEqualTo("AWS");
        assertThat(declared.inputArtifactDetails().minimumCount()).isEqualTo(1);
        assertThat(declared.properties()).extracting(p -> p.name() + ":" + p.optional() + ":" + p.noEcho())
                .containsExactly("ApplicationName:false:false", "DeploymentGroupName:false:false");
        assertThat(declared.urls().entityUrlTemplate()).contains("{Config:DeploymentGroupName}");
        rejects(ActionTypeNotFoundException.class, "ActionType (Category: 'Deploy', Provider: 'Nothing', Owner: 'AWS', Version: '1')",
                () -> cp.getActionType(r -> r.category(ActionCategory.DEPLOY).owner("AWS").provider("Nothing").version("1")));
        rejects(ActionTypeNotFoundException.class, "GitHub",
                () -> cp.getActionType(r -> r.category(ActionCategory.SOURCE).owner("ThirdParty").provider("GitHub").version("1")));
        // the owner of GetActionType is AWS or ThirdParty, by the model's pattern
        rejects(ValidationException.class, "owner",
                () -> cp.getActionType(r -> r.category(ActionCategory.BUILD).owner("Custom").provider("Jenkins").version("1")));
    }

    @Test
    void aCustomTypeIsOwnedByCustomAndListedWithItsTags() {
        var created = cp.createCustomActionType(jenkins("Listed", "1")
                .andThen(r -> r.tags(Tag.builder().key("team").value("ci").build())));
        assertThat(created.actionType().id().owner()).isEqualTo(ActionOwner.CUSTOM);
        assertThat(created.actionType().actionConfigurationProperties()).extracting(ActionConfigurationProperty::name)
                .containsExactly("Project", "Token");
        assertThat(created.tags()).containsExactly(Tag.builder().key("team").value("ci").build());

        List<ActionType> custom = cp.listActionTypes(r -> r.actionOwnerFilter(ActionOwner.CUSTOM)).actionTypes();
        assertThat(custom).extracting(t -> t.id().provider()).contains("Listed");
        assertThat(custom).allSatisfy(t -> assertThat(t.id().owner()).isEqualTo(ActionOwner.CUSTOM));
        ActionType listed = find(custom, ActionCategory.BUILD, "Listed");
        counts(listed, 1, 2, 0, 1);
        assertThat(listed.settings().entityUrlTemplate()).isEqualTo("https://ci.example.com/job/{Config:Project}");
        List<ActionType> all = cp.listActionTypes(r -> { }).actionTypes();
        assertThat(all).extracting(t -> t.id().owner()).contains(ActionOwner.AWS, ActionOwner.CUSTOM);
        assertThat(all.getFirst().id().owner()).isEqualTo(ActionOwner.AWS);

        // creating it again with the same definition answers it again; another definition is refused
        assertThat(cp.createCustomActionType(jenkins("Listed", "1")).actionType()).isEqualTo(created.actionType());
        rejects(ValidationException.class, "already exists with another definition", () -> cp.createCustomActionType(jenkins("Listed", "1")
                .andThen(r -> r.inputArtifactDetails(d -> d.minimumCount(0).maximumCount(5)))));
    }

    @Test
    void customTypeRules() {
        rejects(ValidationException.class, "at most one queryable", () -> cp.createCustomActionType(jenkins("Two", "1")
                .andThen(r -> r.configurationProperties(property("A", true, false, true), property("B", true, false, true)))));
        rejects(ValidationException.class, "must be required and must not be secret", () -> cp.createCustomActionType(jenkins("Optional", "1")
                .andThen(r -> r.configurationProperties(property("Project", false, false, true)))));
        rejects(ValidationException.class, "must be required and must not be secret", () -> cp.createCustomActionType(jenkins("Secret", "1")
                .andThen(r -> r.configurationProperties(property("Project", true, true, true)))));
        rejects(ValidationException.class, "Project is declared twice", () -> cp.createCustomActionType(jenkins("Twice", "1")
                .andThen(r -> r.configurationProperties(property("Project", true, false, false), property("Project", false, false, false)))));
        rejects(ValidationException.class, "configurationProperties", () -> cp.createCustomActionType(jenkins("Eleven", "1")
                .andThen(r -> r.configurationProperties(IntStream.range(0, 11).mapToObj(i -> property("P" + i, false, false, false)).toList()))));
        rejects(ValidationException.class, "maximumCount", () -> cp.createCustomActionType(jenkins("Six", "1")
                .andThen(r -> r.inputArtifactDetails(d -> d.minimumCount(0).maximumCount(6)))));
        rejects(ValidationException.class, "greater than the maximum", () -> cp.createCustomActionType(jenkins("MinMax", "1")
                .andThen(r -> r.outputArtifactDetails(d -> d.minimumCount(3).maximumCount(1)))));
        rejects(ValidationException.class, "{Config:Token}", () -> cp.createCustomActionType(jenkins("Url", "1")
                .andThen(r -> r.settings(s -> s.entityUrlTemplate("https://ci.example.com/{Config:Token}")))));
        rejects(ValidationException.class, "provider", () -> cp.createCustomActionType(jenkins("bad provider", "1")));
        rejects(ValidationException.class, "version", () -> cp.createCustomActionType(jenkins("Long", "1234567890")));
        assertThat(cp.listActionTypes(r -> r.actionOwnerFilter(ActionOwner.CUSTOM)).actionTypes())
                .extracting(t -> t.id().provider()).doesNotContain("Two", "Optional", "Secret", "Twice", "Eleven", "Six");
    }

    @Test
    void aDeletedVersionComesBackOnlyAsItWas() {
        cp.createCustomActionType(jenkins("Gone", "1"));
        cp.deleteCustomActionType(r -> r.category(ActionCategory.BUILD).provider("Gone").version("1"));
        assertThat(cp.listActionTypes(r -> r.actionOwnerFilter(ActionOwner.CUSTOM)).actionTypes())
                .extracting(t -> t.id().provider()).doesNotContain("Gone");
        cp.deleteCustomActionType(r -> r.category(ActionCategory.BUILD).provider("Gone").version("1"));
        cp.deleteCustomActionType(r -> r.category(ActionCategory.BUILD).provider("Never").version("1"));

        rejects(ValidationException.class, "was deleted", () -> cp.createCustomActionType(jenkins("Gone", "1")
                .andThen(r -> r.outputArtifactDetails(d -> d.minimumCount(0).maximumCount(5)))));
        cp.createCustomActionType(jenkins("Gone", "2"));
        // the identical definition restores the deleted one
        cp.createCustomActionType(jenkins("Gone", "1"));
        assertThat(cp.listActionTypes(r -> r.actionOwnerFilter(ActionOwner.CUSTOM)).actionTypes())
                .filteredOn(t -> t.id().provider().equals("Gone")).extracting(t -> t.id().version()).containsExactly("1", "2");
    }

    @Test
    void fiftyCustomTypesARegionListedInPages() {
        CodePipelineClient full = slipway.codePipeline("AKIDEXAMPLE", "sa-east-1");
        IntStream.range(0, 50).forEach(i -> full.createCustomActionType(jenkins("P" + i, "1")));
        rejects(LimitExceededException.class, "50 custom action types",
                () -> full.createCustomActionType(jenkins("OneMore", "1")));
        int builtIn = cp.listActionTypes(r -> r.actionOwnerFilter(ActionOwner.AWS)).actionTypes().size();

        ListActionTypesResponse first = full.listActionTypes(r -> { });
        assertThat(first.actionTypes()).hasSize(50);
        assertThat(first.nextToken()).isNotNull();
        ListActionTypesResponse second = full.listActionTypes(r -> r.nextToken(first.nextToken()));
        assertThat(first.actionTypes().size() + second.actionTypes().size()).isEqualTo(builtIn + 50);
        assertThat(second.nextToken()).isNull();
        assertThat(full.listActionTypesPaginator(r -> r.actionOwnerFilter(ActionOwner.CUSTOM)).actionTypes().stream().count())
                .isEqualTo(50);
        rejects(InvalidNextTokenException.class, "token", () -> full.listActionTypes(r -> r.nextToken("bogus")));
        // regionFilter lists that region of the caller's account
        assertThat(cp.listActionTypes(r -> r.actionOwnerFilter(ActionOwner.CUSTOM).regionFilter("sa-east-1")).actionTypes())
                .hasSize(50);

        // a deleted type frees its place under the quota; restoring it takes one again
        full.deleteCustomActionType(r -> r.category(ActionCategory.BUILD).provider("P0").version("1"));
        full.createCustomActionType(jenkins("OneMore", "1"));
        rejects(LimitExceededException.class, "50 custom action types", () -> full.createCustomActionType(jenkins("P0", "1")));
    }

    @Test
    void pipelinesUseCustomTypesAndHideTheirSecrets() {
        cp.createCustomActionType(jenkins("Secretive", "1"));
        var build = software.amazon.awssdk.services.codepipeline.model.ActionDeclaration.builder().name("Build")
                .actionTypeId(t -> t.category(ActionCategory.BUILD).owner(ActionOwner.CUSTOM).provider("Secretive").version("1"))
                .inputArtifacts(i -> i.name("Src")).configuration(Map.of("Project", "shop", "Token", "s3cr3t")).build();
        var p = PipelineFixtures.pipeline("secretive", PipelineFixtures.stage("Source", PipelineFixtures.s3Source("Fetch", "Src")),
                PipelineFixtures.stage("Build", build));
        assertThat(cp.createPipeline(r -> r.pipeline(p)).pipeline().stages().get(1).actions().getFirst().configuration())
                .containsEntry("Token", "****").containsEntry("Project", "shop");
        assertThat(cp.getPipeline(r -> r.name("secretive")).pipeline().stages().get(1).actions().getFirst().configuration())
                .isEqualTo(Map.of("Project", "shop", "Token", "****"));
        // sending **** back keeps the secret; a new action has no secret to keep
        cp.updatePipeline(r -> r.pipeline(p.toBuilder().stages(p.stages().get(0), PipelineFixtures.stage("Build",
                build.toBuilder().configuration(Map.of("Project", "shop", "Token", "****")).build())).build()));
        rejects(software.amazon.awssdk.services.codepipeline.model.InvalidActionDeclarationException.class,
                "Action configuration for the new action \"Rebuild\" contains an invalid configuration for the secret property "
                        + "\"Token\". \"****\" may be used in secret properties only when updating an existing action.",
                () -> cp.updatePipeline(r -> r.pipeline(p.toBuilder().stages(p.stages().get(0), PipelineFixtures.stage("Build",
                        build.toBuilder().name("Rebuild").configuration(Map.of("Project", "shop", "Token", "****")).build()))
                        .build())));
        rejects(software.amazon.awssdk.services.codepipeline.model.InvalidActionDeclarationException.class,
                "queryable property 'Project'", () -> cp.updatePipeline(r -> r.pipeline(p.toBuilder().stages(p.stages().get(0),
                        PipelineFixtures.stage("Build", build.toBuilder().configuration(Map.of("Project", "x".repeat(21))).build()))
                        .build())));

        // a deleted type keeps its pipelines' secrets hidden, and is no longer available to new versions
        cp.deleteCustomActionType(r -> r.category(ActionCategory.BUILD).provider("Secretive").version("1"));
        assertThat(cp.getPipeline(r -> r.name("secretive")).pipeline().stages().get(1).actions().getFirst().configuration())
                .containsEntry("Token", "****");
        rejects(software.amazon.awssdk.services.codepipeline.model.InvalidActionDeclarationException.class,
                "Provider: 'Secretive', Owner: 'Custom', Version: '1') in action 'Build' is not available",
                () -> cp.updatePipeline(r -> r.pipeline(p)));
    }
}
