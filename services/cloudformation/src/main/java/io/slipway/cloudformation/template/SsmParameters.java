package io.slipway.cloudformation.template;

import io.slipway.core.Namespace;

import java.util.Optional;

/**
 * Systems Manager parameters as CloudFormation reads them: for template parameters of the
 * {@code AWS::SSM::Parameter::Value<...>} types and for {@code {{resolve:ssm:...}}} dynamic
 * references, always in the stack's own account and region. The app connects it to Slipway's SSM;
 * CloudFormation imports no other service.
 */
public interface SsmParameters {
    /** No Parameter Store: every name is missing. */
    SsmParameters NONE = (ns, reference) -> Optional.empty();

    /** The version {@code reference} ({@code name} or {@code name:version}) selects; empty when there is none. */
    Optional<Value> find(Namespace ns, String reference);

    /** @param type String, StringList or SecureString */
    record Value(String type, String value) {
    }
}
