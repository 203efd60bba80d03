package io.slipway.ssm.parameter;

import io.slipway.model.runtime.AwsException;
import io.slipway.model.ssm.ParameterHistory;
import io.slipway.model.ssm.ParameterStringFilter;
import io.slipway.model.ssm.ParametersFilter;
import io.slipway.model.ssm.Tag;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import static io.slipway.model.ssm.SsmErrors.INVALID_FILTER_KEY;
import static io.slipway.model.ssm.SsmErrors.INVALID_FILTER_OPTION;
import static io.slipway.model.ssm.SsmErrors.INVALID_FILTER_VALUE;

/**
 * The filters of DescribeParameters and GetParametersByPath, checked as AWS checks them (which
 * keys and options each operation takes) and matched against a parameter. A Label filter selects
 * the version that carries the label.
 */
final class ParameterFilters {
    enum Operation {
        DESCRIBE(List.of("Path", "Name", "Type", "KeyId", "Tier", "DataType")),
        BY_PATH(List.of("Type", "KeyId", "Label"));

        private final List<String> keys;

        Operation(List<String> keys) {
            this.keys = keys;
        }
    }

    private final List<ParameterStringFilter> filters;

    private ParameterFilters(List<ParameterStringFilter> filters) {
        this.filters = filters;
    }

    static ParameterFilters of(Operation operation, List<ParameterStringFilter> filters) {
        List<ParameterStringFilter> list = Objects.requireNonNullElse(filters, List.of());
        Set<String> seen = new HashSet<>();
        for (ParameterStringFilter f : list) {
            String key = f.key();
            boolean tag = key.startsWith("tag:");
            if (tag ? operation != Operation.DESCRIBE : !operation.keys.contains(key)) {
                throw INVALID_FILTER_KEY.exception("The following filter key is not valid: " + key
                        + ". Valid filter keys include: " + operation.keys + ".");
            }
            if (!seen.add(key)) {
                throw INVALID_FILTER_KEY.exception("The following filter is duplicated in the request: " + key
                        + ". A request can contain only one occurrence of a specific filter.");
            }
            List<String> options = options(operation, key);
            if (!options.contains(option(f))) {
                throw INVALID_FILTER_OPTION.exception("The following filter option is not valid: " + f.option()
                        + ". Valid options include: " + options + ".");
            }
            if ((f.values() == null || f.values().isEmpty()) && !tag) {
                throw INVALID_FILTER_VALUE.exception("The following filter values are missing : null for filter key "
                        + key + ".");
            }
            switch (key) {
                case "Type" -> allowed(f, List.of("String", "StringList", "SecureString"));
                case "Tier" -> allowed(f, List.of("Standard", "Advanced", "Intelligent-Tiering"));
                case "Path" -> f.values().forEach(ParameterNames::checkedPath);
                default -> {
                }
            }
        }
        return new ParameterFilters(list);
    }

    /** The older DescribeParameters filters, as string filters: Name by prefix, Type and KeyId exactly. */
    static ParameterFilters ofOld(List<ParametersFilter> filters) {
        return new ParameterFilters(filters.stream().map(f -> new ParameterStringFilter(f.key().value(),
                f.key().value().equals("Name") ? "BeginsWith" : "Equals", f.values())).toList());
    }

    boolean isEmpty() {
        return filters.isEmpty();
    }

    /** The version the filters select of a parameter: its latest, or the one a Label filter names; empty when it does not match. */
    Optional<Long> match(StoredParameter p) {
        ParameterHistory latest = p.latest();
        long version = latest.version();
        for (ParameterStringFilter f : filters) {
            String option = option(f);
            List<String> values = Objects.requireNonNullElse(f.values(), List.of());
            boolean ok = switch (f.key()) {
                case "Name" -> matches(slashed(latest.name()), option, option.equals("Contains") ? values
                        : values.stream().map(ParameterFilters::slashed).toList());
                case "Path" -> values.stream().anyMatch(v -> under(slashed(latest.name()), v, option.equals("Recursive")));
                case "Type" -> matches(latest.type().value(), option, values);
                case "KeyId" -> latest.keyId() != null && matches(latest.keyId(), option, values);
                case "Tier" -> latest.tier() != null && matches(latest.tier().value(), option, values);
                case "DataType" -> matches(latest.dataType(), option, values);
                case "Label" -> {
                    Optional<Long> labelled = values.stream().map(p.labels()::get).filter(Objects::nonNull).findFirst();
                    if (labelled.isPresent()) {
                        version = labelled.get();
                    }
                    yield labelled.isPresent();
                }
                default -> tagged(p.tags(), f.key().substring("tag:".length()), option, values);
            };
            if (!ok) {
                return Optional.empty();
            }
        }
        return Optional.of(version);
    }

    private static boolean tagged(List<Tag> tags, String key, String option, List<String> values) {
        return tags.stream().anyMatch(t -> t.key().equals(key) && (values.isEmpty() || matches(t.value(), option, values)));
    }

    private static boolean matches(String what, String option, List<String> values) {
        return switch (option) {
            case "BeginsWith" -> values.stream().anyMatch(what::startsWith);
            case "Contains" -> values.stream().anyMatch(what::contains);
            default -> values.contains(what);
        };
    }

    /** Whether {@code /a/b/c} is in path {@code /a/b} (one level) or under it (recursive). */
    private static boolean under(String name, String path, boolean recursive) {
        String p = ParameterNames.checkedPath(path);
        String prefix = p.equals("/") ? "/" : p + "/";
        return name.startsWith(prefix) && (recursive || name.indexOf('/', prefix.length()) < 0);
    }

    private static String slashed(String name) {
        return name.startsWith("/") ? name : "/" + name;
    }

    private static String option(ParameterStringFilter f) {
        return f.option() != null ? f.option() : f.key().equals("Path") ? "OneLevel" : "Equals";
    }

    private static List<String> options(Operation operation, String key) {
        if (key.equals("Path")) {
            return List.of("Recursive", "OneLevel");
        }
        if (key.equals("Label")) {
            return List.of("Equals");
        }
        return operation == Operation.DESCRIBE && key.equals("Name") ? List.of("Equals", "BeginsWith", "Contains")
                : List.of("Equals", "BeginsWith");
    }

    private static void allowed(ParameterStringFilter f, List<String> valid) {
        for (String v : f.values()) {
            if (!valid.contains(v)) {
                throw invalidValue(v, valid);
            }
        }
    }

    private static AwsException invalidValue(String value, List<String> valid) {
        return INVALID_FILTER_VALUE.exception("The following filter value is not valid: " + value
                + ". Valid values include: " + valid + ".");
    }
}
