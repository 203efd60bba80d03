package io.slipway.core.protocol;

import io.slipway.model.runtime.AwsError;
import io.slipway.model.runtime.AwsException;
import io.slipway.model.runtime.Operation;

import java.util.List;

/**
 * How a service reports model-constraint violations. Most answer the protocol's generic validation
 * error; some (CodeDeploy) answer with their own modelled exceptions, such as
 * ApplicationNameRequiredException, and supply a policy that says so.
 */
@FunctionalInterface
public interface ValidationPolicy {
    ValidationPolicy GENERIC = (operation, violations, generic) -> generic.exception(Validator.message(violations));

    AwsException toException(Operation operation, List<Violation> violations, AwsError genericError);
}
