package io.slipway.codedeploy.deployment;

import io.slipway.core.Namespace;
import io.slipway.engine.store.Tx;
import io.slipway.model.codedeploy.ErrorInformation;

import java.util.Optional;

/**
 * What a Lambda deployment needs of the Lambda service: that the function, its alias and both
 * versions exist, and the alias's routing moved as traffic shifts. The app connects it to
 * Slipway's Lambda; both run in the deployment step's transaction.
 */
public interface LambdaFunctions {

    /** Empty when the AppSpec's function, alias and versions are all there; else why the deployment fails. */
    Optional<ErrorInformation> check(Tx tx, Namespace ns, String function, String alias, String currentVersion,
                                     String targetVersion);

    /** Sends {@code targetPercent} of the alias's invocations to the target version, the rest to the current one. */
    void route(Tx tx, Namespace ns, String function, String alias, String currentVersion, String targetVersion,
               double targetPercent);
}
