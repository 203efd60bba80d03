package io.slipway.it.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/** What a fuzz run sent and what came back: counts by service and status, and every problem found. */
public final class FuzzReport {
    private final AtomicLong requests = new AtomicLong();
    private final Map<String, Long> byStatus = new TreeMap<>();
    private final Map<String, Long> bySservice = new TreeMap<>();
    private final Map<String, Integer> operations = new TreeMap<>();
    private final List<String> problems = new ArrayList<>();

    synchronized void record(ServedService service, String operation, int status) {
        requests.incrementAndGet();
        byStatus.merge(Integer.toString(status), 1L, Long::sum);
        bySservice.merge(service.name(), 1L, Long::sum);
        operations.merge(service.name() + "." + operation, 1, Integer::sum);
    }

    synchronized void problem(String text) {
        problems.add(text);
    }

    public long requests() {
        return requests.get();
    }

    public synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    public synchronized int operationsCovered() {
        return operations.size();
    }

    public synchronized String summary() {
        return requests() + " requests over " + operations.size() + " operations; by status " + byStatus
                + "; by service " + bySservice + "; " + problems.size() + " problems";
    }
}
