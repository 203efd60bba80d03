package io.slipway.engine.invoke;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** POSTs the payload to an {@link HttpTarget}; a 2xx answer is success. */
final class HttpInvocation {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    /**
     * One client for the process: it owns a selector thread and a connection pool. Created on first
     * use, so an operator with only command targets never starts them. HTTP/1.1 because local
     * function servers rarely speak h2c and the upgrade attempt costs a round trip.
     */
    private static final class Client {
        static final HttpClient INSTANCE = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER) // a redirect is the server's answer, not a retry
                .connectTimeout(TIMEOUT)
                .build();
    }

    private final Duration timeout;

    HttpInvocation(Duration timeout) {
        if (!timeout.isPositive()) {
            throw new IllegalArgumentException("HTTP timeout must be positive, got " + timeout);
        }
        this.timeout = timeout;
    }

    FunctionInvoker.Outcome invoke(HttpTarget target, String payloadJson, InvocationEnvironment env)
            throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(target.url())
                .timeout(timeout) // until the status line arrives
                .header("Content-Type", "application/json")
                .header("X-Slipway-Endpoint", env.endpointUrl())
                .header("X-Slipway-Region", env.region())
                .header("X-Slipway-Account", env.accountId())
                .header("X-Slipway-Function", env.bareFunctionName())
                .POST(HttpRequest.BodyPublishers.ofString(payloadJson, StandardCharsets.UTF_8))
                .build();
        CompletableFuture<HttpResponse<OutputTail>> exchange = Client.INSTANCE.sendAsync(request,
                info -> BodySubscribers.fromSubscriber(new TailSubscriber(), TailSubscriber::tail));
        HttpResponse<OutputTail> response;
        try {
            // The request timeout covers the wait for the status line only; this bounds connecting,
            // waiting and a body that trickles forever.
            response = exchange.get(timeout.multipliedBy(2).toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            throw e;
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return failed(target, "timed out after " + timeout.multipliedBy(2));
        } catch (ExecutionException e) {
            return failed(target, describe(e.getCause()));
        }
        int status = response.statusCode();
        String statusLine = (response.version() == HttpClient.Version.HTTP_2 ? "HTTP/2 " : "HTTP/1.1 ") + status;
        return new FunctionInvoker.Outcome(status >= 200 && status < 300, statusLine + response.body().section("body"));
    }

    private static FunctionInvoker.Outcome failed(HttpTarget target, String why) {
        return new FunctionInvoker.Outcome(false, "POST " + target.url() + " failed: " + why);
    }

    private static String describe(Throwable cause) {
        return switch (cause) {
            case HttpTimeoutException t -> "timed out: " + t.getMessage();
            case ConnectException c -> "connection refused or unreachable" + (c.getMessage() == null ? "" : ": " + c.getMessage());
            case IOException io -> io.getClass().getSimpleName() + (io.getMessage() == null ? "" : ": " + io.getMessage());
            default -> throw new IllegalStateException("unexpected HTTP client failure", cause);
        };
    }

    /** Keeps the tail of the response body, like a command's output: bounded, and readable on failure. */
    private static final class TailSubscriber implements Flow.Subscriber<List<ByteBuffer>> {
        private final OutputTail tail = new OutputTail();

        OutputTail tail() {
            return tail;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            buffers.forEach(tail::append);
        }

        @Override
        public void onError(Throwable throwable) {
            // the exchange's future fails with it
        }

        @Override
        public void onComplete() {
        }
    }
}
