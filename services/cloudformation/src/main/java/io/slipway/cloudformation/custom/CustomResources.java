package io.slipway.cloudformation.custom;

import io.slipway.cloudformation.hooks.HookFunctions;
import io.slipway.cloudformation.resource.Progress;
import io.slipway.cloudformation.resource.Provisioned;
import io.slipway.cloudformation.resource.ResourceFailure;
import io.slipway.cloudformation.resource.ResourceRequest;
import io.slipway.cloudformation.resource.WaitingResourceProvider;
import io.slipway.core.Namespace;
import io.slipway.engine.clock.SlipwayClock;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code AWS::CloudFormation::CustomResource} and {@code Custom::*}: each Create, Update and Delete
 * is a request sent to the resource's ServiceToken (a Lambda function invoked with InvocationType
 * Event, as CloudFormation invokes it; an SNS topic is recorded and nothing answers), answered by a
 * PUT to its ResponseURL ({@link CustomResourceResponses}), waited for up to the resource's
 * ServiceTimeout without holding a worker.
 *
 * <p>The handler runs in three calls: the first checks the properties, records the request and
 * answers in progress with its RequestId in the callback context (so a restart reuses it); the
 * next sends it and records that it was sent (so a restart never sends it twice); the following
 * read the response, or fail the resource once the timeout has passed.
 */
public final class CustomResources implements WaitingResourceProvider {
    public static final String TYPE = "AWS::CloudFormation::CustomResource";
    /** The longest and default ServiceTimeout, in seconds. */
    static final int MAX_TIMEOUT = 3600;
    /**
     * How often a waiting request is looked at even if nothing woke its stack: a response that
     * arrives while the stack's work is running cannot wake it (see {@code WorkQueue.wake}).
     */
    static final Duration POLL = Duration.ofSeconds(10);
    /** How Lambda refuses to invoke a function that is not Active yet (Pending after its creation). */
    static final String NOT_READY = "ResourceConflictException";
    /** How soon a request that Lambda could not take yet is sent again. */
    static final Duration RETRY = Duration.ofMillis(500);
    /** How much longer than its timeout a ResponseURL stays valid (our choice, UNVERIFIED). */
    static final Duration URL_GRACE = Duration.ofHours(1);

    private final HookFunctions functions;
    private final CustomResourceResponses responses;
    private final SlipwayClock clock;

    public CustomResources(HookFunctions functions, CustomResourceResponses responses, SlipwayClock clock) {
        this.functions = functions;
        this.responses = responses;
        this.clock = clock;
    }

    /** Whether a resource type is a custom resource. */
    public static boolean isCustom(String type) {
        return type.equals(TYPE) || type.startsWith("Custom::");
    }

    @Override
    public Progress create(ResourceRequest request, Map<String, Object> context) {
        return progress(request, "Create", Optional.empty(), context);
    }

    @Override
    public Progress update(ResourceRequest request, Provisioned current, Map<String, Object> context) {
        return progress(request, "Update", Optional.of(current), context);
    }

    @Override
    public Progress delete(ResourceRequest request, Provisioned current, Map<String, Object> context) {
        return progress(request, "Delete", Optional.of(current), context);
    }

    private Progress progress(ResourceRequest request, String requestType, Optional<Provisioned> current,
                              Map<String, Object> context) {
        Namespace ns = request.ns();
        if (context.isEmpty()) {
            ServiceToken token = ServiceToken.of(ns, request.properties().get("ServiceToken"));
            Duration timeout = serviceTimeout(request.properties().get("ServiceTimeout"));
            String requestId = UUID.randomUUID().toString();
            String url = responses.open(ns, requestId, request.stackId(), request.logicalId(), timeout.plus(URL_GRACE));
            Map<String, Object> next = new LinkedHashMap<>();
            next.put("RequestId", requestId);
            next.put("ResponseURL", url);
            next.put("ServiceToken", token.arn());
            next.put("Deadline", clock.now().plus(timeout).toEpochMilli());
            return new Progress.InProgress(next, Duration.ZERO);
        }
        String requestId = (String) context.get("RequestId");
        Instant deadline = Instant.ofEpochMilli(((Number) context.get("Deadline")).longValue());
        Map<String, Object> record = responses.record(ns, requestId).orElse(Map.of());
        if (Boolean.FALSE.equals(record.get("sent"))) {
            String arn = (String) context.get("ServiceToken");
            if (ServiceToken.of(ns, arn).lambda()) {
                String event = CustomJson.write(event(request, requestType, current, context));
                if (functions.invokeEvent(ns, arn, event) instanceof HookFunctions.Answer.Failed failed) {
                    if (failed.reason().startsWith(NOT_READY) && clock.now().isBefore(deadline)) {
                        // a function the same stack just created may still be Pending: send again shortly
                        return new Progress.InProgress(context, RETRY);
                    }
                    responses.close(ns, requestId);
                    return new Progress.Failed(failed.reason());
                }
            }
            responses.markSent(ns, requestId);
            return waiting(context, deadline);
        }
        if (record.get("refused") instanceof String refused) {
            responses.close(ns, requestId);
            return new Progress.Failed(refused, failedCreate(requestType, requestId, null));
        }
        Map<String, Object> response = CustomJson.object(record.get("response"));
        if (response != null) {
            responses.close(ns, requestId);
            return answered(requestType, requestId, current, response);
        }
        if (record.isEmpty() || !clock.now().isBefore(deadline)) {
            responses.close(ns, requestId);
            return new Progress.Failed("CloudFormation did not receive a response from your Custom Resource. Please check your"
                    + " logs for requestId [" + requestId + "]. If you are using the Python cfn-response module, you may need"
                    + " to update your Lambda function code so that CloudFormation can attach the updated version.",
                    failedCreate(requestType, requestId, null));
        }
        return waiting(context, deadline);
    }

    private Progress waiting(Map<String, Object> context, Instant deadline) {
        Duration left = Duration.between(clock.now(), deadline);
        return new Progress.InProgress(context, left.isNegative() ? Duration.ZERO : left.compareTo(POLL) < 0 ? left : POLL);
    }

    /** What the provider's response means for the resource. */
    private static Progress answered(String requestType, String requestId, Optional<Provisioned> current,
                                     Map<String, Object> response) {
        Object status = response.get("Status");
        Object physical = response.get("PhysicalResourceId");
        String physicalId = physical instanceof String s && !s.isEmpty() ? s : null;
        if ("FAILED".equals(status)) {
            return new Progress.Failed("Received response status [FAILED] from custom resource. Message returned: "
                    + Optional.ofNullable(response.get("Reason")).map(String::valueOf).orElse("") + " (RequestId: "
                    + requestId + ")", failedCreate(requestType, requestId, physicalId));
        }
        if (!"SUCCESS".equals(status)) {
            return new Progress.Failed("Invalid response status: " + status + ". Expected SUCCESS or FAILED.",
                    failedCreate(requestType, requestId, physicalId));
        }
        if (requestType.equals("Delete")) {
            return new Progress.Success(current.orElseThrow());
        }
        if (physicalId == null && current.isEmpty()) {
            return new Progress.Failed("Invalid PhysicalResourceId", failedCreate(requestType, requestId, null));
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        Map<String, Object> data = CustomJson.object(response.get("Data"));
        if (data != null) {
            data.forEach((k, v) -> {
                if (v != null) {
                    attributes.put(k, v instanceof Map<?, ?> || v instanceof List<?> ? v : String.valueOf(v));
                }
            });
        }
        boolean noEcho = Boolean.TRUE.equals(response.get("NoEcho")) || "true".equalsIgnoreCase(String.valueOf(response.get("NoEcho")));
        return new Progress.Success(new Provisioned(physicalId != null ? physicalId : current.get().physicalId(), attributes,
                noEcho));
    }

    /**
     * The physical id a failed Create leaves, so that the rollback sends a Delete for it as AWS
     * does: the one the response named, else the RequestId (our choice, UNVERIFIED).
     */
    private static Optional<String> failedCreate(String requestType, String requestId, String physicalId) {
        return requestType.equals("Create") ? Optional.of(physicalId != null ? physicalId : requestId) : Optional.empty();
    }

    /** CloudFormation's request, as the function receives it. */
    private static Map<String, Object> event(ResourceRequest request, String requestType, Optional<Provisioned> current,
                                             Map<String, Object> context) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("RequestType", requestType);
        event.put("ServiceToken", context.get("ServiceToken"));
        event.put("ResponseURL", context.get("ResponseURL"));
        event.put("StackId", request.stackId());
        event.put("RequestId", context.get("RequestId"));
        event.put("LogicalResourceId", request.logicalId());
        current.ifPresent(c -> event.put("PhysicalResourceId", c.physicalId()));
        event.put("ResourceType", request.type());
        event.put("ResourceProperties", CustomJson.strings(request.properties()));
        if (requestType.equals("Update")) {
            event.put("OldResourceProperties", CustomJson.strings(request.previousProperties()));
        }
        return event;
    }

    /** The resource's ServiceTimeout: 1 to 3600 seconds, 3600 when absent. */
    static Duration serviceTimeout(Object value) {
        if (value == null) {
            return Duration.ofSeconds(MAX_TIMEOUT);
        }
        long seconds;
        try {
            seconds = value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) ? n.longValue()
                    : Long.parseLong(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            seconds = -1;
        }
        if (seconds < 1 || seconds > MAX_TIMEOUT) {
            // our wording (UNVERIFIED): AWS refuses the value when the resource is validated
            throw new ResourceFailure("Properties validation failed for resource with message: [#/ServiceTimeout: "
                    + value + " is not a number between 1 and " + MAX_TIMEOUT + "]");
        }
        return Duration.ofSeconds(seconds);
    }
}
