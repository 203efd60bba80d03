package io.slipway.cloudformation.template.serverless;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code AWS::Serverless::Application}: a nested {@code AWS::CloudFormation::Stack} under the same
 * logical id. A {@code Location} that is a template URL becomes the stack's TemplateURL. A
 * {@code Location} naming an application of the Serverless Application Repository
 * ({@code ApplicationId}, {@code SemanticVersion}) is resolved by SAM through that service, which
 * Slipway does not serve: such a resource is refused with the error SAM gives when it cannot reach
 * the application.
 */
public final class Applications implements ResourceExpander {
    public static final ResourceExpander EXPANDER = new Applications();

    @Override
    public void expand(ServerlessResource resource, Expansion out) {
        String id = resource.logicalId();
        Object location = resource.property("Location");
        if (location == null) {
            throw ServerlessErrors.invalidResource(id, "Resource is missing the required [Location] property.");
        }
        if (location instanceof Map<?, ?> repository) {
            refuseRepository(id, repository);
        }
        Map<?, ?> tags = resource.property("Tags") instanceof Map<?, ?> map ? map : null;
        Tags.checkReserved(id, tags);

        Map<String, Object> stack = new LinkedHashMap<>();
        put(stack, "Parameters", resource.property("Parameters"));
        put(stack, "NotificationARNs", resource.property("NotificationARNs"));
        List<Object> tagList = Tags.list(Map.of(Tags.CREATED_BY, "SAM"));
        tagList.addAll(Tags.list(tags));
        stack.put("Tags", tagList);
        put(stack, "TimeoutInMinutes", resource.property("TimeoutInMinutes"));
        stack.put("TemplateURL", location);
        Event.withDependsOn(out.add(id, "AWS::CloudFormation::Stack", stack, resource), resource);
    }

    /** SAM's checks on a repository location, then the refusal: Slipway has no Serverless Application Repository. */
    private static void refuseRepository(String id, Map<?, ?> location) {
        for (String key : List.of("ApplicationId", "SemanticVersion")) {
            if (!location.containsKey(key)) {
                throw ServerlessErrors.invalidResource(id, "Resource is missing the required [" + key + "] property.");
            }
        }
        Object applicationId = location.get("ApplicationId");
        if (applicationId == null) {
            throw ServerlessErrors.invalidResource(id, "Property 'ApplicationId' is required.");
        }
        if (applicationId instanceof Map<?, ?>) {
            throw ServerlessErrors.invalidResource(id, "Property 'ApplicationId' cannot be resolved. Only FindInMap "
                    + "and Ref intrinsic functions are supported.");
        }
        Object version = location.get("SemanticVersion");
        if (version == null || "".equals(version)) {
            throw ServerlessErrors.invalidResource(id, "Property 'SemanticVersion' cannot be blank.");
        }
        if (version instanceof Map<?, ?>) {
            throw ServerlessErrors.invalidResource(id, "Property 'SemanticVersion' cannot be resolved. Only FindInMap "
                    + "and Ref intrinsic functions are supported.");
        }
        // UNVERIFIED wording: SAM passes on the repository's own error when GetApplication/CreateCloudFormationTemplate
        // fail; this is the shape of its access-denied message, with the reason it fails here.
        throw ServerlessErrors.invalidResource(id, "Cannot access application " + applicationId + " version " + version
                + ": the AWS Serverless Application Repository is not available in Slipway. Use a Location that is "
                + "the URL of the application's template instead.");
    }

    private static void put(Map<String, Object> into, String name, Object value) {
        if (value != null) {
            into.put(name, value);
        }
    }
}
