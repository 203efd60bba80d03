package io.slipway.app.resources;

import io.slipway.cloudformation.resource.ResourceRequest;
import io.slipway.model.runtime.AwsStructure;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A service's TagResource and UntagResource, which CloudFormation calls when a template's Tags
 * change: tags are the one property every taggable type changes in place.
 *
 * @param tag   the service's TagResource input for an ARN and the tags to set
 * @param untag the service's UntagResource input for an ARN and the keys to remove
 */
record ResourceTagging(ServiceCalls service, BiFunction<String, Map<String, String>, AwsStructure> tag,
                       BiFunction<String, List<String>, AwsStructure> untag) {

    /** Brings the resource's tags from the previous template's Tags to the new one's. */
    void retag(ResourceRequest request, String arn, ResourceProperties previous, ResourceProperties p) {
        TagChanges changes = TagChanges.between(previous.tags("Tags"), p.tags("Tags"));
        if (!changes.removed().isEmpty()) {
            service.call(request, "UntagResource", untag.apply(arn, changes.removed()));
        }
        if (!changes.set().isEmpty()) {
            service.call(request, "TagResource", tag.apply(arn, changes.set()));
        }
    }
}
