package io.slipway.core.protocol.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Compares a response body with a test case's: JSON by value (numbers by magnitude, key order
 * free), XML by structure, ignoring whitespace between elements and the order of differently named
 * siblings (same-named siblings, list items, keep their order). Namespace declarations are compared
 * as the attributes they are written as, with three allowances for what a fixed test body cannot
 * know or leaves out, each of which AWS services send:
 * <ul>
 * <li>the document element's own {@code xmlns} when the expected body has none (the suite's error
 *     bodies omit the service namespace that AWS's {@code ErrorResponse} carries);</li>
 * <li>a {@code ResponseMetadata} child of the document element the expected body leaves out;</li>
 * <li>the text of {@code RequestId}, which is generated per request.</li>
 * </ul>
 */
final class BodyComparison {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BodyComparison() {
    }

    static Optional<String> json(String expected, String actual) throws Exception {
        JsonNode e = JSON.readTree(expected);
        JsonNode a = JSON.readTree(actual);
        boolean same = e.equals((x, y) -> x.isNumber() && y.isNumber()
                ? x.decimalValue().compareTo(y.decimalValue()) : x.equals(y) ? 0 : 1, a);
        return same ? Optional.empty() : Optional.of("JSON differs: expected " + e + ", got " + a);
    }

    static Optional<String> xml(String expected, String actual) throws Exception {
        Element e = parse(expected);
        Element a = parse(actual);
        Map<String, String> actualRootAttributes = attributes(a);
        if (!attributes(e).containsKey("xmlns")) {
            actualRootAttributes.remove("xmlns");
        }
        if (!attributes(e).equals(actualRootAttributes)) {
            return Optional.of("<" + e.getTagName() + "> attributes: expected " + attributes(e) + ", got " + actualRootAttributes);
        }
        List<Element> actualChildren = children(a);
        if (children(e).stream().noneMatch(c -> c.getTagName().equals("ResponseMetadata"))) {
            actualChildren.removeIf(c -> c.getTagName().equals("ResponseMetadata"));
        }
        return e.getTagName().equals(a.getTagName()) ? content("/" + e.getTagName(), e, a, children(e), actualChildren)
                : Optional.of("root: expected <" + e.getTagName() + ">, got <" + a.getTagName() + ">");
    }

    private static Optional<String> element(String path, Element e, Element a) {
        if (!attributes(e).equals(attributes(a))) {
            return Optional.of(path + " attributes: expected " + attributes(e) + ", got " + attributes(a));
        }
        return content(path, e, a, children(e), children(a));
    }

    private static Optional<String> content(String path, Element e, Element a, List<Element> expected,
                                            List<Element> actual) {
        if (expected.isEmpty() && actual.isEmpty()) {
            String et = e.getTextContent().trim();
            String at = a.getTextContent().trim();
            return e.getTagName().equals("RequestId") || et.equals(at) ? Optional.empty()
                    : Optional.of(path + ": expected text '" + et + "', got '" + at + "'");
        }
        Map<String, List<Element>> eByName = byName(expected);
        Map<String, List<Element>> aByName = byName(actual);
        if (!eByName.keySet().equals(aByName.keySet())) {
            return Optional.of(path + ": children " + eByName.keySet() + " expected, got " + aByName.keySet());
        }
        for (Map.Entry<String, List<Element>> group : eByName.entrySet()) {
            List<Element> es = group.getValue();
            List<Element> as = aByName.get(group.getKey());
            if (es.size() != as.size()) {
                return Optional.of(path + "/" + group.getKey() + ": " + es.size() + " expected, got " + as.size());
            }
            for (int i = 0; i < es.size(); i++) {
                Optional<String> d = element(path + "/" + group.getKey() + "[" + i + "]", es.get(i), as.get(i));
                if (d.isPresent()) {
                    return d;
                }
            }
        }
        return Optional.empty();
    }

    private static Element parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(false); // xmlns attributes are compared as written
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement();
    }

    private static Map<String, String> attributes(Element e) {
        Map<String, String> out = new TreeMap<>();
        NamedNodeMap attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            out.put(attrs.item(i).getNodeName(), attrs.item(i).getNodeValue());
        }
        return out;
    }

    private static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                out.add(c);
            }
        }
        return out;
    }

    private static Map<String, List<Element>> byName(List<Element> elements) {
        Map<String, List<Element>> out = new LinkedHashMap<>();
        elements.forEach(c -> out.computeIfAbsent(c.getTagName(), k -> new ArrayList<>()).add(c));
        return out;
    }
}
