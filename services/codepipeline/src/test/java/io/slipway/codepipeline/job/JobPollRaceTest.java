package io.slipway.codepipeline.job;

import io.slipway.model.codepipeline.Job;
import io.slipway.model.codepipeline.JobStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.slipway.codepipeline.job.JobFixture.BUILD;
import static io.slipway.codepipeline.job.JobFixture.NS;
import static org.assertj.core.api.Assertions.assertThat;

/** Concurrent polls never hand one job to two workers, and lose nothing. */
class JobPollRaceTest {
    private final JobFixture f = new JobFixture();
    private final ExecutorService threads = Executors.newFixedThreadPool(4);

    @AfterEach
    void close() {
        threads.shutdownNow();
        f.close();
    }

    private List<Job> poll(int max) {
        return f.jobs.pollForJobs(NS, BUILD, Optional.of(max), Map.of());
    }

    private <T> List<T> all(List<Future<T>> futures) throws Exception {
        List<T> out = new ArrayList<>();
        for (Future<T> future : futures) {
            out.add(future.get());
        }
        return out;
    }

    @Test
    void twoPollersRacingForOneJobGetItOnceBetweenThem() throws Exception {
        for (int round = 0; round < 100; round++) {
            String id = f.create(BUILD, "ae-" + round);
            CyclicBarrier start = new CyclicBarrier(2);
            Callable<List<Job>> poller = () -> {
                start.await();
                return poll(1);
            };
            List<List<Job>> polled = all(List.of(threads.submit(poller), threads.submit(poller)));

            assertThat(polled.stream().flatMap(List::stream).map(Job::id).toList()).as("round %d", round)
                    .containsExactly(id);
            assertThat(f.status(id)).isEqualTo(JobStatus.DISPATCHED);
        }
    }

    @Test
    void fourPollersDrainingAQueueHandOutEveryJobExactlyOnce() throws Exception {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            created.add(f.create(BUILD, "ae-" + i));
        }
        CyclicBarrier start = new CyclicBarrier(4);
        Callable<List<String>> poller = () -> {
            start.await();
            List<String> mine = new ArrayList<>();
            for (List<Job> batch = poll(3); !batch.isEmpty(); batch = poll(3)) {
                batch.forEach(job -> mine.add(job.id()));
            }
            return mine;
        };
        List<Future<List<String>>> futures = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            futures.add(threads.submit(poller));
        }
        List<String> handedOut = all(futures).stream().flatMap(List::stream).toList();

        assertThat(handedOut).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
        assertThat(poll(10)).isEmpty();
    }

    /**
     * The benchmark's loop with four workers: poll, acknowledge, succeed with a continuation token,
     * and the engine queues the next job in the same transaction. Every job runs exactly once.
     */
    @Test
    void fourWorkersWithContinuationsRunEveryJobOnce() throws Exception {
        f.results.onSuccess = (tx, job) -> f.jobs.create(tx, NS, JobFixture.newJob(BUILD, job.actionExecutionId(),
                Optional.empty(), true, Optional.of("next")));
        for (int i = 0; i < 4; i++) {
            f.create(BUILD, "ae-" + i);
        }
        int roundTrips = 250;
        CyclicBarrier start = new CyclicBarrier(4);
        Callable<List<String>> worker = () -> {
            start.await();
            List<String> done = new ArrayList<>();
            while (done.size() < roundTrips) {
                for (Job job : poll(1)) {
                    assertThat(f.jobs.acknowledgeJob(NS, job.id(), job.nonce())).isEqualTo(JobStatus.IN_PROGRESS);
                    f.jobs.putJobSuccessResult(NS, job.id(), new JobResults.Success(Optional.of("next"),
                            Optional.empty(), Optional.empty(), Map.of()));
                    done.add(job.id());
                }
            }
            return done;
        };
        List<Future<List<String>>> futures = new ArrayList<>();
        long began = System.nanoTime();
        for (int i = 0; i < 4; i++) {
            futures.add(threads.submit(worker));
        }
        List<String> done = all(futures).stream().flatMap(List::stream).toList();
        double seconds = (System.nanoTime() - began) / 1e9;
        System.out.printf("JobPollRaceTest: %d job round trips by 4 workers in %.2f s (%.0f/s, in-process, no HTTP)%n",
                done.size(), seconds, done.size() / seconds);

        assertThat(done).hasSize(4 * roundTrips).doesNotHaveDuplicates();
        assertThat(f.results.results).hasSize(4 * roundTrips);
    }
}
