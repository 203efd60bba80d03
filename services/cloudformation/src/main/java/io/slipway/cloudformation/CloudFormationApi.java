package io.slipway.cloudformation;

import io.slipway.cloudformation.stack.StackApi;
import io.slipway.cloudformation.hooks.HookResults;
import io.slipway.cloudformation.hooks.HookTypeQueries;
import io.slipway.cloudformation.registry.ResourceTypeQueries;
import io.slipway.cloudformation.hooks.HookTypes;
import io.slipway.core.Namespace;
import io.slipway.model.cloudformation.CreateChangeSetInput;
import io.slipway.model.cloudformation.CreateChangeSetOutput;
import io.slipway.model.cloudformation.CreateStackInput;
import io.slipway.model.cloudformation.CreateStackOutput;
import io.slipway.model.cloudformation.DeleteChangeSetInput;
import io.slipway.model.cloudformation.DeleteChangeSetOutput;
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
import io.slipway.model.cloudformation.ExecuteChangeSetOutput;
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
import io.slipway.model.cloudformation.UpdateStackInput;
import io.slipway.model.cloudformation.UpdateStackOutput;
import io.slipway.model.cloudformation.ValidateTemplateInput;
import io.slipway.model.cloudformation.ValidateTemplateOutput;
import io.slipway.model.cloudformation.ActivateTypeInput;
import io.slipway.model.cloudformation.ActivateTypeOutput;
import io.slipway.model.cloudformation.BatchDescribeTypeConfigurationsInput;
import io.slipway.model.cloudformation.BatchDescribeTypeConfigurationsOutput;
import io.slipway.model.cloudformation.CloudFormationHandler;
import io.slipway.model.cloudformation.DeactivateTypeInput;
import io.slipway.model.cloudformation.DeactivateTypeOutput;
import io.slipway.model.cloudformation.DescribeTypeInput;
import io.slipway.model.cloudformation.DescribeTypeOutput;
import io.slipway.model.cloudformation.GetHookResultInput;
import io.slipway.model.cloudformation.GetHookResultOutput;
import io.slipway.model.cloudformation.ListHookResultsInput;
import io.slipway.model.cloudformation.ListHookResultsOutput;
import io.slipway.model.cloudformation.ListTypesInput;
import io.slipway.model.cloudformation.ListTypesOutput;
import io.slipway.model.cloudformation.SetTypeConfigurationInput;
import io.slipway.model.cloudformation.SetTypeConfigurationOutput;
import io.slipway.model.runtime.RequestContext;

/**
 * The CloudFormation operations Slipway serves: stacks and change sets ({@link StackApi}), the
 * hook registry and hook results. Thin: each operation maps to one domain call.
 */
public final class CloudFormationApi implements CloudFormationHandler {
    private final HookResults hookResults;
    private final HookTypes hookTypes;
    private final HookTypeQueries hookTypeQueries;
    private final StackApi stacks;

    public CloudFormationApi(HookResults hookResults, HookTypes hookTypes, StackApi stacks) {
        this.hookResults = hookResults;
        this.hookTypes = hookTypes;
        this.hookTypeQueries = new HookTypeQueries(hookTypes);
        this.stacks = stacks;
    }

    @Override
    public ListHookResultsOutput listHookResults(ListHookResultsInput in, RequestContext ctx) {
        return hookResults.list(Namespace.of(ctx), in);
    }

    @Override
    public GetHookResultOutput getHookResult(GetHookResultInput in, RequestContext ctx) {
        return hookResults.get(Namespace.of(ctx), in);
    }

    @Override
    public ActivateTypeOutput activateType(ActivateTypeInput in, RequestContext ctx) {
        return hookTypes.activate(Namespace.of(ctx), in);
    }

    @Override
    public DeactivateTypeOutput deactivateType(DeactivateTypeInput in, RequestContext ctx) {
        hookTypes.deactivate(Namespace.of(ctx), in);
        return DeactivateTypeOutput.builder().build();
    }

    @Override
    public SetTypeConfigurationOutput setTypeConfiguration(SetTypeConfigurationInput in, RequestContext ctx) {
        return SetTypeConfigurationOutput.builder().configurationArn(hookTypes.setConfiguration(Namespace.of(ctx),
                in.typeArn(), in.type(), in.typeName(), in.configurationAlias(), in.configuration())).build();
    }

    @Override
    public BatchDescribeTypeConfigurationsOutput batchDescribeTypeConfigurations(
            BatchDescribeTypeConfigurationsInput in, RequestContext ctx) {
        return hookTypeQueries.describeConfigurations(Namespace.of(ctx), in);
    }

    @Override
    public DescribeTypeOutput describeType(DescribeTypeInput in, RequestContext ctx) {
        Namespace ns = Namespace.of(ctx);
        if (ResourceTypeQueries.asksForResource(ns, in.type(), in.arn())) {
            String named = in.arn() != null ? in.arn() : in.typeName();
            return ResourceTypeQueries.describe(ns, in.arn(), in.typeName()).orElseThrow(() ->
                    io.slipway.model.cloudformation.CloudFormationErrors.TYPE_NOT_FOUND.exception(
                            "The type '" + named + "' cannot be found."));
        }
        return hookTypeQueries.describe(ns, in);
    }

    @Override
    public ListTypesOutput listTypes(ListTypesInput in, RequestContext ctx) {
        return hookTypeQueries.list(Namespace.of(ctx), in);
    }

    @Override
    public CreateStackOutput createStack(CreateStackInput in, RequestContext ctx) {
        return stacks.createStack(Namespace.of(ctx), in);
    }

    @Override
    public UpdateStackOutput updateStack(UpdateStackInput in, RequestContext ctx) {
        return stacks.updateStack(Namespace.of(ctx), in);
    }

    @Override
    public void deleteStack(DeleteStackInput in, RequestContext ctx) {
        stacks.deleteStack(Namespace.of(ctx), in);
    }

    @Override
    public DescribeStacksOutput describeStacks(DescribeStacksInput in, RequestContext ctx) {
        return stacks.describeStacks(Namespace.of(ctx), in);
    }

    @Override
    public ListStacksOutput listStacks(ListStacksInput in, RequestContext ctx) {
        return stacks.listStacks(Namespace.of(ctx), in);
    }

    @Override
    public DescribeStackEventsOutput describeStackEvents(DescribeStackEventsInput in, RequestContext ctx) {
        return stacks.describeStackEvents(Namespace.of(ctx), in);
    }

    @Override
    public DescribeStackResourceOutput describeStackResource(DescribeStackResourceInput in, RequestContext ctx) {
        return stacks.describeStackResource(Namespace.of(ctx), in);
    }

    @Override
    public DescribeStackResourcesOutput describeStackResources(DescribeStackResourcesInput in, RequestContext ctx) {
        return stacks.describeStackResources(Namespace.of(ctx), in);
    }

    @Override
    public ListStackResourcesOutput listStackResources(ListStackResourcesInput in, RequestContext ctx) {
        return stacks.listStackResources(Namespace.of(ctx), in);
    }

    @Override
    public GetTemplateOutput getTemplate(GetTemplateInput in, RequestContext ctx) {
        return stacks.getTemplate(Namespace.of(ctx), in);
    }

    @Override
    public GetTemplateSummaryOutput getTemplateSummary(GetTemplateSummaryInput in, RequestContext ctx) {
        return stacks.getTemplateSummary(Namespace.of(ctx), in);
    }

    @Override
    public ValidateTemplateOutput validateTemplate(ValidateTemplateInput in, RequestContext ctx) {
        return stacks.validateTemplate(Namespace.of(ctx), in);
    }

    @Override
    public ListExportsOutput listExports(ListExportsInput in, RequestContext ctx) {
        return stacks.listExports(Namespace.of(ctx), in);
    }

    @Override
    public CreateChangeSetOutput createChangeSet(CreateChangeSetInput in, RequestContext ctx) {
        return stacks.createChangeSet(Namespace.of(ctx), in);
    }

    @Override
    public DescribeChangeSetOutput describeChangeSet(DescribeChangeSetInput in, RequestContext ctx) {
        return stacks.describeChangeSet(Namespace.of(ctx), in);
    }

    @Override
    public ExecuteChangeSetOutput executeChangeSet(ExecuteChangeSetInput in, RequestContext ctx) {
        stacks.executeChangeSet(Namespace.of(ctx), in);
        return ExecuteChangeSetOutput.builder().build();
    }

    @Override
    public DeleteChangeSetOutput deleteChangeSet(DeleteChangeSetInput in, RequestContext ctx) {
        stacks.deleteChangeSet(Namespace.of(ctx), in);
        return DeleteChangeSetOutput.builder().build();
    }

    @Override
    public ListChangeSetsOutput listChangeSets(ListChangeSetsInput in, RequestContext ctx) {
        return stacks.listChangeSets(Namespace.of(ctx), in);
    }

    @Override
    public DescribeChangeSetHooksOutput describeChangeSetHooks(DescribeChangeSetHooksInput in, RequestContext ctx) {
        return stacks.describeChangeSetHooks(Namespace.of(ctx), in);
    }
}
