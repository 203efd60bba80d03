package io.slipway.cloudformation.template;

import io.slipway.core.Namespace;

/**
 * Templates kept in S3, as CloudFormation reads them for TemplateURL, nested stacks and
 * {@code AWS::Include}: always as the caller's own account, so another account's bucket is S3's
 * Access Denied. The app connects it to Slipway's S3; CloudFormation imports no other service.
 */
public interface TemplateObjects {
    /** No S3: every object is out of reach. */
    TemplateObjects NONE = (ns, location, maxBytes) -> {
        throw new TemplateException("S3 error: Access Denied");
    };

    /**
     * The object's text.
     *
     * @throws TemplateException with CloudFormation's message ("S3 error: ...", or the size quota)
     */
    String read(Namespace ns, TemplateLocation location, int maxBytes);

    /** AWS's answer for a template object larger than {@code maxBytes}. */
    static TemplateException tooLarge(int maxBytes) {
        return new TemplateException("Template may not exceed " + maxBytes + " bytes in size.");
    }
}
