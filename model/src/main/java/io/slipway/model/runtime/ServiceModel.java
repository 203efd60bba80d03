package io.slipway.model.runtime;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A service's identity on the wire and its operations. */
public final class ServiceModel {
    private final String serviceId;
    private final String protocol;
    private final String targetPrefix;
    private final String apiVersion;
    private final String signingName;
    private final String xmlNamespace;
    private final Map<String, Operation> operations = new HashMap<>();
    private final Map<String, Shape> shapes;

    public ServiceModel(String serviceId, String protocol, String targetPrefix, String apiVersion,
                        String signingName, String xmlNamespace, List<Operation> operations) {
        this(serviceId, protocol, targetPrefix, apiVersion, signingName, xmlNamespace, operations, Map.of());
    }

    public ServiceModel(String serviceId, String protocol, String targetPrefix, String apiVersion,
                        String signingName, String xmlNamespace, List<Operation> operations,
                        Map<String, Shape> shapes) {
        this.shapes = Map.copyOf(shapes);
        this.serviceId = serviceId;
        this.protocol = protocol;
        this.targetPrefix = targetPrefix;
        this.apiVersion = apiVersion;
        this.signingName = signingName;
        this.xmlNamespace = xmlNamespace;
        operations.forEach(op -> this.operations.put(op.name(), op));
    }

    /**
     * The same operations and shapes under another identity on the wire: for a service AWS serves
     * twice, under two target prefixes and signing names, with one set of shapes (the CodeDeploy
     * agent's classic and secure command services). The service id stays, so lists of services name
     * it once.
     */
    public ServiceModel presentedAs(String otherTargetPrefix, String otherApiVersion, String otherSigningName) {
        return new ServiceModel(serviceId, protocol, otherTargetPrefix, otherApiVersion, otherSigningName, xmlNamespace,
                List.copyOf(operations.values()), shapes);
    }

    public String serviceId() {
        return serviceId;
    }

    /** botocore's protocol name: json, query, rest-json or rest-xml. */
    public String protocol() {
        return protocol;
    }

    public String targetPrefix() {
        return targetPrefix;
    }

    public String apiVersion() {
        return apiVersion;
    }

    public String signingName() {
        return signingName;
    }

    public String xmlNamespace() {
        return xmlNamespace;
    }

    public Optional<Operation> operation(String name) {
        return Optional.ofNullable(operations.get(name));
    }

    /** A shape by its model name; services use it to store documents in their wire form. */
    public Shape shape(String name) {
        Shape shape = shapes.get(name);
        if (shape == null) {
            throw new IllegalArgumentException(serviceId + " has no shape " + name);
        }
        return shape;
    }

    public Collection<Operation> operations() {
        return operations.values();
    }
}
