package io.slipway.core.codec;

import io.slipway.model.runtime.Member;
import io.slipway.model.runtime.Shape;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an XML request body (S3's CompleteMultipartUpload, Delete, VersioningConfiguration...)
 * into a document by walking the body's shape: child elements by their members' xmlName,
 * flattened lists as repeated elements, wrapped lists as {@code <member>} (or the member's name)
 * children. Unknown elements are skipped; DTDs and external entities are refused.
 */
public final class XmlDecoder {
    private static final XMLInputFactory FACTORY = factory();

    private XmlDecoder() {
    }

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        return f;
    }

    /** The document of a structure whose element is the body's root (its name is not checked). */
    public static Map<String, Object> read(byte[] xml, Shape shape) {
        return read(xml, null, shape);
    }

    /** The document of a structure whose element must be the body's root, named {@code root}. */
    public static Map<String, Object> read(byte[] xml, String root, Shape shape) {
        try {
            XMLStreamReader r = FACTORY.createXMLStreamReader(new ByteArrayInputStream(xml));
            while (r.hasNext() && r.next() != XMLStreamConstants.START_ELEMENT) {
                // skip the prolog
            }
            if (r.getEventType() != XMLStreamConstants.START_ELEMENT
                    || (root != null && !root.equals(r.getLocalName()))) {
                throw new MalformedInputException("The XML you provided was not well-formed or did not validate against our published schema");
            }
            return structure(r, shape);
        } catch (XMLStreamException e) {
            throw new MalformedInputException("The XML you provided was not well-formed or did not validate against our published schema");
        }
    }

    /** Reads the children of the current element into a structure, up to its end tag. */
    private static Map<String, Object> structure(XMLStreamReader r, Shape shape) throws XMLStreamException {
        Map<String, Object> out = new LinkedHashMap<>();
        while (r.next() != XMLStreamConstants.END_ELEMENT) {
            if (r.getEventType() != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            Member m = memberFor(shape, r.getLocalName());
            if (m == null) {
                skip(r);
            } else if (m.target().type() == io.slipway.model.runtime.ShapeType.LIST && m.isFlattened()) {
                @SuppressWarnings("unchecked")
                List<Object> list = (List<Object>) out.computeIfAbsent(m.name(), k -> new ArrayList<>());
                list.add(value(r, m.target().listMember().target()));
            } else {
                out.put(m.name(), value(r, m.target()));
            }
        }
        return out;
    }

    private static Member memberFor(Shape shape, String element) {
        for (Member m : shape.members()) {
            if (m.xmlName().equals(element)) {
                return m;
            }
        }
        return null;
    }

    private static Object value(XMLStreamReader r, Shape shape) throws XMLStreamException {
        return switch (shape.type()) {
            case STRUCTURE -> structure(r, shape);
            case LIST -> {
                List<Object> out = new ArrayList<>();
                while (r.next() != XMLStreamConstants.END_ELEMENT) {
                    if (r.getEventType() == XMLStreamConstants.START_ELEMENT) {
                        out.add(value(r, shape.listMember().target()));
                    }
                }
                yield out;
            }
            default -> {
                String text = r.getElementText();
                yield scalar(text, shape);
            }
        };
    }

    private static Object scalar(String text, Shape shape) {
        try {
            return switch (shape.type()) {
                case BOOLEAN -> Boolean.parseBoolean(text.trim());
                case INTEGER, BYTE, SHORT -> Integer.parseInt(text.trim());
                case LONG -> Long.parseLong(text.trim());
                case DOUBLE -> Double.parseDouble(text.trim());
                case FLOAT -> Float.parseFloat(text.trim());
                case TIMESTAMP -> {
                    var t = Timestamps.parse(text.trim());
                    if (t == null) {
                        throw new MalformedInputException("Invalid timestamp " + text);
                    }
                    yield t;
                }
                default -> text;
            };
        } catch (NumberFormatException e) {
            throw new MalformedInputException("Invalid number " + text);
        }
    }

    private static void skip(XMLStreamReader r) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }
}
