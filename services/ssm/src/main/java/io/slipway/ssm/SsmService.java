package io.slipway.ssm;

import io.slipway.core.protocol.ServiceBinding;
import io.slipway.engine.clock.SlipwayClock;
import io.slipway.engine.store.Jdbc;
import io.slipway.engine.store.ResourceStore;
import io.slipway.model.ssm.SsmDispatcher;
import io.slipway.ssm.parameter.ParameterLabels;
import io.slipway.ssm.parameter.ParameterListings;
import io.slipway.ssm.parameter.ParameterReads;
import io.slipway.ssm.parameter.ParameterTags;
import io.slipway.ssm.parameter.ParameterTiers;
import io.slipway.ssm.parameter.Parameters;
import io.slipway.ssm.store.SsmStore;

/** SSM assembled: Parameter Store's API binding and the lookup other services read parameters through. */
public record SsmService(ServiceBinding binding, ParameterLookup parameters) {

    public static SsmService create(Jdbc jdbc, ResourceStore resources, SlipwayClock clock) {
        return create(jdbc, resources, clock, ParameterTiers.STANDARD_QUOTA, ParameterTiers.ADVANCED_QUOTA);
    }

    /** With quotas of its own: tests use small ones to reach them. */
    public static SsmService create(Jdbc jdbc, ResourceStore resources, SlipwayClock clock, int standardQuota,
                                    int advancedQuota) {
        SsmStore store = new SsmStore(jdbc, resources);
        ParameterReads reads = new ParameterReads(store);
        Parameters parameters = new Parameters(store, clock, new ParameterTiers(store, standardQuota, advancedQuota));
        ParameterLookup lookup = (ns, reference) -> reads.find(ns, reference).map(p ->
                new ParameterLookup.Value(p.name(), p.type().value(), p.value(), p.version()));
        return new SsmService(new ServiceBinding(new SsmDispatcher(new SsmApi(parameters, reads,
                new ParameterListings(store, reads), new ParameterLabels(store, reads), new ParameterTags(store)))),
                lookup);
    }
}
