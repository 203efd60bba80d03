package io.slipway.cloudformation.registry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The table of how recorded resources are identified ({@code identities.txt} beside this class,
 * which tells its form): per type the naming property, what Ref answers and the values of the
 * attributes whose shape the resource specification does not carry. Read on first use.
 */
final class IdentityForms {

    /**
     * One type's form.
     *
     * @param nameProperty the property that names the resource, if any
     * @param maxLength    the longest generated name
     * @param lower        whether generated names are lowercase
     * @param fifoProperty the boolean property that makes a generated name end with {@code fifoSuffix}
     * @param ref          the value Ref answers, when the table says
     * @param values       value templates by name, in order
     */
    record Form(Optional<String> nameProperty, int maxLength, boolean lower, Optional<String> fifoProperty,
                String fifoSuffix, Optional<String> ref, Map<String, String> values) {
        static final Form NONE = new Form(Optional.empty(), 255, false, Optional.empty(), "", Optional.empty(), Map.of());
    }

    /** Created on first use. */
    private static final class Table {
        static final Map<String, Form> FORMS = read();
    }

    private IdentityForms() {
    }

    static Optional<Form> of(String type) {
        return Optional.ofNullable(Table.FORMS.get(type));
    }

    private static Map<String, Form> read() {
        Map<String, Form> forms = new HashMap<>();
        try (InputStream in = IdentityForms.class.getResourceAsStream("identities.txt")) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] parts = line.trim().split("\\s+");
                    forms.put(parts[0], form(parts));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(forms);
    }

    private static Form form(String[] parts) {
        Optional<String> name = Optional.empty();
        int max = 255;
        boolean lower = false;
        Optional<String> fifo = Optional.empty();
        String fifoSuffix = "";
        Optional<String> ref = Optional.empty();
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            String key = parts[i].substring(0, eq);
            String value = parts[i].substring(eq + 1);
            switch (key) {
                case "name" -> {
                    String[] n = value.split(":");
                    name = Optional.of(n[0]);
                    max = Integer.parseInt(n[1]);
                    lower = n.length > 2 && n[2].equals("lower");
                }
                case "fifo" -> {
                    fifo = Optional.of(value.substring(0, value.indexOf(':')));
                    fifoSuffix = value.substring(value.indexOf(':') + 1);
                }
                case "ref" -> ref = Optional.of(value);
                default -> values.put(key, value);
            }
        }
        return new Form(name, max, lower, fifo, fifoSuffix, ref, values);
    }
}
