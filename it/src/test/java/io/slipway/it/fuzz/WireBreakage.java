package io.slipway.it.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.slipway.it.fuzz.Mutations.utf8;

/**
 * Whole requests broken in the protocol's own syntax: bodies that are not JSON, forms or XML (or
 * are, hostilely: entity expansion, deep nesting, huge numbers), wrong content types, paths and
 * queries with bad escapes, headers that are too long or not what they claim.
 */
final class WireBreakage {
    private WireBreakage() {
    }

    static List<FuzzCase> of(ServedService service, Map<String, Object> valid) {
        List<FuzzCase> cases = new ArrayList<>();
        cases.add(FuzzCase.onWire("body: empty", valid, r -> r.withBody(new byte[0])));
        cases.add(FuzzCase.onWire("body: first half", valid, r -> r.withBody(Arrays.copyOf(r.body(), r.body().length / 2))));
        cases.add(FuzzCase.onWire("body: invalid UTF-8", valid, r -> r.withBody(Mutations.invalidUtf8())));
        cases.add(FuzzCase.onWire("body: binary noise", valid, r -> r.withBody(noise(4096))));
        cases.add(FuzzCase.onWire("path: bad percent-escape", valid, r -> r.withTarget(breakPath(r.target(), "%ZZ"))));
        cases.add(FuzzCase.onWire("path: invalid UTF-8 escape", valid, r -> r.withTarget(breakPath(r.target(), "%E0%A4%A"))));
        cases.add(FuzzCase.onWire("path: very long", valid, r -> r.withTarget(breakPath(r.target(), "a".repeat(9_000)))));
        cases.add(FuzzCase.onWire("query: bad escapes", valid, r -> r.withTarget(r.target()
                + (r.target().contains("?") ? "&" : "?") + "x=%G1&%=1&&=&y")));
        cases.add(FuzzCase.onWire("header: 7 KB value", valid, r -> r.withHeader("X-Fuzz", "v".repeat(7_000))));
        cases.add(FuzzCase.onWire("header: content type not the protocol's", valid,
                r -> r.withHeader("Content-Type", "text/plain; charset=bogus")));
        switch (service.protocol()) {
            case JSON, REST_JSON -> json(cases, valid);
            case QUERY -> query(cases, valid);
            case REST_XML -> xml(cases, valid);
        }
        if (service.protocol() == ServedService.Protocol.JSON) {
            cases.add(FuzzCase.onWire("target: unknown operation", valid,
                    r -> r.withHeader("X-Amz-Target", service.model().targetPrefix() + ".NoSuchOperation")));
            cases.add(FuzzCase.onWire("target: no operation", valid,
                    r -> r.withHeader("X-Amz-Target", service.model().targetPrefix() + ".")));
        }
        return cases;
    }

    private static void json(List<FuzzCase> cases, Map<String, Object> valid) {
        for (String body : List.of("null", "[]", "\"text\"", "{\"a\":", "{} {}", "{\"a\":1,\"a\":2}", "{\"a\":1e99999}",
                "{\"a\":\"\\ud800\"}", "{\"a\":NaN}", "[".repeat(20_000) + "]".repeat(20_000),
                "{\"a\":" + "{\"b\":".repeat(5_000) + "1" + "}".repeat(5_001))) {
            cases.add(FuzzCase.onWire("body: " + label(body), valid, r -> r.withBody(utf8(body))));
        }
    }

    private static void query(List<FuzzCase> cases, Map<String, Object> valid) {
        for (String extra : List.of("%ZZ=1", "Action", "Version=", "X.member.999999999=1", "X.member.-1=1",
                "X.member.1.member.1.member.1=1", "=novalue", "Action=Other&Action=Second", "%00=%00")) {
            cases.add(FuzzCase.onWire("form: " + label(extra), valid, r -> r.withBody(utf8(r.bodyText() + "&" + extra))));
        }
        cases.add(FuzzCase.onWire("form: no Action", valid, r -> r.withBody(utf8(r.bodyText().replaceAll("Action=[^&]*&?", "")))));
        cases.add(FuzzCase.onWire("form: 20,000 parameters", valid, r -> r.withBody(utf8(r.bodyText()
                + "&P.member.1=x".repeat(20_000)))));
    }

    private static void xml(List<FuzzCase> cases, Map<String, Object> valid) {
        for (String body : List.of("<a>", "<?xml version=\"1.0\"?><Wrong xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"/>",
                "<!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                        + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><Delete>&c;&c;&c;&c;</Delete>",
                "<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Delete><Object><Key>&x;</Key></Object></Delete>",
                "<Delete>" + "<Object>".repeat(5_000) + "</Object>".repeat(5_000) + "</Delete>",
                "<Delete>" + "<Object><Key>k</Key></Object>".repeat(1_001) + "</Delete>")) {
            cases.add(FuzzCase.onWire("body: " + label(body), valid, r -> r.withBody(utf8(body))));
        }
        cases.add(FuzzCase.onWire("header: non-hex x-amz-content-sha256", valid,
                r -> r.withHeader("x-amz-content-sha256", "not-a-sha256")));
        cases.add(FuzzCase.onWire("header: huge x-amz-meta", valid, r -> r.withHeader("x-amz-meta-fuzz", "m".repeat(3_000))));
    }

    /** Puts {@code segment} into the path part of a target, keeping its query. */
    private static String breakPath(String target, String segment) {
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        return (path.endsWith("/") ? path : path + "/") + segment + (q < 0 ? "" : target.substring(q));
    }

    private static byte[] noise(int n) {
        byte[] b = new byte[n];
        long x = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < n; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            b[i] = (byte) x;
        }
        return b;
    }

    private static String label(String body) {
        String oneLine = body.replace('\n', ' ');
        return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 37) + "...";
    }
}
