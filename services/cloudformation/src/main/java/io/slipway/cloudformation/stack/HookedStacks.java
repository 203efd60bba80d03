package io.slipway.cloudformation.stack;

import io.slipway.cloudformation.hooks.HookInvocations;
import io.slipway.cloudformation.hooks.HookOutcome;
import io.slipway.cloudformation.hooks.HookTarget;
import io.slipway.core.Namespace;
import io.slipway.core.codec.JsonCodec;
import io.slipway.model.runtime.Shape;
import io.slipway.model.runtime.ShapeType;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The stack engine's questions, put to the Lambda hooks as AWS puts them: targets and payloads. */
public final class HookedStacks implements StackHooks {
    private static final Shape DOCUMENT = StoredResource.DOCUMENT;

    private final HookInvocations invocations;

    public HookedStacks(HookInvocations invocations) {
        this.invocations = invocations;
    }

    @Override
    public HookOutcome resource(Namespace ns, String stackName, String stackId, String changeSetId, String action,
                                String logicalId, String type, Map<String, Object> properties,
                                Map<String, Object> previousProperties) {
        return invocations.run(ns, new HookTarget("RESOURCE", action, stackName, stackId, changeSetId, type, logicalId,
                properties, previousProperties, null));
    }

    @Override
    public List<HookInvocations.PlannedHook> planned(Namespace ns, String stackName, String stackId, String changeSetId,
                                                     String action, String logicalId, String type) {
        return invocations.planned(ns, new HookTarget("RESOURCE", action, stackName, stackId, changeSetId, type, logicalId,
                Map.of(), Map.of(), null));
    }

    @Override
    public HookOutcome stack(Namespace ns, String stackName, String stackId, String action, String template,
                             String previousTemplate) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("template", template);
        payload.put("previousTemplate", previousTemplate);
        return invocations.run(ns, new HookTarget("STACK", action, stackName, stackId, null, "STACK", stackName,
                Map.of(), Map.of(), json(payload)));
    }

    @Override
    public HookOutcome changeSet(Namespace ns, String stackName, String stackId, String changeSetId, String template,
                                 String changesJson) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("template", template);
        payload.put("changedResources", JsonCodec.readRestJsonValue(changesJson.getBytes(StandardCharsets.UTF_8), DOCUMENT));
        return invocations.run(ns, new HookTarget("CHANGE_SET", "CREATE", stackName, stackId, changeSetId, "CHANGE_SET",
                changeSetId, Map.of(), Map.of(), json(payload)));
    }

    private static String json(Object value) {
        return new String(JsonCodec.writeRestJsonValue(DOCUMENT, value), StandardCharsets.UTF_8);
    }
}
