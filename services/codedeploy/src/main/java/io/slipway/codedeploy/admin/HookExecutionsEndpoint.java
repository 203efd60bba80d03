package io.slipway.codedeploy.admin;

import io.slipway.codedeploy.deployment.Deployments;
import io.slipway.codedeploy.deployment.HookExecution;
import io.slipway.core.Namespace;
import io.slipway.core.codec.FormParser;
import io.slipway.core.codec.Timestamps;
import io.slipway.core.http.HttpRequest;
import io.slipway.core.http.HttpResponse;
import io.slipway.core.admin.AdminEndpoint;
import io.slipway.core.admin.AdminEndpoints;
import io.slipway.model.runtime.RequestContext;

import java.util.Map;

/**
 * {@code GET /_slipway/codedeploy/hook-executions}: the caller's lifecycle hooks that wait for a
 * PutLifecycleEventHookExecutionStatus report, oldest first, so that a person or a test can answer
 * hooks whose function Slipway does not call. The caller is the request's SigV4 credential scope,
 * as for CodeDeploy's own operations (unsigned: account 000000000000, us-east-1); an {@code account}
 * or {@code region} parameter naming another namespace is refused.
 */
public final class HookExecutionsEndpoint implements AdminEndpoint {
    public static final String PATH = "/_slipway/codedeploy/hook-executions";
    private final Deployments deployments;

    public HookExecutionsEndpoint(Deployments deployments) {
        this.deployments = deployments;
    }

    @Override
    public HttpResponse handle(HttpRequest request, RequestContext context) {
        Map<String, String> query = FormParser.parse(request.rawQuery());
        Namespace ns = Namespace.of(context);
        if (!query.getOrDefault("account", ns.account()).equals(ns.account())
                || !query.getOrDefault("region", ns.region()).equals(ns.region())) {
            return AdminEndpoints.error(403, "AccessDenied", "Hook executions are listed for the caller's own account and "
                    + "region (" + ns.account() + ", " + ns.region() + "): sign the request with that account's credentials");
        }
        return AdminEndpoints.json(200, g -> {
            g.writeArrayFieldStart("hookExecutions");
            for (HookExecution e : deployments.pendingHooks(ns)) {
                g.writeStartObject();
                g.writeStringField("deploymentId", e.deploymentId());
                g.writeStringField("lifecycleEventName", e.lifecycleEventName());
                g.writeStringField("functionName", e.functionName());
                g.writeStringField("lifecycleEventHookExecutionId", e.executionId());
                g.writeStringField("startedAt", Timestamps.iso(e.startedAt()));
                if (e.functionError() != null) {
                    // the call failed; the hook still waits for its report, as on AWS
                    g.writeStringField("functionError", e.functionError());
                    g.writeStringField("logTail", e.logTail());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }
}
