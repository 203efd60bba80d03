package io.slipway.cloudformation;

import io.slipway.cloudformation.hooks.HookResults;
import io.slipway.cloudformation.hooks.HookTypeQueries;
import io.slipway.cloudformation.hooks.HookTypes;
import io.slipway.core.Namespace;
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

/** The CloudFormation operations Slipway serves so far: hook results and the hook registry. */
public final class CloudFormationApi implements CloudFormationHandler {
    private final HookResults hookResults;
    private final HookTypes hookTypes;
    private final HookTypeQueries hookTypeQueries;

    public CloudFormationApi(HookResults hookResults, HookTypes hookTypes) {
        this.hookResults = hookResults;
        this.hookTypes = hookTypes;
        this.hookTypeQueries = new HookTypeQueries(hookTypes);
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
        return hookTypeQueries.describe(Namespace.of(ctx), in);
    }

    @Override
    public ListTypesOutput listTypes(ListTypesInput in, RequestContext ctx) {
        return hookTypeQueries.list(Namespace.of(ctx), in);
    }
}
