package io.slipway.cloudformation.registry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CloudFormation registry's resource types, from the tables the build generates out of the
 * resource specification. Nothing is read at start-up: the list of names on the first question,
 * and a service namespace's types (one small resource per namespace, such as {@code AWS-SNS.jsonl})
 * the first time one of its types is asked for.
 */
public final class RegistryTypes {
    private static final String DIR = "/io/slipway/model/cloudformation/types/";

    /** Created on first use. */
    private static final class Names {
        static final List<String> ALL = readNames();
        static final Set<String> SET = Collections.unmodifiableSet(new HashSet<>(ALL));
    }

    /** Per namespace ({@code AWS-SNS}): its types by name, read on first use. */
    private static final Map<String, Map<String, ResourceTypeSpec>> SERVICES = new ConcurrentHashMap<>();

    private RegistryTypes() {
    }

    /** Whether the registry has the type (as CloudFormation knows it, whether Slipway runs it or records it). */
    public static boolean contains(String type) {
        return Names.SET.contains(type);
    }

    /** Every registry type name, in order. */
    public static List<String> names() {
        return Names.ALL;
    }

    public static Optional<ResourceTypeSpec> find(String type) {
        if (!contains(type)) {
            return Optional.empty();
        }
        String service = type.substring(0, type.lastIndexOf("::")).replace("::", "-");
        return Optional.ofNullable(SERVICES.computeIfAbsent(service, RegistryTypes::readService).get(type));
    }

    private static Map<String, ResourceTypeSpec> readService(String service) {
        Map<String, ResourceTypeSpec> byName = new HashMap<>();
        for (String line : lines(DIR + service + ".jsonl")) {
            ResourceTypeSpec spec = SpecLines.parse(line);
            byName.put(spec.typeName(), spec);
        }
        return Map.copyOf(byName);
    }

    private static List<String> readNames() {
        return List.copyOf(lines(DIR + "types.txt"));
    }

    private static List<String> lines(String resource) {
        try (InputStream in = RegistryTypes.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the build did not generate " + resource);
            }
            List<String> out = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    out.add(line);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
