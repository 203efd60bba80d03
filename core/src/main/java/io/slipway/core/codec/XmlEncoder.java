package io.slipway.core.codec;

import io.slipway.model.runtime.Member;
import io.slipway.model.runtime.Shape;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Writes the XML of awsQuery responses (and later restXml bodies) by walking shapes: elements are
 * named by members' xmlName, lists wrap {@code <member>} elements unless flattened, maps wrap
 * {@code <entry><key/><value/></entry>}, timestamps are ISO 8601. A member's xmlNamespace is
 * declared on its element; namespaces on shapes are not written (awsQuery honours only the
 * service's, which the caller puts on the envelope).
 */
public final class XmlEncoder {
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    private final XMLStreamWriter w;

    public XmlEncoder() {
        try {
            this.w = FACTORY.createXMLStreamWriter(out, "UTF-8");
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    public XmlEncoder start(String name, String namespace) {
        try {
            w.writeStartElement(name);
            if (namespace != null) {
                w.writeDefaultNamespace(namespace);
            }
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    public XmlEncoder end() {
        try {
            w.writeEndElement();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    public XmlEncoder text(String name, String value) {
        try {
            w.writeStartElement(name);
            w.writeCharacters(value);
            w.writeEndElement();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** Writes a structure's members (not a wrapping element) in model order. */
    public XmlEncoder members(Shape shape, Map<?, ?> doc) {
        try {
            for (Member m : shape.members()) {
                Object v = doc.get(m.name());
                if (v != null && m.isXmlAttribute()) {
                    w.writeAttribute(m.xmlName(), scalar(m, v));
                }
            }
            for (Member m : shape.members()) {
                Object v = doc.get(m.name());
                if (v != null && !m.isXmlAttribute()) {
                    member(m.xmlName(), m, v);
                }
            }
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    private void member(String name, Member m, Object v) throws XMLStreamException {
        Shape shape = m.target();
        switch (shape.type()) {
            case STRUCTURE -> {
                open(name, m);
                members(shape, (Map<?, ?>) v);
                w.writeEndElement();
            }
            case LIST -> list(name, m, (List<?>) v);
            case MAP -> map(name, m, (Map<?, ?>) v);
            default -> {
                open(name, m);
                w.writeCharacters(scalar(m, v));
                w.writeEndElement();
            }
        }
    }

    private void list(String name, Member m, List<?> items) throws XMLStreamException {
        Member element = m.target().listMember();
        if (m.isFlattened()) {
            // each item stands in for the member: named as the member, namespaced as the list's member
            for (Object item : items) {
                member(m.flattenedItemName(), element, item);
            }
            return;
        }
        open(name, m);
        String itemName = element.locationName() != null ? element.locationName() : "member";
        for (Object item : items) {
            member(itemName, element, item);
        }
        w.writeEndElement();
    }

    private void map(String name, Member m, Map<?, ?> entries) throws XMLStreamException {
        Shape shape = m.target();
        String keyName = shape.mapKey().locationName() != null ? shape.mapKey().locationName() : "key";
        String valueName = shape.mapValue().locationName() != null ? shape.mapValue().locationName() : "value";
        boolean flattened = m.isFlattened();
        if (!flattened) {
            open(name, m);
        }
        for (Map.Entry<?, ?> e : entries.entrySet()) {
            if (flattened) {
                open(name, m);
            } else {
                w.writeStartElement("entry");
            }
            member(keyName, shape.mapKey(), e.getKey());
            if (e.getValue() != null) {
                member(valueName, shape.mapValue(), e.getValue());
            }
            w.writeEndElement();
        }
        if (!flattened) {
            w.writeEndElement();
        }
    }

    /** Starts the member's element and declares the member's namespace on it. */
    private void open(String name, Member m) throws XMLStreamException {
        w.writeStartElement(name);
        if (m.xmlNamespace() != null) {
            if (m.xmlNamespacePrefix() != null) {
                w.writeNamespace(m.xmlNamespacePrefix(), m.xmlNamespace());
            } else {
                w.writeDefaultNamespace(m.xmlNamespace());
            }
        }
    }

    private static String scalar(Member m, Object v) {
        // strings go as they are: the jsonValue encoding HttpValues gives strings belongs to headers
        return v instanceof String s ? s : HttpValues.format(v, m, Timestamps.ISO_8601);
    }

    public byte[] toBytes() {
        try {
            w.flush();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }
}
