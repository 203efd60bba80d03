package io.slipway.cloudformation.hooks;

import io.slipway.core.Namespace;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The event a Lambda hook's function receives, in AWS's layout and key order: the same request
 * for every call of one hook run, with {@code requestContext} counting the calls and carrying back
 * the context an IN_PROGRESS answer asked for.
 */
final class HookRequest {
    private final Map<String, Object> event;

    private HookRequest(Map<String, Object> event) {
        this.event = event;
    }

    /** @param payloadUrl where a STACK or CHANGE_SET target's payload is served; null for RESOURCE */
    static HookRequest of(Namespace ns, ActiveHook hook, HookTarget target, String clientRequestToken,
                          String payloadUrl) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("clientRequestToken", clientRequestToken);
        event.put("awsAccountId", ns.account());
        event.put("stackId", target.stackId());
        event.put("changeSetId", target.changeSetId());
        event.put("hookTypeName", hook.typeName());
        event.put("hookTypeVersion", HookTypes.TYPE_VERSION);
        event.put("hookModel", Map.of("LambdaFunction", hook.configuration().lambdaFunction()));
        event.put("actionInvocationPoint", target.action() + "_PRE_PROVISION");
        event.put("requestData", requestData(target, payloadUrl));
        return new HookRequest(event);
    }

    /**
     * Proposed properties are empty on delete and previous ones on create. A delete's target may
     * carry the resource's properties in either field: they are what the resource had.
     */
    private static Map<String, Object> requestData(HookTarget target, String payloadUrl) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("targetName", target.targetName());
        data.put("targetType", target.targetName());
        data.put("targetLogicalId", target.logicalId());
        if (target.isResource()) {
            Map<String, Object> previous = switch (target.action()) {
                case "CREATE" -> Map.of();
                case "DELETE" -> target.previousProperties().isEmpty() ? target.properties() : target.previousProperties();
                default -> target.previousProperties();
            };
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("resourceProperties", target.action().equals("DELETE") ? Map.of() : target.properties());
            model.put("previousResourceProperties", previous);
            data.put("targetModel", model);
        } else {
            data.put("payload", payloadUrl);
        }
        return data;
    }

    String json(int invocation, Object callbackContext) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("invocation", invocation);
        context.put("callbackContext", callbackContext);
        Map<String, Object> call = new LinkedHashMap<>(event);
        call.put("requestContext", context);
        return HookJson.write(call);
    }
}
