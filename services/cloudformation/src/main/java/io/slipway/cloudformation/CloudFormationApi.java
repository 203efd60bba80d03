package io.slipway.cloudformation;

import io.slipway.cloudformation.hooks.HookResults;
import io.slipway.core.Namespace;
import io.slipway.model.cloudformation.CloudFormationHandler;
import io.slipway.model.cloudformation.ListHookResultsInput;
import io.slipway.model.cloudformation.ListHookResultsOutput;
import io.slipway.model.runtime.RequestContext;

/** The CloudFormation operations Slipway serves so far. */
public final class CloudFormationApi implements CloudFormationHandler {
    private final HookResults hookResults;

    public CloudFormationApi(HookResults hookResults) {
        this.hookResults = hookResults;
    }

    @Override
    public ListHookResultsOutput listHookResults(ListHookResultsInput in, RequestContext ctx) {
        return hookResults.list(Namespace.of(ctx), in);
    }
}
