package io.slipway.codegen;

import java.util.Locale;
import java.util.Set;

/** Turns AWS shape, member and enum names into Java identifiers. */
final class Names {
    private static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends",
            "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int",
            "interface", "long", "native", "new", "package", "private", "protected", "public", "return", "short",
            "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try",
            "void", "volatile", "while", "true", "false", "null", "record", "yield", "var", "sealed", "permits");
    /** Shape names that would shadow java.lang or java.util types inside generated code. */
    private static final Set<String> RESERVED_TYPES = Set.of("String", "Object", "Integer", "Long", "Boolean",
            "Double", "Float", "Byte", "Short", "Character", "Number", "Map", "List", "Set", "Optional", "Instant",
            "Record", "Enum", "Class", "Override", "Deprecated", "Error", "Exception", "RuntimeException",
            "System", "Thread", "Math", "Void", "Iterable", "Documents", "Builder");

    private Names() {
    }

    static String type(String shapeName) {
        String name = shapeName.replaceAll("[^A-Za-z0-9_]", "_");
        name = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        return RESERVED_TYPES.contains(name) ? "Aws" + name : name;
    }

    static String field(String memberName) {
        String name = memberName.replaceAll("[^A-Za-z0-9_]", "_");
        int upper = 0;
        while (upper < name.length() && Character.isUpperCase(name.charAt(upper))) {
            upper++;
        }
        // "SSEKMSKeyId" -> "sseKMSKeyId", "ARN" -> "arn", "Status" -> "status"
        if (upper == name.length()) {
            name = name.toLowerCase(Locale.ROOT);
        } else if (upper > 1) {
            name = name.substring(0, upper - 1).toLowerCase(Locale.ROOT) + name.substring(upper - 1);
        } else if (upper == 1) {
            name = Character.toLowerCase(name.charAt(0)) + name.substring(1);
        }
        if (Character.isDigit(name.charAt(0))) {
            name = "_" + name;
        }
        return KEYWORDS.contains(name) ? name + "_" : name;
    }

    static String method(String operationName) {
        return field(operationName);
    }

    /** "TimeBasedCanary" -> TIME_BASED_CANARY, "application/json" -> APPLICATION_JSON. */
    static String constant(String value) {
        StringBuilder sb = new StringBuilder();
        char prev = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                boolean boundary = Character.isUpperCase(c) && (Character.isLowerCase(prev) || Character.isDigit(prev)
                        || (Character.isUpperCase(prev) && i + 1 < value.length()
                        && Character.isLowerCase(value.charAt(i + 1))));
                if (boundary && !sb.isEmpty() && sb.charAt(sb.length() - 1) != '_') {
                    sb.append('_');
                }
                sb.append(Character.toUpperCase(c));
            } else if (!sb.isEmpty() && sb.charAt(sb.length() - 1) != '_') {
                sb.append('_');
            }
            prev = c;
        }
        String name = sb.toString().replaceAll("_+$", "");
        if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
            name = "V_" + name;
        }
        return name;
    }

    static String errorConstant(String shapeName) {
        String base = shapeName.endsWith("Exception") && !shapeName.equals("Exception")
                ? shapeName.substring(0, shapeName.length() - "Exception".length()) : shapeName;
        return constant(base);
    }

    static String javaString(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
