package io.slipway.it.fuzz;

import io.slipway.it.SlipwayServer;
import io.slipway.model.runtime.Member;
import io.slipway.model.runtime.Operation;
import io.slipway.model.runtime.ShapeType;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every operation of every served service, made by one account with another account's resource
 * names, ids and ARNs in every member that takes them (wherever they sit in the input). The answers
 * must hold the usual line (no 5xx, no Java names, the protocol's envelope) and must not contain
 * any of the secrets the other account keeps in its resources.
 */
public final class ForeignAccess {
    private ForeignAccess() {
    }

    /** What the probe sent and what it found wrong. */
    public record Result(int requests, List<String> problems) {
    }

    /**
     * @param pool    values by member name (any case): the other account's names, ids and ARNs
     * @param secrets strings only the other account's own reads may return
     */
    public static Result probe(URI endpoint, String accessKey, Map<String, List<Object>> pool, List<String> secrets) {
        Map<String, List<Object>> byName = new java.util.HashMap<>();
        pool.forEach((k, v) -> v.forEach(value -> {
            List<Object> values = byName.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new ArrayList<>());
            if (!values.contains(value)) {
                values.add(value);
            }
        }));
        List<String> problems = new ArrayList<>();
        int requests = 0;
        try (WireClient client = new WireClient(endpoint.getHost(), endpoint.getPort())) {
            for (ServedService service : ServedService.ALL) {
                ResponseCheck check = new ResponseCheck(service);
                WireSigner signer = new WireSigner(accessKey, SlipwayServer.SECRET, service.signingName());
                for (Operation op : service.operations()) {
                    int variants = op.input() == null ? 1 : op.input().members().stream()
                            .mapToInt(m -> byName.getOrDefault(m.name().toLowerCase(Locale.ROOT), List.of()).size())
                            .max().orElse(1);
                    for (int i = 0; i < Math.max(1, variants); i++) {
                        int pick = i;
                        Map<String, Object> document = ValidValues.of(op.input(), m -> chosen(byName, m, pick));
                        WireRequest request = signer.sign(RequestEncoder.encode(service, op, document), Instant.now());
                        String where = service.name() + "." + op.name() + " " + document;
                        requests++;
                        try {
                            WireClient.Answer answer = client.send(request);
                            check.problem(op, request, answer).or(() -> check.signatureRefused(request, answer)).ifPresent(p -> problems.add(where + ": " + p));
                            String text = answer.bodyText() + answer.headers();
                            secrets.stream().filter(text::contains).findFirst().ifPresent(s -> problems.add(where
                                    + ": answered " + answer.status() + " with the other account's " + s));
                        } catch (IOException e) {
                            problems.add(where + ": no answer (" + e.getMessage() + ")");
                        }
                    }
                }
            }
        }
        return new Result(requests, problems);
    }

    private static Object chosen(Map<String, List<Object>> byName, Member member, int pick) {
        List<Object> values = byName.get(member.name().toLowerCase(Locale.ROOT));
        if (values == null || values.isEmpty()) {
            return null;
        }
        Object value = values.get(pick % values.size());
        return member.target().type() == ShapeType.LIST && !(value instanceof List) ? List.of(value) : value;
    }
}
