package io.slipway.iam;

import io.slipway.core.protocol.ValidationPolicy;
import io.slipway.core.protocol.Validator;
import io.slipway.core.protocol.Violation;
import io.slipway.model.runtime.AwsError;
import io.slipway.model.runtime.AwsException;
import io.slipway.model.runtime.Operation;

import java.util.List;
import java.util.Set;

/**
 * IAM answers invalid input with ValidationError, in the generic wording ("1 validation error
 * detected: ...") except for names and paths that break their patterns, which IAM reports in its
 * own words (as seen in AWS's answers): "The specified value for roleName is invalid. It must
 * contain only alphanumeric characters and/or the following: +=,.@_-".
 */
public final class IamValidation implements ValidationPolicy {
    private static final Set<String> NAMES = Set.of("UserName", "NewUserName", "RoleName", "GroupName", "NewGroupName",
            "PolicyName", "InstanceProfileName");
    private static final Set<String> PATHS = Set.of("Path", "NewPath");

    @Override
    public AwsException toException(Operation operation, List<Violation> violations, AwsError genericError) {
        Violation first = violations.getFirst();
        if (violations.size() == 1 && first.kind() == Violation.Kind.PATTERN && first.path().indexOf('.') < 0) {
            if (NAMES.contains(first.topMember())) {
                return genericError.exception("The specified value for " + first.path() + " is invalid. It must contain "
                        + "only alphanumeric characters and/or the following: +=,.@_-");
            }
            if (PATHS.contains(first.topMember())) {
                return genericError.exception("The specified value for " + first.path() + " is invalid. It must begin "
                        + "and end with / and contain only alphanumeric characters and/or / characters.");
            }
            if (first.topMember().equals("PathPrefix")) {
                return genericError.exception("The specified value for pathPrefix is invalid. It must begin with the / "
                        + "character and contain only alphanumeric characters and/or / characters.");
            }
        }
        return genericError.exception(Validator.message(violations));
    }
}
