package io.slipway.cloudformation.template;

import java.util.List;
import java.util.Map;

/**
 * Checks every value of a template before anything reads it: no nulls anywhere (an empty YAML value is
 * a mistake CloudFormation reports with its path), and no functions it does not know in the places
 * that are evaluated. Downstream code can then rely on non-null values throughout.
 */
final class ValueCheck {

    private ValueCheck() {
    }

    static void check(Map<String, Object> sections) {
        sections.forEach((name, value) -> walk(value, "/" + name, evaluated(name)));
    }

    private static boolean evaluated(String section) {
        return section.equals("Resources") || section.equals("Outputs") || section.equals("Conditions");
    }

    private static void walk(Object value, String path, boolean functions) {
        if (value == null) {
            throw TemplateException.format("[" + path + "] 'null' values are not allowed in templates");
        }
        if (functions) {
            Intrinsics.function(value).filter(f -> !Intrinsics.FUNCTIONS.contains(f)).ifPresent(f -> {
                throw Intrinsics.unsupported(f);
            });
        }
        if (value instanceof Map<?, ?> map) {
            // A resource's Metadata is free-form: only its Properties are evaluated.
            map.forEach((key, v) -> walk(v, path + "/" + key, functions && !isMetadata(path, key)));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path + "/" + i, functions);
            }
        }
    }

    private static boolean isMetadata(String path, Object key) {
        return path.startsWith("/Resources/") && path.indexOf('/', "/Resources/".length()) < 0 && "Metadata".equals(key);
    }
}
