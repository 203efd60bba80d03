package io.slipway.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.ExecutionMode;
import software.amazon.awssdk.services.codepipeline.model.GetPipelineResponse;
import software.amazon.awssdk.services.codepipeline.model.InvalidNextTokenException;
import software.amazon.awssdk.services.codepipeline.model.LimitExceededException;
import software.amazon.awssdk.services.codepipeline.model.ListPipelinesResponse;
import software.amazon.awssdk.services.codepipeline.model.PipelineDeclaration;
import software.amazon.awssdk.services.codepipeline.model.PipelineNameInUseException;
import software.amazon.awssdk.services.codepipeline.model.PipelineNotFoundException;
import software.amazon.awssdk.services.codepipeline.model.PipelineSummary;
import software.amazon.awssdk.services.codepipeline.model.PipelineType;
import software.amazon.awssdk.services.codepipeline.model.PipelineVariableDeclaration;
import software.amazon.awssdk.services.codepipeline.model.PipelineVersionNotFoundException;
import software.amazon.awssdk.services.codepipeline.model.ResourceNotFoundException;
import software.amazon.awssdk.services.codepipeline.model.InvalidStructureException;
import software.amazon.awssdk.services.codepipeline.model.ValidationException;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static io.slipway.it.PipelineFixtures.approval;
import static io.slipway.it.PipelineFixtures.invoke;
import static io.slipway.it.PipelineFixtures.pipeline;
import static io.slipway.it.PipelineFixtures.rejects;
import static io.slipway.it.PipelineFixtures.s3Source;
import static io.slipway.it.PipelineFixtures.sourceAndDeploy;
import static io.slipway.it.PipelineFixtures.stage;
import static org.assertj.core.api.Assertions.assertThat;

/** Pipeline definitions through the SDK: versions, listing, V2 settings and the limits. */
class PipelinesIT {
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();
    private final CodePipelineClient cp = slipway.codePipeline();

    @Test
    void everyVersionStaysReadable() {
        var created = cp.createPipeline(r -> r.pipeline(sourceAndDeploy("versions"))).pipeline();
        assertThat(created.version()).isEqualTo(1);
        assertThat(created.pipelineType()).isEqualTo(PipelineType.V1);
        assertThat(created.executionMode()).isEqualTo(ExecutionMode.SUPERSEDED);
        assertThat(created.stages().get(1).actions().getFirst().runOrder()).isEqualTo(1);

        GetPipelineResponse first = cp.getPipeline(r -> r.name("versions"));
        assertThat(first.metadata().pipelineArn()).isEqualTo("arn:aws:codepipeline:us-east-1:000000000000:versions");
        assertThat(first.metadata().updated()).isEqualTo(first.metadata().created());

        PipelineDeclaration changed = pipeline("versions", stage("Source", s3Source("Fetch", "Src")),
                stage("Check", invoke("Check", 1, List.of("Src"), List.of())), stage("Approve", approval("Ok")));
        assertThat(cp.updatePipeline(r -> r.pipeline(changed)).pipeline().version()).isEqualTo(2);

        GetPipelineResponse latest = cp.getPipeline(r -> r.name("versions"));
        assertThat(latest.pipeline().version()).isEqualTo(2);
        assertThat(latest.pipeline().stages()).extracting(s -> s.name()).containsExactly("Source", "Check", "Approve");
        assertThat(latest.metadata().created()).isEqualTo(first.metadata().created());
        assertThat(latest.metadata().updated()).isAfterOrEqualTo(first.metadata().updated());
        GetPipelineResponse v1 = cp.getPipeline(r -> r.name("versions").version(1));
        assertThat(v1.pipeline().version()).isEqualTo(1);
        assertThat(v1.pipeline().stages()).extracting(s -> s.name()).containsExactly("Source", "Deploy");

        rejects(PipelineVersionNotFoundException.class, "does not have a version 3",
                () -> cp.getPipeline(r -> r.name("versions").version(3)));
        rejects(ValidationException.class, "version", () -> cp.getPipeline(r -> r.name("versions").version(0)));
        rejects(PipelineNotFoundException.class, "does not have a pipeline with name 'ghost'",
                () -> cp.getPipeline(r -> r.name("ghost")));
    }

    @Test
    void deletingTakesEveryVersionAndAMissingPipelineIsNoError() {
        cp.createPipeline(r -> r.pipeline(sourceAndDeploy("doomed")));
        cp.updatePipeline(r -> r.pipeline(sourceAndDeploy("doomed")));
        cp.deletePipeline(r -> r.name("doomed"));
        rejects(PipelineNotFoundException.class, "doomed", () -> cp.getPipeline(r -> r.name("doomed")));
        cp.deletePipeline(r -> r.name("doomed"));
        rejects(ResourceNotFoundException.class, "does not include a pipeline with the name 'doomed'",
                () -> cp.updatePipeline(r -> r.pipeline(sourceAndDeploy("doomed"))));

        // created again, it starts over at version 1 with no trace of the old versions
        cp.createPipeline(r -> r.pipeline(sourceAndDeploy("doomed")));
        assertThat(cp.getPipeline(r -> r.name("doomed")).pipeline().version()).isEqualTo(1);
        rejects(PipelineVersionNotFoundException.class, "doomed", () -> cp.getPipeline(r -> r.name("doomed").version(2)));
    }

    @Test
    void listingPagesByName() {
        CodePipelineClient west = slipway.codePipeline("AKIDEXAMPLE", "eu-west-1");
        for (String name : List.of("delta", "alpha", "echo", "charlie", "bravo")) {
            west.createPipeline(r -> r.pipeline(sourceAndDeploy(name)));
        }
        west.updatePipeline(r -> r.pipeline(sourceAndDeploy("charlie")));
        List<PipelineSummary> all = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            ListPipelinesResponse page = west.listPipelines(r -> r.maxResults(2).nextToken(t));
            assertThat(page.pipelines()).hasSizeLessThanOrEqualTo(2);
            all.addAll(page.pipelines());
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertThat(pages).isEqualTo(3);
        assertThat(all).extracting(PipelineSummary::name).containsExactly("alpha", "bravo", "charlie", "delta", "echo");
        PipelineSummary charlie = all.get(2);
        assertThat(charlie.version()).isEqualTo(2);
        assertThat(charlie.pipelineType()).isEqualTo(PipelineType.V1);
        assertThat(charlie.executionMode()).isEqualTo(ExecutionMode.SUPERSEDED);
        assertThat(charlie.updated()).isAfterOrEqualTo(charlie.created());
        assertThat(west.listPipelines(r -> { }).pipelines()).hasSize(5);
        assertThat(west.listPipelinesPaginator(r -> r.maxResults(1)).pipelines().stream().count()).isEqualTo(5);

        rejects(InvalidNextTokenException.class, "token", () -> west.listPipelines(r -> r.nextToken("bogus")));
        rejects(ValidationException.class, "maxResults", () -> west.listPipelines(r -> r.maxResults(0)));
        rejects(ValidationException.class, "maxResults", () -> west.listPipelines(r -> r.maxResults(1001)));
        // another region of the account is another namespace
        assertThat(cp.listPipelines(r -> { }).pipelines()).extracting(PipelineSummary::name).doesNotContain("alpha");
    }

    @Test
    void v2PipelinesDeclareVariablesAndExecutionModes() {
        for (ExecutionMode mode : List.of(ExecutionMode.QUEUED, ExecutionMode.PARALLEL, ExecutionMode.SUPERSEDED)) {
            String name = "v2-" + mode.toString().toLowerCase();
            PipelineDeclaration p = pipeline(name, stage("Source", s3Source("Fetch", "Src")),
                    stage("Run", invoke("Run", 1, List.of("Src"), List.of()).toBuilder()
                            .configuration(java.util.Map.of("FunctionName", "checker",
                                    "UserParameters", "#{variables.Env}/#{codepipeline.PipelineExecutionId}")).build()))
                    .toBuilder().pipelineType(PipelineType.V2).executionMode(mode)
                    .variables(PipelineVariableDeclaration.builder().name("Env").defaultValue("dev")
                            .description("where to deploy").build()).build();
            cp.createPipeline(r -> r.pipeline(p));
            PipelineDeclaration got = cp.getPipeline(r -> r.name(name)).pipeline();
            assertThat(got.pipelineType()).isEqualTo(PipelineType.V2);
            assertThat(got.executionMode()).isEqualTo(mode);
            assertThat(got.variables()).singleElement().satisfies(v -> {
                assertThat(v.name()).isEqualTo("Env");
                assertThat(v.defaultValue()).isEqualTo("dev");
            });
        }
        assertThat(cp.listPipelines(r -> { }).pipelines()).filteredOn(s -> s.name().equals("v2-queued"))
                .singleElement().satisfies(s -> {
                    assertThat(s.pipelineType()).isEqualTo(PipelineType.V2);
                    assertThat(s.executionMode()).isEqualTo(ExecutionMode.QUEUED);
                });

        PipelineDeclaration v1 = sourceAndDeploy("v1-queued");
        rejects(InvalidStructureException.class, "Execution mode QUEUED is available only in pipelines of type V2",
                () -> cp.createPipeline(r -> r.pipeline(v1.toBuilder().executionMode(ExecutionMode.QUEUED).build())));
        rejects(InvalidStructureException.class, "Execution mode PARALLEL is available only in pipelines of type V2",
                () -> cp.createPipeline(r -> r.pipeline(v1.toBuilder().executionMode(ExecutionMode.PARALLEL).build())));
        rejects(InvalidStructureException.class, "variables are available only in pipelines of type V2",
                () -> cp.createPipeline(r -> r.pipeline(v1.toBuilder()
                        .variables(PipelineVariableDeclaration.builder().name("Env").build()).build())));
        rejects(InvalidStructureException.class, "Env is declared more than once",
                () -> cp.createPipeline(r -> r.pipeline(v1.toBuilder().pipelineType(PipelineType.V2).variables(
                        PipelineVariableDeclaration.builder().name("Env").build(),
                        PipelineVariableDeclaration.builder().name("Env").build()).build())));
        // an update can turn a V1 pipeline into a V2 one
        cp.createPipeline(r -> r.pipeline(v1));
        cp.updatePipeline(r -> r.pipeline(v1.toBuilder().pipelineType(PipelineType.V2).executionMode(ExecutionMode.QUEUED)
                .build()));
        assertThat(cp.getPipeline(r -> r.name("v1-queued")).pipeline().executionMode()).isEqualTo(ExecutionMode.QUEUED);
    }

    @Test
    void aNameIsUsedOnce() {
        cp.createPipeline(r -> r.pipeline(sourceAndDeploy("taken")));
        rejects(PipelineNameInUseException.class, "A pipeline with the name 'taken' already exists in account '000000000000'",
                () -> cp.createPipeline(r -> r.pipeline(sourceAndDeploy("taken"))));
        // the same name in another account is another pipeline
        slipway.codePipeline("111111111111", "us-east-1").createPipeline(r -> r.pipeline(sourceAndDeploy("taken")));
    }

    @Test
    void aRegionHoldsAThousandPipelines() {
        CodePipelineClient full = slipway.codePipeline("AKIDEXAMPLE", "ap-south-1");
        IntStream.range(0, 1000).forEach(i -> full.createPipeline(r -> r.pipeline(sourceAndDeploy("p" + i))));
        rejects(LimitExceededException.class, "1000 pipelines",
                () -> full.createPipeline(r -> r.pipeline(sourceAndDeploy("one-more"))));
        assertThat(full.listPipelines(r -> { }).pipelines()).hasSize(1000);
        full.deletePipeline(r -> r.name("p0"));
        full.createPipeline(r -> r.pipeline(sourceAndDeploy("one-more")));
    }
}
