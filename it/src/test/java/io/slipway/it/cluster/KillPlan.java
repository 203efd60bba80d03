package io.slipway.it.cluster;

import java.util.List;
import java.util.Random;

/**
 * Where in a scenario the node holding its work dies: one of the scenario's steps, drawn with a
 * seeded Random whose seed is printed, so that a failure can be replayed with
 * {@code -Dslipway.cluster.seed=SEED}.
 */
final class KillPlan {
    private final Random random;
    private final String step;

    KillPlan(String scenario, List<String> steps) {
        long seed = Long.getLong("slipway.cluster.seed", System.nanoTime());
        random = new Random(seed);
        step = steps.get(random.nextInt(steps.size()));
        System.out.println(scenario + ": seed " + seed + ", kill at step '" + step + "' of " + steps);
    }

    /** Whether the kill happens at {@code name}. */
    boolean at(String name) {
        return step.equals(name);
    }

    Random random() {
        return random;
    }
}
