package io.slipway.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Pipeline definitions and custom action types with the AWS CLI, as its users write them. */
class CodePipelineCliIT {
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();
    @TempDir
    Path dir;

    private static final String PIPELINE = """
            {
              "pipeline": {
                "name": "cli-pipeline",
                "roleArn": "arn:aws:iam::000000000000:role/codepipeline",
                "artifactStore": {"type": "S3", "location": "artifacts"},
                "stages": [
                  {"name": "Source", "actions": [{
                    "name": "Fetch",
                    "actionTypeId": {"category": "Source", "owner": "AWS", "provider": "S3", "version": "1"},
                    "configuration": {"S3Bucket": "sources", "S3ObjectKey": "app.zip", "PollForSourceChanges": "false"},
                    "outputArtifacts": [{"name": "SourceOutput"}],
                    "namespace": "SourceVariables"
                  }]},
                  {"name": "Deploy", "actions": [{
                    "name": "Deploy",
                    "actionTypeId": {"category": "Deploy", "owner": "AWS", "provider": "CodeDeploy", "version": "1"},
                    "configuration": {"ApplicationName": "shop", "DeploymentGroupName": "web"},
                    "inputArtifacts": [{"name": "SourceOutput"}],
                    "runOrder": 2
                  }]}
                ]
              },
              "tags": [{"key": "team", "value": "web"}]
            }
            """;

    @BeforeAll
    static void cli() {
        AwsCli.requireCli();
    }

    /** {@code aws codepipeline <command> args...} against Slipway. */
    private static AwsCli.Result codepipeline(String command, String... args) {
        return AwsCli.at(slipway.endpoint(), Stream.concat(Stream.of("codepipeline", command), Stream.of(args))
                .toArray(String[]::new));
    }

    @Test
    void createGetAndListAPipelineFromAJsonFile() throws IOException {
        Path file = Files.writeString(dir.resolve("pipeline.json"), PIPELINE);
        AwsCli.Result created = codepipeline("create-pipeline", "--cli-input-json", "file://" + file);
        assertThat(created.exitCode()).as(created.stderr()).isZero();
        assertThat(created.stdout()).contains("\"version\": 1", "\"team\"");

        AwsCli.Result got = codepipeline("get-pipeline", "--name", "cli-pipeline",
                "--query", "[pipeline.stages[1].actions[0].runOrder, metadata.pipelineArn]", "--output", "text");
        assertThat(got.stdout().trim().split("\\s+"))
                .containsExactly("2", "arn:aws:codepipeline:us-east-1:000000000000:cli-pipeline");
        AwsCli.Result list = codepipeline("list-pipelines", "--query", "pipelines[].name", "--output", "text");
        assertThat(list.stdout()).contains("cli-pipeline");

        AwsCli.Result again = codepipeline("create-pipeline", "--cli-input-json", "file://" + file);
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.stderr()).contains("An error occurred (PipelineNameInUseException) when calling the "
                + "CreatePipeline operation: A pipeline with the name 'cli-pipeline' already exists");
    }

    @Test
    void aStructureErrorAsTheCliPrintsIt() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.json"), PIPELINE.replace("cli-pipeline", "cli-bad")
                .replace("\"inputArtifacts\": [{\"name\": \"SourceOutput\"}]", "\"inputArtifacts\": [{\"name\": \"Nowhere\"}]"));
        AwsCli.Result bad = codepipeline("create-pipeline", "--cli-input-json", "file://" + file);
        assertThat(bad.stderr()).contains("(InvalidStructureException)", "Input Artifact Bundle Nowhere");
    }

    @Test
    void customActionTypes() {
        AwsCli.Result created = codepipeline("create-custom-action-type", "--category", "Build",
                "--provider", "CliCi", "--action-version", "1",
                "--configuration-properties", "name=Project,required=true,key=true,secret=false,queryable=true",
                "--input-artifact-details", "minimumCount=0,maximumCount=1",
                "--output-artifact-details", "minimumCount=0,maximumCount=1");
        assertThat(created.exitCode()).as(created.stderr()).isZero();
        assertThat(created.stdout()).contains("\"owner\": \"Custom\"");

        AwsCli.Result custom = codepipeline("list-action-types", "--action-owner-filter", "Custom",
                "--query", "actionTypes[].id.provider", "--output", "text");
        assertThat(custom.exitCode()).as(custom.stderr()).isZero();
        assertThat(custom.stdout().trim()).isEqualTo("CliCi");
        AwsCli.Result all = codepipeline("list-action-types", "--query", "length(actionTypes)");
        assertThat(Integer.parseInt(all.stdout().trim())).isGreaterThan(10);
    }
}
