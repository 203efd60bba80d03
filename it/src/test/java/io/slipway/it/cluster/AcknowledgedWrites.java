package io.slipway.it.cluster;

import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that keeps writing SSM parameters through the proxy while a scenario runs and its node
 * is killed, and remembers each write the cluster acknowledged (the call returned). Afterwards every
 * acknowledged write must be readable: a node may die, an acknowledged write may not be lost. A
 * write cut by the kill and not acknowledged may or may not have happened; it is not counted.
 */
final class AcknowledgedWrites implements AutoCloseable {
    private static final int LIMIT = 2_000; // bounded whatever happens
    private final SsmClient ssm;
    private final String prefix;
    private final List<String> acknowledged = new CopyOnWriteArrayList<>();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread writer;

    AcknowledgedWrites(Cluster cluster, String prefix) {
        this.ssm = cluster.client(SsmClient.builder());
        this.prefix = prefix;
        this.writer = Thread.ofPlatform().name("acknowledged-writes").start(this::write);
    }

    private void write() {
        for (int i = 0; i < LIMIT && running.get(); i++) {
            String name = prefix + "/" + i;
            try {
                ssm.putParameter(r -> r.name(name).value("v" + name.hashCode()).type(ParameterType.STRING).overwrite(true));
                acknowledged.add(name);
            } catch (RuntimeException e) {
                failed.incrementAndGet();
            }
            Cluster.pause(Duration.ofMillis(25));
        }
    }

    /** Stops writing and asserts that every acknowledged write reads back through the proxy; returns how many. */
    int stopAndVerify() throws InterruptedException {
        running.set(false);
        writer.join(Cluster.PATIENCE.toMillis());
        List<String> lost = acknowledged.stream().filter(name -> !readable(name)).toList();
        System.out.printf("acknowledged writes: %d, not acknowledged: %d, lost: %d%n", acknowledged.size(), failed.get(),
                lost.size());
        assertThat(acknowledged).as("writes acknowledged during the run").isNotEmpty();
        assertThat(lost).as("acknowledged writes that cannot be read").isEmpty();
        return acknowledged.size();
    }

    private boolean readable(String name) {
        return ("v" + name.hashCode()).equals(ssm.getParameter(r -> r.name(name)).parameter().value());
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        writer.join(Cluster.PATIENCE.toMillis());
        ssm.close();
    }
}
