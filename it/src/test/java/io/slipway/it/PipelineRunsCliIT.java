package io.slipway.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pipeline run driven entirely by the AWS CLI: the pipeline starts when created, a "worker" made
 * of CLI calls polls, acknowledges and completes its custom action's jobs, a failure is retried, an
 * approval is answered, and a later run is stopped and abandoned.
 */
class PipelineRunsCliIT {
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TYPE = "category=Build,owner=Custom,provider=CliBuild,version=1";
    @TempDir
    static Path work;

    @BeforeAll
    static void setUp() throws IOException {
        AwsCli.requireCli();
        Path source = work.resolve("app.zip");
        Files.write(source, Zips.of(java.util.Map.of("README", "cli")));
        ok("s3", "mb", "s3://cli-sources");
        ok("s3", "mb", "s3://cli-artifacts");
        ok("s3", "cp", source.toString(), "s3://cli-sources/app.zip");
        ok("codepipeline", "create-custom-action-type", "--category", "Build", "--provider", "CliBuild",
                "--action-version", "1", "--input-artifact-details", "minimumCount=1,maximumCount=1",
                "--output-artifact-details", "minimumCount=0,maximumCount=0");
    }

    private static AwsCli.Result ok(String... args) {
        AwsCli.Result r = AwsCli.at(slipway.endpoint(), args);
        assertThat(r.exitCode()).as("aws %s\n%s%s", String.join(" ", args), r.stdout(), r.stderr()).isZero();
        return r;
    }

    private static JsonNode json(String... args) {
        try {
            return JSON.readTree(ok(args).stdout());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode state(String pipeline) {
        slipway.awaitIdle();
        return json("codepipeline", "get-pipeline-state", "--name", pipeline).get("stageStates");
    }

    /** PollForJobs and AcknowledgeJob with the CLI: answers the job id. */
    private static String takeJob() {
        slipway.awaitIdle();
        JsonNode job = json("codepipeline", "poll-for-jobs", "--action-type-id", TYPE, "--max-batch-size", "1")
                .get("jobs").get(0);
        JsonNode ack = json("codepipeline", "acknowledge-job", "--job-id", job.get("id").asText(), "--nonce",
                job.get("nonce").asText());
        assertThat(ack.get("status").asText()).isEqualTo("InProgress");
        return job.get("id").asText();
    }

    private static String status(String pipeline, String id) {
        slipway.awaitIdle();
        return json("codepipeline", "get-pipeline-execution", "--pipeline-name", pipeline, "--pipeline-execution-id", id)
                .at("/pipelineExecution/status").asText();
    }

    @Test
    void aRunWithAWorkerARetryAnApprovalAndAnAbandonedStop() throws IOException {
        Path definition = work.resolve("pipeline.json");
        Files.writeString(definition, """
                {"pipeline": {"name": "cli-run", "roleArn": "arn:aws:iam::000000000000:role/cp",
                  "artifactStore": {"type": "S3", "location": "cli-artifacts"},
                  "stages": [
                    {"name": "Source", "actions": [{"name": "Fetch", "outputArtifacts": [{"name": "Src"}],
                      "actionTypeId": {"category": "Source", "owner": "AWS", "provider": "S3", "version": "1"},
                      "configuration": {"S3Bucket": "cli-sources", "S3ObjectKey": "app.zip", "PollForSourceChanges": "false"}}]},
                    {"name": "Build", "actions": [{"name": "Build", "namespace": "B", "inputArtifacts": [{"name": "Src"}],
                      "actionTypeId": {"category": "Build", "owner": "Custom", "provider": "CliBuild", "version": "1"}}]},
                    {"name": "Approve", "actions": [{"name": "Approve", "configuration": {"CustomData": "Ship build #{B.Number}?"},
                      "actionTypeId": {"category": "Approval", "owner": "AWS", "provider": "Manual", "version": "1"}}]}]}}
                """);
        ok("codepipeline", "create-pipeline", "--cli-input-json", "file://" + definition);
        String first = json("codepipeline", "list-pipeline-executions", "--pipeline-name", "cli-run")
                .at("/pipelineExecutionSummaries/0/pipelineExecutionId").asText();

        ok("codepipeline", "put-job-failure-result", "--job-id", takeJob(), "--failure-details",
                "type=JobFailed,message=compiler crashed");
        assertThat(status("cli-run", first)).isEqualTo("Failed");
        assertThat(state("cli-run").at("/1/actionStates/0/latestExecution/errorDetails/message").asText())
                .isEqualTo("compiler crashed");
        assertThat(json("codepipeline", "retry-stage-execution", "--pipeline-name", "cli-run", "--stage-name", "Build",
                "--pipeline-execution-id", first, "--retry-mode", "FAILED_ACTIONS").get("pipelineExecutionId").asText())
                .isEqualTo(first);
        ok("codepipeline", "put-job-success-result", "--job-id", takeJob(), "--output-variables", "Number=7");

        JsonNode approval = state("cli-run").at("/2/actionStates/0/latestExecution");
        assertThat(approval.get("status").asText()).isEqualTo("InProgress");
        JsonNode actions = json("codepipeline", "list-action-executions", "--pipeline-name", "cli-run",
                "--filter", "pipelineExecutionId=" + first).get("actionExecutionDetails");
        assertThat(actions.get(0).at("/input/resolvedConfiguration/CustomData").asText()).isEqualTo("Ship build 7?");
        ok("codepipeline", "put-approval-result", "--pipeline-name", "cli-run", "--stage-name", "Approve",
                "--action-name", "Approve", "--result", "summary=ship it,status=Approved", "--token",
                approval.get("token").asText());
        assertThat(status("cli-run", first)).isEqualTo("Succeeded");

        String second = json("codepipeline", "start-pipeline-execution", "--name", "cli-run").get("pipelineExecutionId").asText();
        takeJob();
        ok("codepipeline", "stop-pipeline-execution", "--pipeline-name", "cli-run", "--pipeline-execution-id", second,
                "--abandon", "--reason", "not today");
        assertThat(status("cli-run", second)).isEqualTo("Stopped");
        assertThat(state("cli-run").at("/1/actionStates/0/latestExecution/status").asText()).isEqualTo("Abandoned");
        AwsCli.Result again = AwsCli.at(slipway.endpoint(), "codepipeline", "stop-pipeline-execution", "--pipeline-name",
                "cli-run", "--pipeline-execution-id", second);
        assertThat(again.stderr()).contains("PipelineExecutionNotStoppableException");
    }
}
