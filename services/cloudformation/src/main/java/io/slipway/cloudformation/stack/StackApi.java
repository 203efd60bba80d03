package io.slipway.cloudformation.stack;

import io.slipway.cloudformation.registry.RecordedProvider;
import io.slipway.cloudformation.template.Parameter;
import io.slipway.cloudformation.template.Template;
import io.slipway.core.Namespace;
import io.slipway.core.PageToken;
import io.slipway.model.cloudformation.ChangeSetSummary;
import io.slipway.model.cloudformation.CreateChangeSetInput;
import io.slipway.model.cloudformation.CreateChangeSetOutput;
import io.slipway.model.cloudformation.CreateStackInput;
import io.slipway.model.cloudformation.CreateStackOutput;
import io.slipway.model.cloudformation.DeleteChangeSetInput;
import io.slipway.model.cloudformation.DeleteStackInput;
import io.slipway.model.cloudformation.DescribeChangeSetHooksInput;
import io.slipway.model.cloudformation.DescribeChangeSetHooksOutput;
import io.slipway.model.cloudformation.DescribeChangeSetInput;
import io.slipway.model.cloudformation.DescribeChangeSetOutput;
import io.slipway.model.cloudformation.DescribeStackEventsInput;
import io.slipway.model.cloudformation.DescribeStackEventsOutput;
import io.slipway.model.cloudformation.DescribeStackResourceInput;
import io.slipway.model.cloudformation.DescribeStackResourceOutput;
import io.slipway.model.cloudformation.DescribeStackResourcesInput;
import io.slipway.model.cloudformation.DescribeStackResourcesOutput;
import io.slipway.model.cloudformation.DescribeStacksInput;
import io.slipway.model.cloudformation.DescribeStacksOutput;
import io.slipway.model.cloudformation.ExecuteChangeSetInput;
import io.slipway.model.cloudformation.GetTemplateInput;
import io.slipway.model.cloudformation.GetTemplateOutput;
import io.slipway.model.cloudformation.GetTemplateSummaryInput;
import io.slipway.model.cloudformation.GetTemplateSummaryOutput;
import io.slipway.model.cloudformation.ListChangeSetsInput;
import io.slipway.model.cloudformation.ListChangeSetsOutput;
import io.slipway.model.cloudformation.ListExportsInput;
import io.slipway.model.cloudformation.ListExportsOutput;
import io.slipway.model.cloudformation.ListStackResourcesInput;
import io.slipway.model.cloudformation.ListStackResourcesOutput;
import io.slipway.model.cloudformation.ListStacksInput;
import io.slipway.model.cloudformation.ListStacksOutput;
import io.slipway.model.cloudformation.StackDriftInformation;
import io.slipway.model.cloudformation.StackDriftInformationSummary;
import io.slipway.model.cloudformation.StackDriftStatus;
import io.slipway.model.cloudformation.StackEvent;
import io.slipway.model.cloudformation.StackResourceDriftInformation;
import io.slipway.model.cloudformation.StackResourceDriftInformationSummary;
import io.slipway.model.cloudformation.StackResourceDriftStatus;
import io.slipway.model.cloudformation.StackResource;
import io.slipway.model.cloudformation.StackResourceDetail;
import io.slipway.model.cloudformation.StackResourceSummary;
import io.slipway.model.cloudformation.StackSummary;
import io.slipway.model.cloudformation.TemplateStage;
import io.slipway.model.cloudformation.UpdateStackInput;
import io.slipway.model.cloudformation.UpdateStackOutput;
import io.slipway.model.cloudformation.ValidateTemplateInput;
import io.slipway.model.cloudformation.ValidateTemplateOutput;
import io.slipway.model.runtime.AwsErrors;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The stack and change-set operations: inputs mapped to {@link Stacks} and {@link ChangeSets},
 * their state mapped back to AWS's output shapes. The handler delegates here.
 */
public final class StackApi {
    private static final int EVENTS_PAGE = 100;

    private final Stacks stacks;
    private final ChangeSets changeSets;
    private final Exports exports;
    private final StackEvents events;
    private final TemplateBodies bodies;
    private final TemplateSummaries summaries;
    /** Whether resources of a type are recorded rather than run. */
    private final java.util.function.Predicate<String> recorded;

    StackApi(Stacks stacks, ChangeSets changeSets, Exports exports, StackEvents events, TemplateBodies bodies,
             java.util.function.Predicate<String> recorded) {
        this.recorded = recorded;
        this.stacks = stacks;
        this.changeSets = changeSets;
        this.exports = exports;
        this.events = events;
        this.bodies = bodies;
        this.summaries = new TemplateSummaries(stacks, bodies);
    }

    public CreateStackOutput createStack(Namespace ns, CreateStackInput in) {
        boolean disableRollback = Boolean.TRUE.equals(in.disableRollback())
                || (in.onFailure() != null && !in.onFailure().value().equals("ROLLBACK"));
        if (in.disableRollback() != null && in.onFailure() != null) {
            throw AwsErrors.VALIDATION_ERROR.exception("You cannot specify both DisableRollback and OnFailure.");
        }
        String id = stacks.create(ns, new Stacks.Request(in.stackName(), bodies.read(ns, in.templateBody(), in.templateURL()), false,
                parameters(in.parameters()), usePrevious(in.parameters()), in.capabilities(), in.tags(),
                Optional.of(disableRollback), Optional.empty()));
        return CreateStackOutput.builder().stackId(id).build();
    }

    public UpdateStackOutput updateStack(Namespace ns, UpdateStackInput in) {
        boolean previous = Boolean.TRUE.equals(in.usePreviousTemplate());
        if (previous && (in.templateBody() != null || in.templateURL() != null)) {
            throw AwsErrors.VALIDATION_ERROR.exception("You cannot specify both usePreviousTemplate and Template Body/Template URL");
        }
        String id = stacks.update(ns, new Stacks.Request(StackInputs.stackName(in.stackName()),
                previous ? null : bodies.read(ns, in.templateBody(), in.templateURL()), previous, parameters(in.parameters()),
                usePrevious(in.parameters()), in.capabilities(), in.tags(), Optional.ofNullable(in.disableRollback()),
                Optional.empty()));
        return UpdateStackOutput.builder().stackId(id).build();
    }

    public void deleteStack(Namespace ns, DeleteStackInput in) {
        stacks.delete(ns, StackInputs.stackName(in.stackName()));
    }

    public DescribeStacksOutput describeStacks(Namespace ns, DescribeStacksInput in) {
        Stacks.Page<io.slipway.model.cloudformation.Stack> page = stacks.describe(ns,
                Optional.ofNullable(in.stackName()).map(StackInputs::stackName),
                Optional.ofNullable(in.nextToken()));
        return DescribeStacksOutput.builder().stacks(page.items().stream().map(StackApi::withDrift).toList())
                .nextToken(page.nextToken()).build();
    }

    public ListStacksOutput listStacks(Namespace ns, ListStacksInput in) {
        Set<String> statuses = new LinkedHashSet<>();
        if (in.stackStatusFilter() != null) {
            in.stackStatusFilter().forEach(s -> statuses.add(s.value()));
        }
        Stacks.Page<io.slipway.model.cloudformation.Stack> page = stacks.all(ns, statuses, Optional.ofNullable(in.nextToken()));
        List<StackSummary> summaries = page.items().stream().map(s -> StackSummary.builder().stackId(s.stackId())
                .stackName(s.stackName()).templateDescription(s.description()).creationTime(s.creationTime())
                .lastUpdatedTime(s.lastUpdatedTime()).deletionTime(s.deletionTime()).stackStatus(s.stackStatus())
                .stackStatusReason(s.stackStatusReason()).parentId(s.parentId()).rootId(s.rootId())
                .driftInformation(StackDriftInformationSummary.builder().stackDriftStatus(StackDriftStatus.NOT_CHECKED).build())
                .build()).toList();
        return ListStacksOutput.builder().stackSummaries(summaries).nextToken(page.nextToken()).build();
    }

    public DescribeStackEventsOutput describeStackEvents(Namespace ns, DescribeStackEventsInput in) {
        StoredStack stack = stacks.get(ns, StackInputs.stackName(in.stackName()));
        String list = "events/" + stack.stackId();
        Optional<String> after = Optional.ofNullable(in.nextToken()).map(t -> PageToken.decode(list, t).orElseThrow(
                () -> AwsErrors.VALIDATION_ERROR.exception("Invalid NextToken")));
        String[] next = new String[1];
        List<StackEvent> page = events.list(ns, stack.stackId(), after, EVENTS_PAGE,
                n -> next[0] = n.map(id -> PageToken.encode(list, id)).orElse(null));
        return DescribeStackEventsOutput.builder().stackEvents(page).nextToken(next[0]).build();
    }

    public DescribeStackResourcesOutput describeStackResources(Namespace ns, DescribeStackResourcesInput in) {
        if (in.stackName() == null) {
            throw AwsErrors.VALIDATION_ERROR.exception(in.physicalResourceId() == null
                    ? "Either StackName or PhysicalResourceId must be specified."
                    : "Slipway finds resources by StackName; looking them up by PhysicalResourceId alone is not supported");
        }
        StoredStack stack = stacks.get(ns, StackInputs.stackName(in.stackName()));
        List<StackResource> out = stacks.resources(ns, in.stackName()).stream()
                .filter(r -> in.logicalResourceId() == null || r.logicalId().equals(in.logicalResourceId()))
                .filter(r -> in.physicalResourceId() == null || r.physicalId().filter(in.physicalResourceId()::equals).isPresent())
                .map(r -> StackResource.builder().stackName(stack.stackName()).stackId(stack.stackId())
                        .logicalResourceId(r.logicalId()).physicalResourceId(r.physicalId().orElse(null))
                        .resourceType(r.type()).timestamp(r.updatedAt()).resourceStatus(r.status())
                        .description(recorded.test(r.type()) ? RecordedProvider.DESCRIPTION : null)
                        .resourceStatusReason(r.reason().orElse(null)).driftInformation(StackResourceDriftInformation.builder()
                                .stackResourceDriftStatus(StackResourceDriftStatus.NOT_CHECKED).build()).build()).toList();
        return DescribeStackResourcesOutput.builder().stackResources(out).build();
    }

    public DescribeStackResourceOutput describeStackResource(Namespace ns, DescribeStackResourceInput in) {
        StoredStack stack = stacks.get(ns, StackInputs.stackName(in.stackName()));
        StoredResource r = stacks.resources(ns, in.stackName()).stream()
                .filter(x -> x.logicalId().equals(in.logicalResourceId())).findFirst()
                .orElseThrow(() -> AwsErrors.VALIDATION_ERROR.exception("Resource " + in.logicalResourceId()
                        + " does not exist for stack " + in.stackName()));
        return DescribeStackResourceOutput.builder().stackResourceDetail(StackResourceDetail.builder()
                .stackName(stack.stackName()).stackId(stack.stackId()).logicalResourceId(r.logicalId())
                .physicalResourceId(r.physicalId().orElse(null)).resourceType(r.type()).lastUpdatedTimestamp(r.updatedAt())
                .description(recorded.test(r.type()) ? RecordedProvider.DESCRIPTION : null)
                .resourceStatus(r.status()).resourceStatusReason(r.reason().orElse(null))
                .driftInformation(StackResourceDriftInformation.builder()
                        .stackResourceDriftStatus(StackResourceDriftStatus.NOT_CHECKED).build()).build()).build();
    }

    public ListStackResourcesOutput listStackResources(Namespace ns, ListStackResourcesInput in) {
        List<StackResourceSummary> out = stacks.resources(ns, StackInputs.stackName(in.stackName())).stream()
                .map(r -> StackResourceSummary.builder().logicalResourceId(r.logicalId())
                        .physicalResourceId(r.physicalId().orElse(null)).resourceType(r.type())
                        .lastUpdatedTimestamp(r.updatedAt()).resourceStatus(r.status())
                        .resourceStatusReason(r.reason().orElse(null)).driftInformation(
                                StackResourceDriftInformationSummary.builder()
                                        .stackResourceDriftStatus(StackResourceDriftStatus.NOT_CHECKED).build()).build()).toList();
        return ListStackResourcesOutput.builder().stackResourceSummaries(out).build();
    }

    public GetTemplateOutput getTemplate(Namespace ns, GetTemplateInput in) {
        if (in.changeSetName() != null) {
            StoredChangeSet cs = changeSets.describe(ns, in.changeSetName(),
                    Optional.ofNullable(in.stackName()).map(StackInputs::stackName));
            return GetTemplateOutput.builder().templateBody(processed(in) ? cs.templateBody() : cs.original())
                    .stagesAvailable(List.of(TemplateStage.ORIGINAL, TemplateStage.PROCESSED)).build();
        }
        if (in.stackName() == null) {
            throw AwsErrors.VALIDATION_ERROR.exception("Either StackName or ChangeSetName must be specified.");
        }
        StoredStack stack = stacks.get(ns, StackInputs.stackName(in.stackName()));
        return GetTemplateOutput.builder().templateBody(processed(in) ? stack.templateBody() : stack.original())
                .stagesAvailable(List.of(TemplateStage.ORIGINAL, TemplateStage.PROCESSED)).build();
    }

    /**
     * Drift detection is not run, so every stack and resource shows NOT_CHECKED, as AWS shows them
     * before a first detection. ModuleInfo is left out: no resource comes from a module.
     */
    private static io.slipway.model.cloudformation.Stack withDrift(io.slipway.model.cloudformation.Stack s) {
        return s.toBuilder().driftInformation(StackDriftInformation.builder().stackDriftStatus(StackDriftStatus.NOT_CHECKED)
                .build()).build();
    }

    /** GetTemplate's TemplateStage: Original (the default) or Processed (after transforms). */
    private static boolean processed(GetTemplateInput in) {
        return in.templateStage() == TemplateStage.PROCESSED;
    }

    public GetTemplateSummaryOutput getTemplateSummary(Namespace ns, GetTemplateSummaryInput in) {
        return summaries.getTemplateSummary(ns, in);
    }

    public ValidateTemplateOutput validateTemplate(Namespace ns, ValidateTemplateInput in) {
        return summaries.validateTemplate(ns, in);
    }

    public ListExportsOutput listExports(Namespace ns, ListExportsInput in) {
        Optional<String> after = Optional.ofNullable(in.nextToken()).map(t -> PageToken.decode("exports", t).orElseThrow(
                () -> AwsErrors.VALIDATION_ERROR.exception("Invalid NextToken")));
        var page = exports.list(ns, after, 100);
        return ListExportsOutput.builder().exports(page.items().stream().map(k -> k.value()).toList())
                .nextToken(page.nextAfterId().map(id -> PageToken.encode("exports", id)).orElse(null)).build();
    }

    // ---- change sets ----

    public CreateChangeSetOutput createChangeSet(Namespace ns, CreateChangeSetInput in) {
        String type = in.changeSetType() == null ? "UPDATE" : in.changeSetType().value();
        boolean previous = Boolean.TRUE.equals(in.usePreviousTemplate());
        String[] ids = changeSets.create(ns, new Stacks.Request(in.stackName(),
                previous ? null : bodies.read(ns, in.templateBody(), in.templateURL()), previous, parameters(in.parameters()),
                usePrevious(in.parameters()), in.capabilities(), in.tags(),
                Optional.empty(), Optional.ofNullable(in.description())), in.changeSetName(), type,
                Optional.ofNullable(in.description()));
        return CreateChangeSetOutput.builder().id(ids[0]).stackId(ids[1]).build();
    }

    public DescribeChangeSetOutput describeChangeSet(Namespace ns, DescribeChangeSetInput in) {
        return changeSets.describe(ns, in.changeSetName(), Optional.ofNullable(in.stackName())).view();
    }

    public DescribeChangeSetHooksOutput describeChangeSetHooks(Namespace ns, DescribeChangeSetHooksInput in) {
        return changeSets.hooks(ns, in.changeSetName(), Optional.ofNullable(in.stackName()),
                Optional.ofNullable(in.logicalResourceId()));
    }

    public void executeChangeSet(Namespace ns, ExecuteChangeSetInput in) {
        changeSets.execute(ns, in.changeSetName(), Optional.ofNullable(in.stackName()), Optional.ofNullable(in.disableRollback()));
    }

    public void deleteChangeSet(Namespace ns, DeleteChangeSetInput in) {
        changeSets.delete(ns, in.changeSetName(), Optional.ofNullable(in.stackName()));
    }

    public ListChangeSetsOutput listChangeSets(Namespace ns, ListChangeSetsInput in) {
        List<ChangeSetSummary> out = changeSets.list(ns, in.stackName()).stream().map(cs -> ChangeSetSummary.builder()
                .stackId(cs.view().stackId()).stackName(cs.view().stackName()).changeSetId(cs.view().changeSetId())
                .changeSetName(cs.view().changeSetName()).executionStatus(cs.view().executionStatus())
                .status(cs.view().status()).statusReason(cs.view().statusReason()).creationTime(cs.view().creationTime())
                .description(cs.view().description()).includeNestedStacks(false).build()).toList();
        return ListChangeSetsOutput.builder().summaries(out).build();
    }

    // ---- input mapping ----

    private static Map<String, String> parameters(List<io.slipway.model.cloudformation.Parameter> given) {
        Map<String, String> out = new LinkedHashMap<>();
        if (given != null) {
            int index = 0;
            for (var p : given) {
                index++;
                if (!Boolean.TRUE.equals(p.usePreviousValue())) {
                    if (p.parameterValue() == null) {
                        throw AwsErrors.VALIDATION_ERROR.exception("Parameters: [" + p.parameterKey() + "] must have values");
                    }
                    out.put(p.parameterKey(), StackInputs.parameterValue(index, p.parameterValue()));
                }
            }
        }
        return out;
    }

    private static Set<String> usePrevious(List<io.slipway.model.cloudformation.Parameter> given) {
        Set<String> out = new LinkedHashSet<>();
        if (given != null) {
            given.stream().filter(p -> Boolean.TRUE.equals(p.usePreviousValue())).forEach(p -> out.add(p.parameterKey()));
        }
        return out;
    }
}
