package io.slipway.app.resources;

import io.slipway.cloudformation.resource.Progress;
import io.slipway.cloudformation.resource.Provisioned;
import io.slipway.cloudformation.resource.ResourceRequest;
import io.slipway.core.codec.JsonCodec;
import io.slipway.model.codedeploy.CreateDeploymentInput;
import io.slipway.model.codedeploy.GetDeploymentInput;
import io.slipway.model.codedeploy.ListDeploymentsInput;
import io.slipway.model.runtime.AwsException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * An alias's {@code UpdatePolicy: CodeDeployLambdaAliasUpdate}: a stack update that moves the
 * alias to another version does not call UpdateAlias but starts a CodeDeploy deployment in the
 * named group, with the AppSpec CloudFormation writes (the alias, its current and target
 * versions, the two hooks), and the alias's update waits until the deployment ends. CodeDeploy
 * moves the alias as its config shifts traffic; a deployment that fails or is stopped fails the
 * resource, and the stack's rollback puts the alias back with UpdateAlias (the engine gives a
 * rollback no update policy, as AWS rolls an alias back directly).
 *
 * <p>The deployment's id is the callback context, so a restart polls the same deployment. A
 * restart between CreateDeployment and the context being stored finds the group busy
 * (DeploymentLimitExceededException): the active deployment with this very AppSpec is adopted.
 */
final class AliasDeployments {
    static final String POLICY = "CodeDeployLambdaAliasUpdate";
    static final String DEPLOYMENT_ID = "DeploymentId";
    /** How often a running deployment is looked at (on Slipway's clock, so a time scale speeds it too). */
    static final Duration POLL = Duration.ofMillis(500);
    private static final Set<String> POLICY_KEYS = Set.of("ApplicationName", "DeploymentGroupName",
            "BeforeAllowTrafficHook", "AfterAllowTrafficHook");
    private static final List<String> ACTIVE = List.of("Created", "Queued", "InProgress", "Baking", "Ready");

    /** What the policy names, its intrinsics already resolved. */
    record Policy(String application, String group, Optional<String> before, Optional<String> after) {
    }

    private final ServiceCalls codeDeploy;
    private final AliasDeploymentWaits waits;

    AliasDeployments(ServiceCalls codeDeploy, AliasDeploymentWaits waits) {
        this.codeDeploy = codeDeploy;
        this.waits = waits;
    }

    /** The request's CodeDeployLambdaAliasUpdate, if its update policy has one. */
    static Optional<Policy> policy(ResourceRequest request) {
        Object raw = request.updatePolicy().get(POLICY);
        if (raw == null) {
            return Optional.empty();
        }
        if (!(raw instanceof Map<?, ?> map)) {
            throw ResourceProperties.of(request.logicalId(), Map.of()).invalid("#/UpdatePolicy/" + POLICY
                    + ": expected type: JSONObject"); // our wording, UNVERIFIED
        }
        @SuppressWarnings("unchecked") Map<String, Object> values = (Map<String, Object>) map;
        ResourceProperties p = new ResourceProperties(request.logicalId(), "#/UpdatePolicy/" + POLICY, values)
                .only(POLICY_KEYS);
        return Optional.of(new Policy(p.requiredString("ApplicationName"), p.requiredString("DeploymentGroupName"),
                p.string("BeforeAllowTrafficHook"), p.string("AfterAllowTrafficHook")));
    }

    /** Starts (or, after a restart, finds) the deployment and waits for it. */
    Progress start(ResourceRequest request, Policy policy, String function, String alias, String current, String target) {
        String appSpec = appSpec(request.logicalId(), function, alias, current, target, policy);
        Map<String, Object> revision = Map.of("revisionType", "AppSpecContent",
                "appSpecContent", Map.of("content", appSpec));
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("applicationName", policy.application());
        input.put("deploymentGroupName", policy.group());
        input.put("revision", revision);
        String id;
        try {
            id = (String) codeDeploy.raw(request, "CreateDeployment", CreateDeploymentInput.fromDocument(input))
                    .get("deploymentId");
        } catch (AwsException e) {
            if (!e.error().code().equals("DeploymentLimitExceededException")) {
                throw codeDeploy.failure(request, e);
            }
            id = ours(request, policy, sha256(appSpec)).orElseThrow(() -> codeDeploy.failure(request, e));
        }
        waits.waiting(request.ns(), id, request.stackId());
        // our wording (UNVERIFIED): AWS's event names the deployment too
        return new Progress.InProgress(Map.of(DEPLOYMENT_ID, id), POLL, "CodeDeploy deployment " + id
                + " started in deployment group " + policy.group() + " of application " + policy.application());
    }

    /**
     * Looks at the deployment: still running, it waits again; Succeeded, the alias is where
     * CodeDeploy put it and {@code done} records it; Failed or Stopped fails the resource.
     */
    Progress poll(ResourceRequest request, String id, Supplier<Provisioned> done) {
        Map<String, Object> info = info(request, id);
        String status = String.valueOf(info.get("status"));
        if (ACTIVE.contains(status)) {
            waits.waiting(request.ns(), id, request.stackId());
            return new Progress.InProgress(Map.of(DEPLOYMENT_ID, id), POLL);
        }
        waits.over(request.ns(), id);
        return switch (status) {
            case "Succeeded" -> new Progress.Success(done.get());
            case "Failed", "Stopped" -> new Progress.Failed(reason(id, status, info));
            default -> new Progress.InProgress(Map.of(DEPLOYMENT_ID, id), POLL);
        };
    }

    /** Our wording (UNVERIFIED): the deployment's id, its end and CodeDeploy's own message. */
    private static String reason(String id, String status, Map<String, Object> info) {
        String message = info.get("errorInformation") instanceof Map<?, ?> error && error.get("message") != null
                ? ": " + error.get("message") : "";
        return "CodeDeploy deployment " + id + " " + (status.equals("Stopped") ? "was stopped" : "failed") + message;
    }

    private Map<String, Object> info(ResourceRequest request, String id) {
        Map<String, Object> out = codeDeploy.call(request, "GetDeployment", new GetDeploymentInput(id), doc -> doc);
        @SuppressWarnings("unchecked") Map<String, Object> info = out.get("deploymentInfo") instanceof Map<?, ?> m
                ? (Map<String, Object>) m : Map.of();
        return info;
    }

    /** The group's active deployment of exactly this AppSpec: the one a crashed first call started. */
    private Optional<String> ours(ResourceRequest request, Policy policy, String sha256) {
        Map<String, Object> listed = codeDeploy.call(request, "ListDeployments", ListDeploymentsInput.fromDocument(
                Map.of("applicationName", policy.application(), "deploymentGroupName", policy.group(),
                        "includeOnlyStatuses", ACTIVE)), doc -> doc);
        if (!(listed.get("deployments") instanceof List<?> ids)) {
            return Optional.empty();
        }
        for (Object id : ids) {
            Map<String, Object> info = info(request, String.valueOf(id));
            if (info.get("revision") instanceof Map<?, ?> revision
                    && revision.get("appSpecContent") instanceof Map<?, ?> content
                    && sha256.equals(content.get("sha256"))) {
                return Optional.of(String.valueOf(id));
            }
        }
        return Optional.empty();
    }

    /**
     * The AppSpec CloudFormation writes for the deployment: one AWS::Lambda::Function resource
     * named after the alias's logical id, and the hooks the policy names.
     */
    static String appSpec(String logicalId, String function, String alias, String current, String target, Policy policy) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("Name", function);
        properties.put("Alias", alias);
        properties.put("CurrentVersion", current);
        properties.put("TargetVersion", target);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("version", "0.0");
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("Type", "AWS::Lambda::Function");
        resource.put("Properties", properties);
        spec.put("Resources", List.of(Map.of(logicalId, resource)));
        List<Object> hooks = new java.util.ArrayList<>();
        policy.before().ifPresent(fn -> hooks.add(Map.of("BeforeAllowTraffic", fn)));
        policy.after().ifPresent(fn -> hooks.add(Map.of("AfterAllowTraffic", fn)));
        if (!hooks.isEmpty()) {
            spec.put("Hooks", hooks);
        }
        return JsonCodec.writeDocument(spec);
    }

    private static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
