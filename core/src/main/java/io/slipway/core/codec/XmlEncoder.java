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
 * {@code <entry><key/><value/></entry>}, timestamps are ISO 8601.
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
                w.writeStartElement(name);
                members(shape, (Map<?, ?>) v);
                w.writeEndElement();
            }
            case LIST -> {
                Member element = shape.listMember();
                if (m.isFlattened()) {
                    for (Object item : (List<?>) v) {
                        member(element.locationName() != null ? element.locationName() : name, element, item);
                    }
                } else {
                    w.writeStartElement(name);
                    String itemName = element.locationName() != null ? element.locationName() : "member";
                    for (Object item : (List<?>) v) {
                        member(itemName, element, item);
                    }
                    w.writeEndElement();
                }
            }
            case MAP -> {
                String keyName = shape.mapKey().locationName() != null ? shape.mapKey().locationName() : "key";
                String valueName = shape.mapValue().locationName() != null ? shape.mapValue().locationName() : "value";
                if (!m.isFlattened()) {
                    w.writeStartElement(name);
                }
                for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                    w.writeStartElement(m.isFlattened() ? name : "entry");
                    member(keyName, shape.mapKey(), e.getKey());
                    member(valueName, shape.mapValue(), e.getValue());
                    w.writeEndElement();
                }
                if (!m.isFlattened()) {
                    w.writeEndElement();
                }
            }
            default -> {
                w.writeStartElement(name);
                w.writeCharacters(scalar(m, v));
                w.writeEndElement();
            }
        }
    }

    private static String scalar(Member m, Object v) {
        return switch (v) {
            case Instant t -> Timestamps.EPOCH_SECONDS.equals(m.timestampFormat())
                    ? Timestamps.epochSeconds(t).toPlainString()
                    : Timestamps.HTTP_DATE.equals(m.timestampFormat()) ? Timestamps.httpDate(t) : Timestamps.iso(t);
            case byte[] b -> Base64.getEncoder().encodeToString(b);
            case Double d -> floating(d);
            case Float f -> floating(f.doubleValue());
            case BigDecimal b -> b.toPlainString();
            default -> v.toString();
        };
    }

    private static String floating(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
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
