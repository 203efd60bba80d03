package io.slipway.engine.invoke;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The operator's map from Lambda functions to where they run. Entries are {@code NAME=TARGET}:
 * NAME is a function name, {@code name:qualifier}, or a Lambda function ARN (with or without a
 * qualifier); TARGET is {@code http://...}/{@code https://...} or {@code command:<command line>}.
 *
 * <p>Lookup goes from the most to the least specific entry: an ARN entry (same region and account)
 * before a name entry, and within each a qualified entry before an unqualified one. An unqualified
 * entry serves every version and alias; a name entry serves that name in every namespace. When the
 * same NAME appears twice the later entry wins, so the app can list the variable's entries before
 * the command-line options that override them.
 */
public final class FunctionTargets {

    private static final String COMMAND = "command:";

    private final Map<FunctionRef, FunctionTarget> targets;

    private FunctionTargets(Map<FunctionRef, FunctionTarget> targets) {
        this.targets = Map.copyOf(targets);
    }

    public static FunctionTargets none() {
        return new FunctionTargets(Map.of());
    }

    /** Parses {@code NAME=TARGET} entries; a bad entry fails with a message that quotes it. */
    public static FunctionTargets parse(List<String> entries) {
        Map<FunctionRef, FunctionTarget> targets = new HashMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            if (eq < 0) {
                throw bad(entry, "expected NAME=TARGET, for example my-hook=http://127.0.0.1:9000/ or my-hook=command:node hook.js");
            }
            String name = entry.substring(0, eq).strip();
            FunctionRef ref = FunctionRef.parse(name).orElseThrow(() -> bad(entry, "'" + name
                    + "' is not a function name, name:qualifier or arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]"));
            targets.put(ref, target(entry, entry.substring(eq + 1).strip()));
        }
        return new FunctionTargets(targets);
    }

    /**
     * The entries of {@code SLIPWAY_FUNCTIONS}: separated by ';' (command lines may contain commas),
     * except inside quotes.
     */
    public static List<String> splitEntries(String variable) {
        return QuotedText.splitEntries(variable);
    }

    /**
     * Resolves a name, {@code name:qualifier} or ARN without knowing the caller's namespace: a bare
     * name matches name entries only.
     */
    public Optional<FunctionTarget> resolve(String nameOrArn) {
        return FunctionRef.parse(nameOrArn).flatMap(this::lookup);
    }

    /**
     * Resolves as Lambda does for a caller in {@code region}/{@code accountId}: a bare name means
     * that caller's function, so ARN entries for that namespace apply to it too.
     */
    public Optional<FunctionTarget> resolve(String nameOrArn, String region, String accountId) {
        return FunctionRef.parse(nameOrArn).map(r -> r.inNamespace(region, accountId)).flatMap(this::lookup);
    }

    public boolean isEmpty() {
        return targets.isEmpty();
    }

    private Optional<FunctionTarget> lookup(FunctionRef ref) {
        List<FunctionRef> keys = new ArrayList<>(4);
        for (FunctionRef scoped : ref.isArn() ? List.of(ref, ref.withNamespace("", "")) : List.of(ref)) {
            if (!ref.qualifier().isEmpty()) {
                keys.add(scoped);
            }
            keys.add(scoped.withQualifier(""));
        }
        return keys.stream().map(targets::get).filter(Objects::nonNull).findFirst();
    }

    private static FunctionTarget target(String entry, String target) {
        if (target.startsWith(COMMAND)) {
            List<String> words;
            try {
                words = QuotedText.words(target.substring(COMMAND.length()));
            } catch (IllegalArgumentException e) {
                throw bad(entry, e.getMessage());
            }
            if (words.isEmpty()) {
                throw bad(entry, "command: needs a command line");
            }
            return new CommandTarget(words);
        }
        if (target.startsWith("http://") || target.startsWith("https://")) {
            try {
                return new HttpTarget(new URI(target));
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw bad(entry, "bad URL: " + e.getMessage());
            }
        }
        throw bad(entry, "TARGET must start with http://, https:// or command:");
    }

    private static IllegalArgumentException bad(String entry, String why) {
        return new IllegalArgumentException("bad function entry '" + entry + "': " + why);
    }
}
