package io.slipway.it.fuzz;

import io.slipway.it.SlipwayServer;
import io.slipway.model.runtime.Operation;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The model-driven bad-input run: every operation of every served service, with its valid request
 * and, in a seeded order, its bad ones ({@link Mutations}); each answer is checked by
 * {@link ResponseCheck}. Each request is signed as it goes on the wire ({@link WireSigner}, with
 * {@link SlipwayServer#SECRET}), so that against a verifying Slipway the bad bodies reach the
 * handlers; one that does not, though its path and query are sound, is a problem. Bounded by cases per operation and rounds, so CI runs it in a minute and
 * a long run ({@link #main}) makes as many requests as asked.
 *
 * @param casesPerOperation at most this many cases an operation per round (the valid request always)
 * @param rounds            rounds, each with the next seed's choice of cases
 * @param threads           connections used at once, each working through its own operations
 */
public record FuzzRun(URI endpoint, long seed, int casesPerOperation, int rounds, int threads, String accessKey) {

    public FuzzReport run() throws InterruptedException {
        FuzzReport report = new FuzzReport();
        List<Work> work = new ArrayList<>();
        String only = System.getProperty("slipway.fuzz.only", ""); // e.g. S3.PutObject, to look at one operation
        for (ServedService service : ServedService.ALL) {
            ResponseCheck check = new ResponseCheck(service);
            boolean framing = true;
            for (Operation op : service.operations()) {
                if (only.isEmpty() || only.equals(service.name() + "." + op.name())) {
                    work.add(new Work(service, op, check, framing, !only.isEmpty()));
                    framing = false;
                }
            }
        }
        Collections.shuffle(work, new Random(seed)); // spread slow operations over the threads
        // deeply nested documents are written recursively: the threads get room for that
        try (ExecutorService pool = Executors.newFixedThreadPool(threads, r -> new Thread(null, r, "fuzz", 256L << 20))) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                List<Work> share = work.subList(work.size() * t / threads, work.size() * (t + 1) / threads);
                done.add(pool.submit(() -> {
                    try (WireClient client = new WireClient(endpoint.getHost(), endpoint.getPort())) {
                        for (int round = 0; round < rounds; round++) {
                            for (Work w : share) {
                                w.run(client, new Random(seed + round * 7919L + w.op.name().hashCode()), report);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
        }
        return report;
    }

    private final class Work {
        final ServedService service;
        final Operation op;
        final ResponseCheck check;
        /** Whether this operation's valid request is also sent with its HTTP framing broken (one operation a service). */
        final boolean framing;
        /** Whether each request and answer is printed (when one operation is looked at alone). */
        final boolean verbose;
        final WireSigner signer;

        Work(ServedService service, Operation op, ResponseCheck check, boolean framing, boolean verbose) {
            this.signer = new WireSigner(accessKey, SlipwayServer.SECRET, service.signingName());
            this.service = service;
            this.op = op;
            this.check = check;
            this.framing = framing;
            this.verbose = verbose;
        }

        /** Each broken-framing request on a connection of its own: the server closes after answering one. */
        void sendBrokenFraming(FuzzCase valid, FuzzReport report) {
            WireRequest request = signer.sign(RequestEncoder.encode(service, op, valid.document()), Instant.now());
            for (FramingBreakage.Broken broken : FramingBreakage.of(request)) {
                String where = service.name() + "." + op.name() + " [framing: " + broken.label() + "]";
                try (WireClient fresh = new WireClient(endpoint.getHost(), endpoint.getPort())) {
                    WireClient.Answer answer = fresh.sendRaw(broken.head(), broken.body(), "HEAD".equals(request.method()));
                    report.record(service, op.name(), answer.status());
                    (broken.routable() ? check.problem(op, request, answer) : ResponseCheck.generic(answer))
                            .ifPresent(p -> report.problem(where + ": " + p));
                } catch (IOException e) {
                    report.record(service, op.name(), 0);
                    report.problem(where + ": no answer (" + e.getMessage() + ")");
                }
            }
        }

        void run(WireClient client, Random random, FuzzReport report) {
            List<FuzzCase> cases = new ArrayList<>(Mutations.of(service, op));
            FuzzCase valid = cases.removeFirst();
            Collections.shuffle(cases, random);
            if (framing) {
                sendBrokenFraming(valid, report);
            }
            List<FuzzCase> chosen = new ArrayList<>(List.of(valid));
            chosen.addAll(cases.subList(0, Math.min(cases.size(), Math.max(0, casesPerOperation - 1))));
            for (FuzzCase c : chosen) {
                String where = service.name() + "." + op.name() + " [" + c.label() + "]";
                WireRequest request;
                try {
                    request = signer.sign(c.onWire().apply(RequestEncoder.encode(service, op, c.document())), Instant.now());
                } catch (RuntimeException e) {
                    throw new IllegalStateException("cannot encode " + where, e);
                }
                try {
                    WireClient.Answer answer = client.send(request);
                    report.record(service, op.name(), answer.status());
                    if (verbose) {
                        System.out.println(where + ": " + request.method() + " " + ResponseCheck.snippet(request.target())
                                + " " + request.headers() + " -> " + answer.status() + " " + ResponseCheck.snippet(answer.bodyText()));
                    }
                    check.problem(op, request, answer).or(() -> signatureHolds(c) ? check.signatureRefused(request, answer)
                            : Optional.empty()).ifPresent(p -> report.problem(where + ": " + p));
                } catch (IOException e) {
                    report.record(service, op.name(), 0);
                    report.problem(where + ": no answer (" + e.getMessage() + ")");
                }
            }
        }
    }

    /**
     * Whether a case's request, signed as sent, must pass a verifying Slipway's check: all but those
     * with a broken path or query (whose canonical form nothing defines) or a payload hash that is not one.
     */
    private static boolean signatureHolds(FuzzCase c) {
        return !c.label().startsWith("path:") && !c.label().startsWith("query:") && !c.label().contains("x-amz-content-sha256");
    }

    /** {@code FuzzRun ENDPOINT [REQUESTS] [SEED]}: a long run against a running Slipway, for benchmarks and soak tests. */
    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args.length > 0 ? args[0] : "http://127.0.0.1:4599");
        long wanted = args.length > 1 ? Long.parseLong(args[1]) : 50_000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        long sent = 0;
        int problems = 0;
        for (int round = 0; sent < wanted; round++) {
            FuzzReport report = new FuzzRun(endpoint, seed + round, 60, 1, 4, "111122223333").run();
            sent += report.requests();
            problems += report.problems().size();
            System.out.println("round " + round + ": " + report.summary());
            report.problems().stream().limit(20).forEach(p -> System.out.println("  " + p));
        }
        System.out.println("sent " + sent + " requests, " + problems + " problems");
        System.exit(problems == 0 ? 0 : 1);
    }
}
