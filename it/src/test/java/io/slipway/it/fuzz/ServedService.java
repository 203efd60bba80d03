package io.slipway.it.fuzz;

import io.slipway.model.cloudformation.CloudFormationModel;
import io.slipway.model.codedeploy.CodeDeployModel;
import io.slipway.model.codedeploycommands.CodeDeployCommandsModel;
import io.slipway.model.codepipeline.CodePipelineModel;
import io.slipway.model.iam.IamModel;
import io.slipway.model.lambda.LambdaModel;
import io.slipway.model.runtime.Operation;
import io.slipway.model.runtime.ServiceModel;
import io.slipway.model.s3.S3Model;
import io.slipway.model.sts.StsModel;
import io.slipway.model.ssm.SsmModel;

import java.util.Comparator;
import java.util.List;

/**
 * A service Slipway serves, as the fuzz suites see it: its trimmed model (the generated shape
 * graph) and its wire protocol. A service Slipway adds is one more line in {@link #ALL}.
 */
public record ServedService(ServiceModel model, Protocol protocol) {

    /** botocore's protocols, as they shape a request. */
    public enum Protocol { JSON, QUERY, REST_JSON, REST_XML }

    public static final List<ServedService> ALL = List.of(
            of(CodeDeployModel.MODEL), of(CodeDeployCommandsModel.MODEL), of(CodePipelineModel.MODEL),
            of(CloudFormationModel.MODEL), of(LambdaModel.MODEL), of(S3Model.MODEL),
            of(IamModel.MODEL), of(StsModel.MODEL), of(SsmModel.MODEL));

    static ServedService of(ServiceModel model) {
        Protocol protocol = switch (model.protocol()) {
            case "json" -> Protocol.JSON;
            case "query" -> Protocol.QUERY;
            case "rest-json" -> Protocol.REST_JSON;
            case "rest-xml" -> Protocol.REST_XML;
            default -> throw new IllegalArgumentException(model.serviceId() + ": protocol " + model.protocol());
        };
        return new ServedService(model, protocol);
    }

    /** The operations in name order, so that a seed always makes the same requests. */
    public List<Operation> operations() {
        return model.operations().stream().sorted(Comparator.comparing(Operation::name)).toList();
    }

    /** The name clients sign for (the agent command service signs as CodeDeploy). */
    public String signingName() {
        return model.signingName() == null ? model.targetPrefix() : model.signingName();
    }

    public String name() {
        return model.serviceId() == null ? model.targetPrefix() : model.serviceId();
    }
}
