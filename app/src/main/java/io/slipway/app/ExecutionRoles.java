package io.slipway.app;

import io.slipway.lambda.runtime.ExecutionRoleCredentials;
import io.slipway.sts.RoleCredentials;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Lambda's execution-role credentials, minted by STS: the function acts as
 * {@code arn:aws:sts::<account>:assumed-role/<role>/<function>}, as on AWS. A role of another account
 * is refused (Lambda takes an execution role of the function's own account).
 *
 * In verification mode Lambda refuses, as AWS does, a role it cannot assume (CreateFunction's
 * InvalidParameterValueException): the account's own credentials a function would otherwise fall
 * back to sign nothing there.
 *
 * @param sts          STS's published interface; a supplier because STS is assembled after the Lambda runtime
 * @param refuseUnknown whether roles that cannot be minted are refused (verification mode)
 */
record ExecutionRoles(Supplier<RoleCredentials> sts, boolean refuseUnknown) implements ExecutionRoleCredentials {

    @Override
    public Credentials mint(String account, String roleArn, String functionName) {
        otherAccount(account, roleArn).ifPresent(why -> {
            throw new IllegalArgumentException(why);
        });
        RoleCredentials.Issued issued = sts.get().assume(roleArn, functionName);
        return new Credentials(issued.accessKeyId(), issued.secretAccessKey(), issued.sessionToken(), issued.expiration());
    }

    @Override
    public Optional<String> refusal(String account, String roleArn) {
        if (!refuseUnknown) {
            return Optional.empty();
        }
        return otherAccount(account, roleArn).or(() -> sts.get().unassumable(roleArn));
    }

    /** Why the role cannot act for {@code account}: it is not one of that account's roles. */
    static Optional<String> otherAccount(String account, String roleArn) {
        String[] arn = roleArn.split(":", 6);
        return arn.length < 6 || !arn[4].equals(account) ? Optional.of("the role " + roleArn + " is not of account " + account)
                : Optional.empty();
    }
}
