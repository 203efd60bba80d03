package io.slipway.app.resources;

import io.slipway.cloudformation.resource.PhysicalNames;
import io.slipway.cloudformation.resource.ResourceRequest;

import java.util.Locale;

/**
 * The property that names a resource (BucketName, FunctionName, ApplicationName, ...). When the
 * template sets it, the name is the user's; when it does not, CloudFormation generates one. A
 * change of the property, including setting or removing it, replaces the resource, as AWS does.
 *
 * @param lowerCase whether generated names must be lower case (S3 bucket names)
 */
record NameProperty(String property, int maxLength, boolean lowerCase) {

    static NameProperty of(String property, int maxLength) {
        return new NameProperty(property, maxLength, false);
    }

    /** The template's name or a generated one, for a first creation. */
    String forCreate(ResourceRequest request, ResourceProperties p) {
        return p.string(property).orElseGet(() -> style(PhysicalNames.generate(request, maxLength)));
    }

    /** The template's name or a generated one that differs from {@code replacing}. */
    String forReplacement(ResourceRequest request, ResourceProperties p, String replacing) {
        return p.string(property).orElseGet(() -> style(PhysicalNames.replacement(request, replacing, maxLength)));
    }

    /** Whether the template chose the name (then CloudFormation never takes over one that exists). */
    boolean chosen(ResourceProperties p) {
        return p.has(property);
    }

    boolean changed(ResourceProperties p, ResourceProperties previous) {
        return p.changed(previous, property);
    }

    private String style(String name) {
        return lowerCase ? name.toLowerCase(Locale.ROOT) : name;
    }
}
