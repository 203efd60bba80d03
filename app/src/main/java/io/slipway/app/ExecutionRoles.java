package io.slipway.app;

import io.slipway.lambda.runtime.ExecutionRoleCredentials;
import io.slipway.sts.RoleCredentials;

import java.util.function.Supplier;

/**
 * Lambda's execution-role credentials, minted by STS: the function acts as
 * {@code arn:aws:sts::<account>:assumed-role/<role>/<function>}, as on AWS. A role of another account
 * is refused (Lambda takes an execution role of the function's own account).
 *
 * @param sts STS's published interface; a supplier because STS is assembled after the Lambda runtime
 */
record ExecutionRoles(Supplier<RoleCredentials> sts) implements ExecutionRoleCredentials {

    @Override
    public Credentials mint(String account, String roleArn, String functionName) {
        String[] arn = roleArn.split(":", 6);
        if (arn.length < 6 || !arn[4].equals(account)) {
            throw new IllegalArgumentException("the role " + roleArn + " is not of account " + account);
        }
        RoleCredentials.Issued issued = sts.get().assume(roleArn, functionName);
        return new Credentials(issued.accessKeyId(), issued.secretAccessKey(), issued.sessionToken(), issued.expiration());
    }
}
