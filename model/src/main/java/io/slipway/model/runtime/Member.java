package io.slipway.model.runtime;

/** A member of a structure, list or map, with its target shape and serialization traits. */
public final class Member {
    private final String name;
    private final Shape target;
    private boolean required;
    private String locationName;
    private String location;
    private String queryName;
    private String jsonName;
    private String xmlNamespace;
    private String xmlNamespacePrefix;
    private String timestampFormat;
    private boolean flattened;
    private boolean xmlAttribute;
    private boolean idempotencyToken;
    private boolean hostLabel;
    private boolean jsonValue;
    private boolean payload;

    private Member(String name, Shape target) {
        this.name = name;
        this.target = target;
    }

    public static Member of(String name, Shape target) {
        return new Member(name, target);
    }

    public Member required() {
        this.required = true;
        return this;
    }

    /** The element name in XML and the key in awsQuery forms; for rest protocols, the header or query name. */
    public Member locationName(String value) {
        this.locationName = value;
        return this;
    }

    /** Where a rest protocol binds the member: header, headers, querystring, uri, statusCode. */
    public Member location(String value) {
        this.location = value;
        return this;
    }

    public Member queryName(String value) {
        this.queryName = value;
        return this;
    }

    public Member jsonName(String value) {
        this.jsonName = value;
        return this;
    }

    public Member xmlNamespace(String uri) {
        this.xmlNamespace = uri;
        return this;
    }

    /** A namespace declared under a prefix ({@code xmlns:prefix="uri"}); the element itself stays unprefixed. */
    public Member xmlNamespace(String uri, String prefix) {
        this.xmlNamespace = uri;
        this.xmlNamespacePrefix = prefix;
        return this;
    }

    public Member timestampFormat(String format) {
        this.timestampFormat = format;
        return this;
    }

    public Member flattened() {
        this.flattened = true;
        return this;
    }

    public Member xmlAttribute() {
        this.xmlAttribute = true;
        return this;
    }

    public Member idempotencyToken() {
        this.idempotencyToken = true;
        return this;
    }

    public Member hostLabel() {
        this.hostLabel = true;
        return this;
    }

    public Member jsonValue() {
        this.jsonValue = true;
        return this;
    }

    public Member payload() {
        this.payload = true;
        return this;
    }

    public String name() {
        return name;
    }

    public Shape target() {
        return target;
    }

    public boolean isRequired() {
        return required;
    }

    public String locationName() {
        return locationName;
    }

    /** The name a member has in XML and query forms: its locationName, else its own name. */
    public String xmlName() {
        return locationName != null ? locationName : name;
    }

    public String location() {
        return location;
    }

    public String queryName() {
        return queryName;
    }

    public String jsonName() {
        return jsonName;
    }

    public String xmlNamespace() {
        return xmlNamespace;
    }

    /** The prefix the namespace is declared under, or null for a default namespace. */
    public String xmlNamespacePrefix() {
        return xmlNamespacePrefix;
    }

    /** The member's timestamp format, else its target's, else null (the protocol default). */
    public String timestampFormat() {
        return timestampFormat != null ? timestampFormat : target.timestampFormat();
    }

    /** Flattened on the member or its target list or map. */
    public boolean isFlattened() {
        return flattened || target.isFlattened();
    }

    /**
     * The name each item of this flattened list goes by, in XML and in query keys. The two model
     * sources differ: Smithy puts xmlFlattened and the name on the structure member (the list
     * member's own name is then ignored); botocore puts flattened on the list shape and the item
     * name on the list's member.
     */
    public String flattenedItemName() {
        Member item = target.listMember();
        if (!flattened && item != null && item.locationName() != null) {
            return item.locationName();
        }
        return xmlName();
    }

    public boolean isXmlAttribute() {
        return xmlAttribute;
    }

    public boolean isIdempotencyToken() {
        return idempotencyToken;
    }

    public boolean isHostLabel() {
        return hostLabel;
    }

    public boolean isJsonValue() {
        return jsonValue;
    }

    public boolean isPayload() {
        return payload;
    }

    @Override
    public String toString() {
        return name + "->" + target.name();
    }
}
