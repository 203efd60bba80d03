import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Custom-action job round trips against a running Slipway: each worker thread polls for a job,
 * acknowledges it and answers PutJobSuccessResult with a continuation token, which makes
 * CodePipeline queue the action's next job, then polls again. Prints round trips per second.
 *
 * <p>Run with the JDK's source launcher: {@code java bench/JobRoundTrips.java URL CATEGORY PROVIDER
 * WORKERS WARMUP_SECONDS SECONDS}. It speaks the wire protocol itself, as a worker written against
 * any SDK does, so the figure is Slipway's and not a client library's.
 */
public final class JobRoundTrips {
    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    private static final Pattern NONCE = Pattern.compile("\"nonce\":\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        String typeId = "{\"category\":\"" + args[1] + "\",\"owner\":\"Custom\",\"provider\":\"" + args[2]
                + "\",\"version\":\"1\"}";
        int workers = Integer.parseInt(args[3]);
        long warmup = Long.parseLong(args[4]);
        long seconds = Long.parseLong(args[5]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicLong done = new AtomicLong();
        AtomicLong empty = new AtomicLong();
        long end = System.nanoTime() + Duration.ofSeconds(warmup + seconds).toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            threads.add(Thread.ofPlatform().start(() -> {
                long step = 0;
                while (System.nanoTime() < end) {
                    String polled = call(http, endpoint, "PollForJobs", "{\"actionTypeId\":" + typeId + ",\"maxBatchSize\":1}");
                    Matcher id = ID.matcher(polled);
                    Matcher nonce = NONCE.matcher(polled);
                    if (!id.find() || !nonce.find()) {
                        empty.incrementAndGet();
                        continue;
                    }
                    call(http, endpoint, "AcknowledgeJob", "{\"jobId\":\"" + id.group(1) + "\",\"nonce\":\"" + nonce.group(1) + "\"}");
                    call(http, endpoint, "PutJobSuccessResult", "{\"jobId\":\"" + id.group(1) + "\",\"continuationToken\":\"step-"
                            + (++step) + "\"}");
                    done.incrementAndGet();
                }
            }));
        }
        Thread.sleep(Duration.ofSeconds(warmup));
        long before = done.get();
        long emptyBefore = empty.get();
        long started = System.nanoTime();
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        System.out.printf("%.1f %d %d%n", (done.get() - before) / elapsed, done.get() - before, empty.get() - emptyBefore);
    }

    private static String call(HttpClient http, URI endpoint, String operation, String body) {
        HttpRequest request = HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "CodePipeline_20150709." + operation).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(operation + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
