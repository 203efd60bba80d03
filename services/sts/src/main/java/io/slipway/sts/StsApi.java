package io.slipway.sts;

import io.slipway.iam.IamDirectory;
import io.slipway.model.runtime.AwsErrors;
import io.slipway.model.runtime.RequestContext;
import io.slipway.model.sts.AssumeRoleRequest;
import io.slipway.model.sts.AssumeRoleResponse;
import io.slipway.model.sts.AssumeRoleWithWebIdentityRequest;
import io.slipway.model.sts.AssumeRoleWithWebIdentityResponse;
import io.slipway.model.sts.AssumedRoleUser;
import io.slipway.model.sts.Credentials;
import io.slipway.model.sts.DecodeAuthorizationMessageRequest;
import io.slipway.model.sts.DecodeAuthorizationMessageResponse;
import io.slipway.model.sts.FederatedUser;
import io.slipway.model.sts.GetAccessKeyInfoRequest;
import io.slipway.model.sts.GetAccessKeyInfoResponse;
import io.slipway.model.sts.GetCallerIdentityRequest;
import io.slipway.model.sts.GetCallerIdentityResponse;
import io.slipway.model.sts.GetFederationTokenRequest;
import io.slipway.model.sts.GetFederationTokenResponse;
import io.slipway.model.sts.GetSessionTokenRequest;
import io.slipway.model.sts.GetSessionTokenResponse;
import io.slipway.model.sts.StsHandler;

import java.time.Duration;
import java.util.function.UnaryOperator;

import static io.slipway.model.sts.StsErrors.INVALID_AUTHORIZATION_MESSAGE;

/** STS's operations: thin mappings onto callers, sessions and role sessions. */
final class StsApi implements StsHandler {
    /** GetSessionToken and GetFederationToken: 12 hours unless asked otherwise; an account's own credentials get one hour at most. */
    private static final Duration TOKEN_DEFAULT = Duration.ofHours(12);
    private static final Duration ROOT_MAX = Duration.ofHours(1);

    private final Sessions sessions;
    private final IamDirectory iam;
    private final RoleSessions roles;
    private final UnaryOperator<String> accountOfKey;

    /** @param accountOfKey the account a key acts in, as the Router decides it */
    StsApi(Sessions sessions, IamDirectory iam, UnaryOperator<String> accountOfKey) {
        this.sessions = sessions;
        this.iam = iam;
        this.roles = new RoleSessions(iam, sessions);
        this.accountOfKey = accountOfKey;
    }

    private Caller caller(RequestContext ctx) {
        return Caller.of(ctx, sessions, iam);
    }

    @Override
    public GetCallerIdentityResponse getCallerIdentity(GetCallerIdentityRequest in, RequestContext ctx) {
        Caller caller = caller(ctx);
        return new GetCallerIdentityResponse(caller.userId(), caller.account(), caller.arn());
    }

    @Override
    public AssumeRoleResponse assumeRole(AssumeRoleRequest in, RequestContext ctx) {
        Session s = roles.assume("sts:AssumeRole", caller(ctx), in.roleArn(), in.roleSessionName(), in.durationSeconds());
        return new AssumeRoleResponse(credentials(s), assumedRoleUser(s), PackedPolicies.size(in.policy(), in.policyArns(),
                in.tags()), in.sourceIdentity());
    }

    @Override
    public AssumeRoleWithWebIdentityResponse assumeRoleWithWebIdentity(AssumeRoleWithWebIdentityRequest in, RequestContext ctx) {
        WebIdentityToken token = WebIdentityToken.read(in.webIdentityToken());
        Session s = roles.assume("sts:AssumeRoleWithWebIdentity", null, in.roleArn(), in.roleSessionName(),
                in.durationSeconds());
        return new AssumeRoleWithWebIdentityResponse(credentials(s), token.subject(), assumedRoleUser(s),
                PackedPolicies.size(in.policy(), in.policyArns(), null),
                in.providerId() != null ? in.providerId() : token.issuer(), token.audience(), null);
    }

    @Override
    public GetSessionTokenResponse getSessionToken(GetSessionTokenRequest in, RequestContext ctx) {
        Caller caller = caller(ctx);
        refuseSessionCredentials(caller, "GetSessionToken");
        Session s = sessions.issue("GetSessionToken", caller.account(), caller.arn(), caller.userId(),
                tokenDuration(caller, in.durationSeconds()));
        return new GetSessionTokenResponse(credentials(s));
    }

    @Override
    public GetFederationTokenResponse getFederationToken(GetFederationTokenRequest in, RequestContext ctx) {
        Caller caller = caller(ctx);
        refuseSessionCredentials(caller, "GetFederationToken");
        String arn = "arn:aws:sts::" + caller.account() + ":federated-user/" + in.name();
        String userId = caller.account() + ":" + in.name();
        Session s = sessions.issue("GetFederationToken", caller.account(), arn, userId,
                tokenDuration(caller, in.durationSeconds()));
        return new GetFederationTokenResponse(credentials(s), new FederatedUser(userId, arn),
                PackedPolicies.size(in.policy(), in.policyArns(), in.tags()));
    }

    @Override
    public GetAccessKeyInfoResponse getAccessKeyInfo(GetAccessKeyInfoRequest in, RequestContext ctx) {
        return new GetAccessKeyInfoResponse(accountOfKey.apply(in.accessKeyId()));
    }

    /** Slipway issues no encoded authorization messages (it enforces no permissions), so none decodes. */
    @Override
    public DecodeAuthorizationMessageResponse decodeAuthorizationMessage(DecodeAuthorizationMessageRequest in,
                                                                         RequestContext ctx) {
        throw INVALID_AUTHORIZATION_MESSAGE.exception("The message is not a valid encoded authorization message");
    }

    /** AWS refuses these calls when they are made with temporary credentials. */
    private static void refuseSessionCredentials(Caller caller, String action) {
        if (caller.isSession()) {
            throw RoleSessions.ACCESS_DENIED.exception("Cannot call " + action + " with session credentials");
        }
    }

    private static Duration tokenDuration(Caller caller, Integer requested) {
        boolean root = caller.arn().endsWith(":root");
        Duration duration = requested == null ? (root ? ROOT_MAX : TOKEN_DEFAULT) : Duration.ofSeconds(requested);
        if (root && duration.compareTo(ROOT_MAX) > 0) {
            throw AwsErrors.VALIDATION_ERROR.exception("The requested DurationSeconds exceeds the 1 hour session limit "
                    + "for the root user.");
        }
        return duration;
    }

    private static Credentials credentials(Session s) {
        return new Credentials(s.accessKeyId(), s.secretAccessKey(), s.sessionToken(), s.expiration());
    }

    private static AssumedRoleUser assumedRoleUser(Session s) {
        return new AssumedRoleUser(s.userId(), s.principalArn());
    }
}
