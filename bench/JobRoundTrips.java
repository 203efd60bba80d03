import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
 * WORKERS WARMUP_SECONDS SECONDS}. Each worker keeps one HTTP/1.1 connection and writes the wire
 * protocol itself, like wrk for the other rows: the driver shares the machine's cores with Slipway,
 * and a general-purpose client library's own work would be measured as Slipway's.
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
        AtomicLong done = new AtomicLong();
        AtomicLong empty = new AtomicLong();
        long end = System.nanoTime() + Duration.ofSeconds(warmup + seconds).toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try (Connection c = new Connection(endpoint)) {
                    long step = 0;
                    while (System.nanoTime() < end) {
                        String polled = c.call("PollForJobs", "{\"actionTypeId\":" + typeId + ",\"maxBatchSize\":1}");
                        Matcher id = ID.matcher(polled);
                        Matcher nonce = NONCE.matcher(polled);
                        if (!id.find() || !nonce.find()) {
                            empty.incrementAndGet();
                            continue;
                        }
                        c.call("AcknowledgeJob", "{\"jobId\":\"" + id.group(1) + "\",\"nonce\":\"" + nonce.group(1) + "\"}");
                        c.call("PutJobSuccessResult", "{\"jobId\":\"" + id.group(1) + "\",\"continuationToken\":\"step-"
                                + (++step) + "\"}");
                        done.incrementAndGet();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
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

    /** One keep-alive connection speaking awsJson1_1 to CodePipeline. */
    private static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private final String host;

        Connection(URI endpoint) throws IOException {
            socket = new Socket(endpoint.getHost(), endpoint.getPort());
            socket.setTcpNoDelay(true);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream());
            host = endpoint.getHost() + ":" + endpoint.getPort();
        }

        String call(String operation, String body) throws IOException {
            byte[] payload = body.getBytes(StandardCharsets.UTF_8);
            String head = "POST / HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/x-amz-json-1.1\r\n"
                    + "X-Amz-Target: CodePipeline_20150709." + operation + "\r\nContent-Length: " + payload.length + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(payload);
            out.flush();
            String status = line();
            int length = -1;
            for (String h = line(); !h.isEmpty(); h = line()) {
                if (h.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    length = Integer.parseInt(h.substring(15).trim());
                }
            }
            if (length < 0) {
                throw new IOException(operation + ": response without Content-Length");
            }
            String response = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            if (!status.startsWith("HTTP/1.1 200")) {
                throw new IllegalStateException(operation + " answered " + status + ": " + response);
            }
            return response;
        }

        private String line() throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream(64);
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("connection closed");
                }
                if (c != '\r') {
                    b.write(c);
                }
            }
            return b.toString(StandardCharsets.US_ASCII);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
