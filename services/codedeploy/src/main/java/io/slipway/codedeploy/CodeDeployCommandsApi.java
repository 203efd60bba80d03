package io.slipway.codedeploy;

import io.slipway.codedeploy.server.HostCommands;
import io.slipway.codedeploy.server.SpecificationSigner;
import io.slipway.core.Namespace;
import io.slipway.core.protocol.ValidationPolicy;
import io.slipway.core.protocol.Validator;
import io.slipway.model.codedeploycommands.CodeDeployCommandsErrors;
import io.slipway.model.codedeploycommands.CodeDeployCommandsHandler;
import io.slipway.model.codedeploycommands.DeploymentCommandStatus;
import io.slipway.model.codedeploycommands.DeploymentSpecification;
import io.slipway.model.codedeploycommands.Envelope;
import io.slipway.model.codedeploycommands.GetDeploymentSpecificationInput;
import io.slipway.model.codedeploycommands.GetDeploymentSpecificationOutput;
import io.slipway.model.codedeploycommands.PollHostCommandInput;
import io.slipway.model.codedeploycommands.PollHostCommandOutput;
import io.slipway.model.codedeploycommands.PostHostCommandUpdateInput;
import io.slipway.model.codedeploycommands.PostHostCommandUpdateOutput;
import io.slipway.model.codedeploycommands.PutHostCommandAcknowledgementInput;
import io.slipway.model.codedeploycommands.PutHostCommandAcknowledgementOutput;
import io.slipway.model.codedeploycommands.PutHostCommandCompleteInput;
import io.slipway.model.runtime.RequestContext;

/** The CodeDeploy agent command service (CodeDeployCommandService_v20141006), which host agents call. */
public final class CodeDeployCommandsApi implements CodeDeployCommandsHandler {
    /** The command service models no exception but ClientException, so invalid input is one. */
    public static final ValidationPolicy VALIDATION = (operation, violations, generic) ->
            CodeDeployCommandsErrors.CLIENT.exception(Validator.message(violations));

    private final HostCommands commands;
    private final SpecificationSigner signer;

    public CodeDeployCommandsApi(HostCommands commands, SpecificationSigner signer) {
        this.commands = commands;
        this.signer = signer;
    }

    @Override
    public PollHostCommandOutput pollHostCommand(PollHostCommandInput in, RequestContext ctx) {
        return new PollHostCommandOutput(commands.poll(Namespace.of(ctx), ctx.accessKeyId(), in.hostIdentifier()).orElse(null));
    }

    @Override
    public GetDeploymentSpecificationOutput getDeploymentSpecification(GetDeploymentSpecificationInput in,
                                                                       RequestContext ctx) {
        String json = commands.specification(Namespace.of(ctx), ctx.accessKeyId(), in.deploymentExecutionId(), in.hostIdentifier());
        return new GetDeploymentSpecificationOutput("CodeDeploy", new DeploymentSpecification(
                new Envelope(SpecificationSigner.FORMAT, signer.sign(json)), null, null));
    }

    @Override
    public PutHostCommandAcknowledgementOutput putHostCommandAcknowledgement(PutHostCommandAcknowledgementInput in,
                                                                             RequestContext ctx) {
        return new PutHostCommandAcknowledgementOutput(DeploymentCommandStatus.fromValue(
                commands.acknowledge(Namespace.of(ctx), ctx.accessKeyId(), in.hostCommandIdentifier())));
    }

    @Override
    public PostHostCommandUpdateOutput postHostCommandUpdate(PostHostCommandUpdateInput in, RequestContext ctx) {
        return new PostHostCommandUpdateOutput(DeploymentCommandStatus.fromValue(
                commands.update(Namespace.of(ctx), ctx.accessKeyId(), in.hostCommandIdentifier(), in.estimatedCompletionTime())));
    }

    @Override
    public void putHostCommandComplete(PutHostCommandCompleteInput in, RequestContext ctx) {
        Envelope diagnostics = in.diagnostics();
        commands.complete(Namespace.of(ctx), ctx.accessKeyId(), in.hostCommandIdentifier(), in.commandStatus().value(),
                diagnostics == null ? null : diagnostics.format(), diagnostics == null ? null : diagnostics.payload());
    }
}
