package io.slipway.agent.spec;

/** How a revision's bundle is packed; the name is the value in the deployment specification. */
public enum BundleType {
    ZIP("zip"), TAR("tar"), TGZ("tgz");

    private final String value;

    BundleType(String value) {
        this.value = value;
    }

    /** Also the extension of the downloaded file, {@code bundle.<value>}. */
    public String value() {
        return value;
    }

    public static BundleType of(String value) throws SpecificationException {
        for (BundleType t : values()) {
            if (t.value.equals(value)) {
                return t;
            }
        }
        throw new SpecificationException("BundleType in S3Revision must be tar, tgz or zip, not '" + value + "'");
    }
}
