package io.slipway.ssm;

import io.slipway.core.Namespace;
import io.slipway.model.runtime.RequestContext;
import io.slipway.model.ssm.*;
import io.slipway.ssm.parameter.ParameterLabels;
import io.slipway.ssm.parameter.ParameterListings;
import io.slipway.ssm.parameter.ParameterReads;
import io.slipway.ssm.parameter.ParameterTags;
import io.slipway.ssm.parameter.Parameters;

/**
 * The SSM operations Slipway serves: Parameter Store. Every other SSM operation keeps the
 * generated answer, NotImplemented. Sections: writes, reads, listings, labels, tags.
 */
public final class SsmApi implements SsmHandler {
    private final Parameters parameters;
    private final ParameterReads reads;
    private final ParameterListings listings;
    private final ParameterLabels labels;
    private final ParameterTags tags;

    public SsmApi(Parameters parameters, ParameterReads reads, ParameterListings listings, ParameterLabels labels,
                  ParameterTags tags) {
        this.parameters = parameters;
        this.reads = reads;
        this.listings = listings;
        this.labels = labels;
        this.tags = tags;
    }

    // ---- writes ----

    @Override
    public PutParameterResult putParameter(PutParameterRequest in, RequestContext ctx) {
        return parameters.put(Namespace.of(ctx), in);
    }

    @Override
    public DeleteParameterResult deleteParameter(DeleteParameterRequest in, RequestContext ctx) {
        parameters.delete(Namespace.of(ctx), in.name());
        return new DeleteParameterResult();
    }

    @Override
    public DeleteParametersResult deleteParameters(DeleteParametersRequest in, RequestContext ctx) {
        return parameters.deleteAll(Namespace.of(ctx), in.names());
    }

    // ---- reads ----

    @Override
    public GetParameterResult getParameter(GetParameterRequest in, RequestContext ctx) {
        return new GetParameterResult(reads.get(Namespace.of(ctx), in.name(), Boolean.TRUE.equals(in.withDecryption())));
    }

    @Override
    public GetParametersResult getParameters(GetParametersRequest in, RequestContext ctx) {
        return reads.getAll(Namespace.of(ctx), in.names(), Boolean.TRUE.equals(in.withDecryption()));
    }

    @Override
    public GetParameterHistoryResult getParameterHistory(GetParameterHistoryRequest in, RequestContext ctx) {
        return reads.history(Namespace.of(ctx), in.name(), Boolean.TRUE.equals(in.withDecryption()), in.maxResults(),
                in.nextToken());
    }

    // ---- listings ----

    @Override
    public GetParametersByPathResult getParametersByPath(GetParametersByPathRequest in, RequestContext ctx) {
        return listings.byPath(Namespace.of(ctx), in);
    }

    @Override
    public DescribeParametersResult describeParameters(DescribeParametersRequest in, RequestContext ctx) {
        return listings.describe(Namespace.of(ctx), in);
    }

    // ---- labels ----

    @Override
    public LabelParameterVersionResult labelParameterVersion(LabelParameterVersionRequest in, RequestContext ctx) {
        return labels.label(Namespace.of(ctx), in.name(), in.parameterVersion(), in.labels());
    }

    @Override
    public UnlabelParameterVersionResult unlabelParameterVersion(UnlabelParameterVersionRequest in, RequestContext ctx) {
        return labels.unlabel(Namespace.of(ctx), in.name(), in.parameterVersion(), in.labels());
    }

    // ---- tags ----

    @Override
    public AddTagsToResourceResult addTagsToResource(AddTagsToResourceRequest in, RequestContext ctx) {
        tags.add(Namespace.of(ctx), in.resourceType(), in.resourceId(), in.tags());
        return new AddTagsToResourceResult();
    }

    @Override
    public RemoveTagsFromResourceResult removeTagsFromResource(RemoveTagsFromResourceRequest in, RequestContext ctx) {
        tags.remove(Namespace.of(ctx), in.resourceType(), in.resourceId(), in.tagKeys());
        return new RemoveTagsFromResourceResult();
    }

    @Override
    public ListTagsForResourceResult listTagsForResource(ListTagsForResourceRequest in, RequestContext ctx) {
        return new ListTagsForResourceResult(tags.list(Namespace.of(ctx), in.resourceType(), in.resourceId()));
    }
}
