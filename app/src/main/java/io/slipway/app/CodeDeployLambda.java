package io.slipway.app;

import io.slipway.codedeploy.deployment.LambdaFunctions;
import io.slipway.core.Namespace;
import io.slipway.engine.store.Tx;
import io.slipway.lambda.functions.Aliases;
import io.slipway.model.codedeploy.ErrorCode;
import io.slipway.model.codedeploy.ErrorInformation;

import java.util.Optional;

/** CodeDeploy's Lambda deployments, connected to Slipway's own Lambda functions and aliases. */
final class CodeDeployLambda implements LambdaFunctions {
    private final Aliases aliases;

    CodeDeployLambda(Aliases aliases) {
        this.aliases = aliases;
    }

    @Override
    public Optional<ErrorInformation> check(Tx tx, Namespace ns, String function, String alias, String currentVersion,
                                            String targetVersion) {
        return aliases.problem(tx, ns, function, alias, currentVersion, targetVersion).map(missing -> missing.equals("function")
                ? new ErrorInformation(ErrorCode.INVALID_LAMBDA_FUNCTION, "The Lambda function " + function + " does not exist")
                : new ErrorInformation(ErrorCode.INVALID_LAMBDA_CONFIGURATION, "The " + missing + " of Lambda function "
                        + function + " does not exist"));
    }

    @Override
    public void route(Tx tx, Namespace ns, String function, String alias, String currentVersion, String targetVersion,
                      double targetPercent) {
        aliases.route(tx, ns, function, alias, currentVersion, targetVersion, targetPercent);
    }
}
