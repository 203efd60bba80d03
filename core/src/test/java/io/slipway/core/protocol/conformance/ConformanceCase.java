package io.slipway.core.protocol.conformance;

import software.amazon.smithy.model.Model;
import software.amazon.smithy.model.knowledge.TopDownIndex;
import software.amazon.smithy.model.shapes.OperationShape;
import software.amazon.smithy.model.shapes.ServiceShape;
import software.amazon.smithy.model.shapes.ShapeId;
import software.amazon.smithy.model.shapes.StructureShape;
import software.amazon.smithy.protocoltests.traits.AppliesTo;
import software.amazon.smithy.protocoltests.traits.HttpMalformedRequestTestCase;
import software.amazon.smithy.protocoltests.traits.HttpMalformedRequestTestsTrait;
import software.amazon.smithy.protocoltests.traits.HttpMessageTestCase;
import software.amazon.smithy.protocoltests.traits.HttpRequestTestsTrait;
import software.amazon.smithy.protocoltests.traits.HttpResponseTestsTrait;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One server-side case of a suite: a request to decode, a response (an operation's output or one
 * of its errors) to encode, or a malformed request to reject.
 *
 * @param testCase  an {@link HttpMessageTestCase} (request, response) or {@link HttpMalformedRequestTestCase}
 * @param error     the error shape a response case is about, or null for an output case
 */
record ConformanceCase(ProtocolSuite suite, Kind kind, Object testCase, OperationShape operation, ShapeId error) {

    enum Kind {
        REQUEST("request"), RESPONSE("response"), MALFORMED("malformed");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    String id() {
        return testCase instanceof HttpMalformedRequestTestCase m ? m.getId() : ((HttpMessageTestCase) testCase).getId();
    }

    /**
     * How the skip list names a case: "request SomeId", "response SomeId" or "malformed SomeId"
     * (Smithy names each expansion of a parameterized malformed case SomeId_case0, _case1, ...).
     */
    String key() {
        return kind.label + " " + id();
    }

    @Override
    public String toString() {
        return suite.label + " " + key();
    }

    /** The cases of a suite that apply to servers, and how many apply to clients only. */
    record Found(List<ConformanceCase> cases, int clientOnly) {
    }

    static Found of(Model model, ProtocolSuite suite) {
        ServiceShape service = model.expectShape(suite.service, ServiceShape.class);
        List<ConformanceCase> cases = new ArrayList<>();
        List<HttpMessageTestCase> clientOnly = new ArrayList<>();
        Set<ShapeId> errorsSeen = new LinkedHashSet<>();
        List<OperationShape> operations = TopDownIndex.of(model).getContainedOperations(service).stream()
                .sorted(Comparator.comparing(OperationShape::getId)).toList();
        for (OperationShape op : operations) {
            op.getTrait(HttpRequestTestsTrait.class).ifPresent(t -> t.getTestCases().forEach(c ->
                    add(suite, c, new ConformanceCase(suite, Kind.REQUEST, c, op, null), cases, clientOnly)));
            op.getTrait(HttpResponseTestsTrait.class).ifPresent(t -> t.getTestCases().forEach(c ->
                    add(suite, c, new ConformanceCase(suite, Kind.RESPONSE, c, op, null), cases, clientOnly)));
            op.getTrait(HttpMalformedRequestTestsTrait.class).ifPresent(t -> malformed(suite, op, t, cases));
            for (ShapeId error : op.getErrors(service)) {
                if (errorsSeen.add(error)) {
                    model.expectShape(error, StructureShape.class).getTrait(HttpResponseTestsTrait.class)
                            .ifPresent(t -> t.getTestCases().forEach(c -> add(suite, c,
                                    new ConformanceCase(suite, Kind.RESPONSE, c, op, error), cases, clientOnly)));
                }
            }
        }
        return new Found(cases, clientOnly.size());
    }

    /** Malformed-request cases are for servers only; a parameterized one expands to one case per parameter set. */
    private static void malformed(ProtocolSuite suite, OperationShape op, HttpMalformedRequestTestsTrait trait,
                                  List<ConformanceCase> cases) {
        for (HttpMalformedRequestTestCase c : trait.getTestCases()) {
            if (c.getProtocol().equals(suite.trait)) {
                cases.add(new ConformanceCase(suite, Kind.MALFORMED, c, op, null));
            }
        }
    }

    private static void add(ProtocolSuite suite, HttpMessageTestCase c, ConformanceCase found,
                            List<ConformanceCase> cases, List<HttpMessageTestCase> clientOnly) {
        if (!c.getProtocol().equals(suite.trait)) {
            return;
        }
        if (c.getAppliesTo().map(a -> a == AppliesTo.SERVER).orElse(true)) {
            cases.add(found);
        } else {
            clientOnly.add(c);
        }
    }
}
