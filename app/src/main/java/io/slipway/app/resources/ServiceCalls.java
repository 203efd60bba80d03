package io.slipway.app.resources;

import io.slipway.cloudformation.resource.ResourceFailure;
import io.slipway.cloudformation.resource.ResourceRequest;
import io.slipway.core.protocol.ServiceBinding;
import io.slipway.core.protocol.Validator;
import io.slipway.core.protocol.Violation;
import io.slipway.engine.clock.SlipwayClock;
import io.slipway.engine.store.IdGenerator;
import io.slipway.model.runtime.AwsErrors;
import io.slipway.model.runtime.AwsException;
import io.slipway.model.runtime.AwsStructure;
import io.slipway.model.runtime.Operation;
import io.slipway.model.runtime.RequestContext;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Calls one of Slipway's services the way a client request would reach it, minus HTTP: the
 * generated input record is checked against the model's constraints (in the service's own
 * validation wording) and handed to the service's dispatcher in the stack's account and region.
 * This keeps CloudFormation's resources subject to exactly the rules the API enforces.
 */
final class ServiceCalls {
    private final String service;
    private final ServiceBinding binding;
    private final SlipwayClock clock;
    private final IdGenerator ids;

    /** @param service the service's name as the AWS SDK puts it in error messages ("Lambda", "CodeDeploy") */
    ServiceCalls(String service, ServiceBinding binding, SlipwayClock clock, IdGenerator ids) {
        this.service = service;
        this.binding = binding;
        this.clock = clock;
        this.ids = ids;
    }

    /** Calls an operation; a service error becomes the resource's failure. */
    <T> T call(ResourceRequest request, String operation, AwsStructure input, Function<Map<String, Object>, T> output) {
        try {
            return output.apply(orEmpty(raw(request, operation, input)));
        } catch (AwsException e) {
            throw failure(request, e);
        }
    }

    /** Calls an operation whose output does not matter. */
    void call(ResourceRequest request, String operation, AwsStructure input) {
        call(request, operation, input, doc -> doc);
    }

    /** Calls a delete operation; a resource that is already gone counts as deleted, as CloudFormation wants. */
    void delete(ResourceRequest request, String operation, AwsStructure input) {
        try {
            raw(request, operation, input);
        } catch (AwsException e) {
            if (HandlerErrorCode.of(e) != HandlerErrorCode.NOT_FOUND) {
                throw failure(request, e);
            }
        }
    }

    /**
     * Calls an operation and lets the service's error through, for callers that treat some errors
     * as answers (a resource that is already gone, a name already taken).
     */
    Map<String, Object> raw(ResourceRequest request, String operation, AwsStructure input) {
        Operation op = binding.model().operation(operation)
                .orElseThrow(() -> new IllegalArgumentException(service + " has no operation " + operation));
        Map<String, Object> document = input.toDocument();
        List<Violation> violations = op.input() == null ? List.of() : Validator.validate(op.input(), document);
        if (!violations.isEmpty()) {
            throw binding.validation().toException(op, violations, AwsErrors.VALIDATION_EXCEPTION);
        }
        RequestContext context = new RequestContext(ids.newId(), request.ns().account(), request.ns().region(),
                binding.model().signingName(), "", clock.now());
        return binding.dispatcher().dispatch(op, document, context);
    }

    ResourceFailure failure(ResourceRequest request, AwsException e) {
        return HandlerErrors.failure(request, service, e);
    }

    private static Map<String, Object> orEmpty(Map<String, Object> output) {
        return output == null ? Map.of() : output;
    }
}
