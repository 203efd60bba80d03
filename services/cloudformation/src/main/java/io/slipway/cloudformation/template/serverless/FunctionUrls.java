package io.slipway.cloudformation.template.serverless;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A function's {@code FunctionUrlConfig} as SAM expands it: {@code <Fn>Url} (AWS::Lambda::Url on the
 * alias when AutoPublishAlias is set, else on the function) and, for AuthType NONE, the public
 * permissions {@code <Fn>UrlPublicPermissions} (lambda:InvokeFunctionUrl) and
 * {@code <Fn>URLInvokeAllowPublicAccess} (lambda:InvokeFunction through the URL only).
 */
final class FunctionUrls {
    /** The Cors members SAM accepts and the type each must have. */
    private static final Map<String, Class<?>> CORS = Map.of("AllowOrigins", List.class, "AllowMethods", List.class,
            "AllowCredentials", Boolean.class, "AllowHeaders", List.class, "ExposeHeaders", List.class, "MaxAge", Number.class);
    private static final Map<Class<?>, String> PYTHON_TYPES = Map.of(List.class, "list", Boolean.class, "bool",
            Number.class, "int");

    private FunctionUrls() {
    }

    static void add(ServerlessResource fn, Object given, String aliasId, Expansion out) {
        String id = fn.logicalId();
        if (!(given instanceof Map<?, ?> config)) {
            throw ServerlessErrors.invalidResource(id, "Property 'FunctionUrlConfig' should be a map.");
        }
        boolean intrinsic = Globals.intrinsic(config);
        Object authType = config.get("AuthType");
        if (!intrinsic && !(authType instanceof Map<?, ?> a && Globals.intrinsic(a))
                && !"AWS_IAM".equals(authType) && !"NONE".equals(authType)) {
            throw ServerlessErrors.invalidResource(id, "AuthType is required to configure function property "
                    + "`FunctionUrlConfig`. Please provide either AWS_IAM or NONE.");
        }
        Object cors = config.get("Cors");
        if (!intrinsic && cors instanceof Map<?, ?> members && !Globals.intrinsic(members)) {
            members.forEach((name, value) -> {
                Class<?> type = CORS.get(String.valueOf(name));
                if (type == null) {
                    throw ServerlessErrors.invalidResource(id, name + " is not a valid property for configuring Cors.");
                }
                if (!(value instanceof Map<?, ?> v && Globals.intrinsic(v)) && !type.isInstance(value)) {
                    throw ServerlessErrors.invalidResource(id, name + " must be of type " + PYTHON_TYPES.get(type) + ".");
                }
            });
        }
        Object target = aliasId != null ? Map.of("Ref", aliasId) : Map.of("Ref", id);
        Map<String, Object> url = new LinkedHashMap<>();
        url.put("TargetFunctionArn", target);
        url.put("AuthType", authType);
        ExecutionRoles.putIfPresent(url, "Cors", cors == null || cors instanceof Map<?, ?> m && m.isEmpty() ? null : cors);
        ExecutionRoles.putIfPresent(url, "InvokeMode", config.get("InvokeMode"));
        out.add(id + "Url", "AWS::Lambda::Url", url, fn);
        if (!"NONE".equals(authType) || intrinsic) {
            return;
        }
        Map<String, Object> publicUrl = new LinkedHashMap<>();
        publicUrl.put("Action", "lambda:InvokeFunctionUrl");
        publicUrl.put("FunctionName", target);
        publicUrl.put("Principal", "*");
        publicUrl.put("FunctionUrlAuthType", "NONE");
        out.add(id + "UrlPublicPermissions", "AWS::Lambda::Permission", publicUrl, fn);
        Map<String, Object> invoke = new LinkedHashMap<>();
        invoke.put("Action", "lambda:InvokeFunction");
        invoke.put("Principal", "*");
        invoke.put("FunctionName", target);
        invoke.put("InvokedViaFunctionUrl", true);
        out.add(id + "URLInvokeAllowPublicAccess", "AWS::Lambda::Permission", invoke, fn);
    }
}
