package io.slipway.sts;

import io.slipway.core.identity.IssuedKeys;
import io.slipway.core.protocol.ServiceBinding;
import io.slipway.engine.clock.SlipwayClock;
import io.slipway.engine.store.DocumentStore;
import io.slipway.engine.store.IdGenerator;
import io.slipway.engine.store.Jdbc;
import io.slipway.engine.store.ResourceStore;
import io.slipway.iam.IamDirectory;
import io.slipway.model.sts.StsDispatcher;

import java.util.function.UnaryOperator;

/**
 * STS assembled: the API binding, the session credentials it issued as {@link IssuedKeys}, so
 * that the Router knows which account a request signed with them acts in, and
 * {@link RoleCredentials} for services that act for a role (Lambda's execution roles).
 */
public record StsService(ServiceBinding binding, IssuedKeys sessionKeys, RoleCredentials roleCredentials) {

    /** @param accountOfKey the account any access key acts in, as the Router decides it (for GetAccessKeyInfo) */
    public static StsService create(Jdbc jdbc, ResourceStore resources, SlipwayClock clock, IdGenerator ids,
                                    IamDirectory iam, UnaryOperator<String> accountOfKey) {
        Sessions sessions = new Sessions(new DocumentStore(jdbc, resources), clock, new SecretMaker(ids));
        return new StsService(new ServiceBinding(new StsDispatcher(new StsApi(sessions, iam, accountOfKey))),
                key -> sessions.find(key).map(Session::issuedKey), new RoleSessions(iam, sessions));
    }
}
