package io.slipway.app.resources;

import io.slipway.cloudformation.resource.Provisioned;
import io.slipway.cloudformation.resource.ResourceRequest;
import io.slipway.model.codepipeline.CodePipelineModel;
import io.slipway.model.codepipeline.CreatePipelineInput;
import io.slipway.model.codepipeline.CreatePipelineOutput;
import io.slipway.model.codepipeline.DeletePipelineInput;
import io.slipway.model.codepipeline.DisableStageTransitionInput;
import io.slipway.model.codepipeline.EnableStageTransitionInput;
import io.slipway.model.codepipeline.GetPipelineInput;
import io.slipway.model.codepipeline.GetPipelineOutput;
import io.slipway.model.codepipeline.PipelineDeclaration;
import io.slipway.model.codepipeline.StageTransitionType;
import io.slipway.model.codepipeline.StartPipelineExecutionInput;
import io.slipway.model.codepipeline.Tag;
import io.slipway.model.codepipeline.UpdatePipelineInput;
import io.slipway.model.codepipeline.UpdatePipelineOutput;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * AWS::CodePipeline::Pipeline. Ref is the pipeline's name; the Version attribute its declaration's
 * version. The declaration is the template's properties with CodePipeline's member names
 * capitalised, except ArtifactStores (a list of {Region, ArtifactStore}; the API keeps a map by
 * region). DisableInboundStageTransitions disables the named stages' inbound transitions and
 * enables those the template no longer names; RestartExecutionOnUpdate starts an execution after
 * an update. A new Name replaces the pipeline.
 */
final class PipelineProvider extends NamedResourceProvider {
    static final String TYPE = "AWS::CodePipeline::Pipeline";
    private static final Set<String> PROPERTIES = Set.of("ArtifactStore", "ArtifactStores",
            "DisableInboundStageTransitions", "ExecutionMode", "Name", "PipelineType", "RestartExecutionOnUpdate",
            "RoleArn", "Stages", "Tags", "Triggers", "Variables");

    private final ServiceCalls codePipeline;
    private final ResourceTagging tagging;

    PipelineProvider(ServiceCalls codePipeline, ResourceTagging tagging) {
        super(NameProperty.of("Name", 100), PROPERTIES, Set.of());
        this.codePipeline = codePipeline;
        this.tagging = tagging;
    }

    @Override
    Provisioned create(ResourceRequest request, ResourceProperties p, String name) {
        PipelineDeclaration declaration = declaration(p, name);
        Map<String, String> tags = p.tags("Tags");
        PipelineDeclaration made = createOrAdopt(request, p, codePipeline,
                () -> CreatePipelineOutput.fromDocument(codePipeline.raw(request, "CreatePipeline",
                        new CreatePipelineInput(declaration, tags.isEmpty() ? null : tagList(tags)))).pipeline(),
                () -> codePipeline.call(request, "GetPipeline", new GetPipelineInput(name, null),
                        GetPipelineOutput::fromDocument).pipeline());
        transitions(request, name, p, ResourceProperties.of(request.logicalId(), Map.of()));
        return provisioned(made);
    }

    @Override
    Provisioned updateInPlace(ResourceRequest request, ResourceProperties p, ResourceProperties previous,
                              Provisioned current) {
        String name = current.physicalId();
        PipelineDeclaration updated = codePipeline.call(request, "UpdatePipeline",
                new UpdatePipelineInput(declaration(p, name)), UpdatePipelineOutput::fromDocument).pipeline();
        tagging.retag(request, "arn:aws:codepipeline:" + request.ns().region() + ":" + request.ns().account() + ":" + name,
                previous, p);
        transitions(request, name, p, previous);
        if (p.bool("RestartExecutionOnUpdate").orElse(false)) {
            codePipeline.call(request, "StartPipelineExecution", StartPipelineExecutionInput.builder().name(name).build());
        }
        return provisioned(updated);
    }

    @Override
    public void delete(ResourceRequest request, Provisioned current) {
        codePipeline.delete(request, "DeletePipeline", new DeletePipelineInput(current.physicalId()));
    }

    private static PipelineDeclaration declaration(ResourceProperties p, String name) {
        p.requiredString("RoleArn");
        if (p.list("Stages").isEmpty()) {
            throw p.missing("Stages");
        }
        Map<String, Object> values = new LinkedHashMap<>(p.values());
        for (String notDeclared : List.of("ArtifactStores", "DisableInboundStageTransitions", "RestartExecutionOnUpdate",
                "Tags")) {
            values.remove(notDeclared);
        }
        values.put("Name", name);
        Map<String, Object> document = PropertyDocuments.structure(CodePipelineModel.MODEL.shape("PipelineDeclaration"),
                new ResourceProperties(p.logicalId(), p.path(), values));
        if (p.has("ArtifactStores")) {
            Map<String, Object> byRegion = new LinkedHashMap<>();
            for (ResourceProperties store : p.objects("ArtifactStores")) {
                byRegion.put(store.only(Set.of("Region", "ArtifactStore")).requiredString("Region"),
                        PropertyDocuments.structure(CodePipelineModel.MODEL.shape("ArtifactStore"),
                                store.requiredObject("ArtifactStore")));
            }
            document.put("artifactStores", byRegion);
        }
        return PipelineDeclaration.fromDocument(document);
    }

    /** Disables the inbound transitions the template names, and enables those the previous template named and this one does not. */
    private void transitions(ResourceRequest request, String name, ResourceProperties p, ResourceProperties previous) {
        Map<String, String> now = disabled(p);
        now.forEach((stage, reason) -> codePipeline.call(request, "DisableStageTransition",
                new DisableStageTransitionInput(name, stage, StageTransitionType.INBOUND, reason)));
        disabled(previous).keySet().stream().filter(stage -> !now.containsKey(stage)).forEach(stage ->
                codePipeline.call(request, "EnableStageTransition",
                        new EnableStageTransitionInput(name, stage, StageTransitionType.INBOUND)));
    }

    private static Map<String, String> disabled(ResourceProperties p) {
        Map<String, String> out = new LinkedHashMap<>();
        for (ResourceProperties t : p.objects("DisableInboundStageTransitions")) {
            out.put(t.only(Set.of("StageName", "Reason")).requiredString("StageName"), t.requiredString("Reason"));
        }
        return out;
    }

    static List<Tag> tagList(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> new Tag(e.getKey(), e.getValue())).toList();
    }

    private static Provisioned provisioned(PipelineDeclaration pipeline) {
        return new Provisioned(pipeline.name(), Map.of("Version", String.valueOf(pipeline.version())));
    }
}
