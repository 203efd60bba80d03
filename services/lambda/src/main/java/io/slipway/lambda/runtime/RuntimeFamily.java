package io.slipway.lambda.runtime;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Lambda runtimes Slipway runs as local processes, and how a runtime identifier names one. */
enum RuntimeFamily {
    NODEJS("nodejs(\\d+)\\.x"),
    PYTHON("python3\\.(\\d+)"),
    JAVA("java(\\d+)(?:\\.al2)?"),
    PROVIDED("provided(?:\\.al2|\\.al2023)?");

    private static final Pattern ELSEWHERE = Pattern.compile("(dotnet|ruby|go|nodejs|python|java).*");

    private final Pattern pattern;

    RuntimeFamily(String regex) {
        this.pattern = Pattern.compile(regex);
    }

    static Optional<RuntimeFamily> of(String runtime) {
        for (RuntimeFamily f : values()) {
            if (f.pattern.matcher(runtime).matches()) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The number in the identifier: 20 for nodejs20.x, the minor 12 for python3.12, 21 for java21; 0 if none. */
    int number(String runtime) {
        Matcher m = pattern.matcher(runtime);
        return m.matches() && m.groupCount() > 0 && m.group(1) != null ? Integer.parseInt(m.group(1)) : 0;
    }

    /** Why a runtime identifier that names no family can't run here. */
    static String notSupported(String runtime) {
        String supported = "Slipway runs nodejs<N>.x, python3.<N>, java<N> and provided(.al2/.al2023) functions locally";
        return ELSEWHERE.matcher(runtime).matches()
                ? "runtime " + runtime + " cannot run locally: " + supported
                : "unknown runtime '" + runtime + "': " + supported;
    }
}
