package io.slipway.agent;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;

/**
 * Several simulated hosts in one process, for load and for tests: host {@code i} (from 1) is
 * {@code <ID>-<i>} with root {@code <root>/<ID>-<i>} (see {@link AgentSettings#simulatedHost}), each
 * polling on a virtual thread of its own. They share one HTTP client.
 */
public final class AgentFleet implements AutoCloseable {
    private final HttpClient http;
    private final List<HostAgent> hosts;

    private AgentFleet(AgentSettings base, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("A fleet has at least one host, not " + size);
        }
        this.http = HostAgent.newHttpClient(base);
        List<HostAgent> agents = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            agents.add(new HostAgent(base.simulatedHost(i), http, false));
        }
        this.hosts = List.copyOf(agents);
    }

    /** A fleet whose hosts do not poll yet: {@link #start()} or {@link #pollOnce()} them. */
    public static AgentFleet create(AgentSettings base, int size) {
        return new AgentFleet(base, size);
    }

    /** A fleet of {@code size} hosts, polling. */
    public static AgentFleet start(AgentSettings base, int size) {
        return create(base, size).start();
    }

    public AgentFleet start() {
        hosts.forEach(HostAgent::start);
        return this;
    }

    /** One poll for every host at once, each on its own virtual thread; returns when all are done. */
    public void pollOnce() throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (HostAgent host : hosts) {
            threads.add(Thread.ofVirtual().name("slipway-agent-" + host.hostIdentifier()).start(() -> {
                try {
                    host.pollOnce();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (CredentialsRefusedException e) {
                    // logged by the host; the other hosts may hold other keys
                }
            }));
        }
        try {
            for (Thread thread : threads) {
                thread.join();
            }
        } catch (InterruptedException e) {
            threads.forEach(Thread::interrupt);
            throw e;
        }
    }

    public List<HostAgent> hosts() {
        return hosts;
    }

    @Override
    public void close() {
        // Interrupt them all before waiting for any, so closing takes one host's time, not N.
        List<Thread> closers = new ArrayList<>();
        for (HostAgent host : hosts) {
            closers.add(Thread.ofVirtual().start(host::close));
        }
        for (Thread closer : closers) {
            try {
                closer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        http.shutdownNow();
    }
}
