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

/**
 * The CodeDeploy agent command service, which host agents call: classic
 * (CodeDeployCommandService_v20141006, signed for codedeploy-commands) and secure (below).
 */
public final class CodeDeployCommandsApi implements CodeDeployCommandsHandler {
    /*
     * The secure command service, which the agent calls when its configuration sets
     * :enable_auth_policy: true. These three values are the metadata of the agent's own secure SDK
     * model (vendor/gems/codedeploy-commands-1.0.0/apis/CodeDeployCommandSecure.api.json in
     * aws-codedeploy-agent); its operations and shapes are the classic model's, member for member,
     * so it is served by this same handler.
     */
    public static final String SECURE_TARGET_PREFIX = "CodeDeployCommandService";
    public static final String SECURE_API_VERSION = "2019-11-11";
    public static final String SECURE_SIGNING_NAME = "codedeploy-commands-secure";

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
