package io.slipway.ssm;

import io.slipway.core.Namespace;

import java.util.Optional;

/**
 * What SSM publishes to the rest of Slipway: the value of a parameter, read in an account and
 * region on a caller's behalf (CloudFormation resolving template parameters and dynamic
 * references). It sees only the namespace it is given.
 */
public interface ParameterLookup {

    /**
     * The version {@code reference} selects ({@code name}, {@code name:version}, {@code name:label},
     * or the parameter's ARN), with its plain value; empty when there is none.
     */
    Optional<Value> find(Namespace ns, String reference);

    /** @param type String, StringList or SecureString */
    record Value(String name, String type, String value, long version) {
    }
}
