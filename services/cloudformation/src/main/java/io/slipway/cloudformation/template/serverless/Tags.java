package io.slipway.cloudformation.template.serverless;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** SAM's {@code Tags} map as CloudFormation's list of Key/Value pairs, and the tags SAM reserves. */
final class Tags {
    static final String CREATED_BY = "lambda:createdBy";
    static final String SAR_APPLICATION = "serverlessrepo:applicationId";
    static final String SAR_VERSION = "serverlessrepo:semanticVersion";

    private Tags() {
    }

    static List<Object> list(Map<?, ?> tags) {
        List<Object> out = new ArrayList<>();
        if (tags != null) {
            tags.forEach((key, value) -> {
                Map<String, Object> tag = new LinkedHashMap<>();
                tag.put("Key", key);
                tag.put("Value", value);
                out.add(tag);
            });
        }
        return out;
    }

    /** SAM refuses user tags named like the ones it sets itself. */
    static void checkReserved(String logicalId, Map<?, ?> tags) {
        if (tags == null) {
            return;
        }
        for (String reserved : List.of(CREATED_BY, SAR_APPLICATION, SAR_VERSION)) {
            if (tags.containsKey(reserved)) {
                throw ServerlessErrors.invalidResource(logicalId, reserved + " is a reserved Tag key name and cannot be set "
                        + "on your resource. Please change the tag key in the input.");
            }
        }
    }
}
