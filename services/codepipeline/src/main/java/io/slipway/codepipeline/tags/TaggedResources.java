package io.slipway.codepipeline.tags;

import io.slipway.codepipeline.store.CodePipelineStore;
import io.slipway.core.Namespace;
import io.slipway.core.PageToken;
import io.slipway.engine.store.Retry;
import io.slipway.engine.store.Tx;
import io.slipway.model.codepipeline.ListTagsForResourceInput;
import io.slipway.model.codepipeline.ListTagsForResourceOutput;
import io.slipway.model.codepipeline.Tag;
import io.slipway.model.codepipeline.TagResourceInput;
import io.slipway.model.codepipeline.TagResourceOutput;
import io.slipway.model.codepipeline.UntagResourceInput;
import io.slipway.model.codepipeline.UntagResourceOutput;
import io.slipway.model.runtime.AwsException;

import java.util.List;
import java.util.Optional;

import static io.slipway.model.codepipeline.CodePipelineErrors.INVALID_ARN;
import static io.slipway.model.codepipeline.CodePipelineErrors.INVALID_NEXT_TOKEN;
import static io.slipway.model.codepipeline.CodePipelineErrors.RESOURCE_NOT_FOUND;

/**
 * TagResource, UntagResource and ListTagsForResource by ARN: {@code arn:aws:codepipeline:region:account:name}
 * for a pipeline and {@code ...:actiontype:Custom/category/provider/version} for a custom action
 * type. The parts that own those resources say whether one exists; another account's or region's
 * resources do not exist for the caller.
 */
public final class TaggedResources {
    private final CodePipelineStore store;
    private final ResourceTags tags;
    private final Lookup pipelines;
    private final Lookup actionTypes;

    /** Whether a resource, named by the resource part of its ARN, exists in a namespace. */
    @FunctionalInterface
    public interface Lookup {
        boolean exists(Tx tx, Namespace ns, String resource);
    }

    public TaggedResources(CodePipelineStore store, ResourceTags tags, Lookup pipelines, Lookup actionTypes) {
        this.store = store;
        this.tags = tags;
        this.pipelines = pipelines;
        this.actionTypes = actionTypes;
    }

    public TagResourceOutput tag(Namespace caller, TagResourceInput in) {
        ResourceTags.validate(in.tags());
        return Retry.onConflict(() -> store.inTransaction(tx -> {
            tags.put(tx, caller, resolve(tx, caller, in.resourceArn()), in.resourceArn(), in.tags());
            return new TagResourceOutput();
        }));
    }

    /** Removes tags by key; keys the resource does not have are no error, {@code aws:} keys are. */
    public UntagResourceOutput untag(Namespace caller, UntagResourceInput in) {
        ResourceTags.validate(in.tagKeys().stream().map(k -> new Tag(k, "")).toList());
        return Retry.onConflict(() -> store.inTransaction(tx -> {
            tags.remove(tx, caller, resolve(tx, caller, in.resourceArn()), in.tagKeys());
            return new UntagResourceOutput();
        }));
    }

    /** A page of the resource's tags, in the order they were first added. */
    public ListTagsForResourceOutput list(Namespace caller, ListTagsForResourceInput in) {
        String list = "tags:" + in.resourceArn();
        List<Tag> all = store.inTransaction(tx -> tags.list(tx, caller, resolve(tx, caller, in.resourceArn())));
        int from = 0;
        if (in.nextToken() != null) {
            from = PageToken.decode(list, in.nextToken()).flatMap(TaggedResources::index).filter(i -> i <= all.size())
                    .orElseThrow(() -> INVALID_NEXT_TOKEN.exception("Invalid next token: " + in.nextToken()));
        }
        int to = in.maxResults() == null ? all.size() : Math.min(all.size(), from + in.maxResults());
        String next = to < all.size() ? PageToken.encode(list, Integer.toString(to)) : null;
        return new ListTagsForResourceOutput(List.copyOf(all.subList(from, to)), next);
    }

    private String resolve(Tx tx, Namespace caller, String arn) {
        String[] parts = arn.split(":", 6);
        if (parts.length < 6 || !parts[0].equals("arn") || !parts[2].equals("codepipeline") || parts[5].isEmpty()) {
            throw INVALID_ARN.exception("The ARN " + arn + " is not valid");
        }
        String resource = parts[5];
        Lookup lookup;
        if (resource.startsWith("actiontype:")) {
            String[] id = resource.substring("actiontype:".length()).split("/", -1);
            if (id.length != 4 || !id[0].equals("Custom")) {
                throw INVALID_ARN.exception("The ARN " + arn + " is not a valid action type ARN");
            }
            lookup = actionTypes;
        } else if (resource.startsWith("webhook:")) {
            // webhooks are ARNs CodePipeline has, but Slipway keeps none
            throw notFound(caller, arn);
        } else if (resource.contains(":") || resource.contains("/")) {
            throw INVALID_ARN.exception("The ARN " + arn + " does not name a pipeline or a custom action type");
        } else {
            lookup = pipelines;
        }
        boolean ours = new Namespace(parts[4], parts[3]).equals(caller);
        if (!ours || !lookup.exists(tx, caller, resource)) {
            throw notFound(caller, arn);
        }
        return resource;
    }

    private static AwsException notFound(Namespace caller, String arn) {
        return RESOURCE_NOT_FOUND.exception("The account with id '" + caller.account()
                + "' does not include a resource with the ARN '" + arn + "'");
    }

    private static Optional<Integer> index(String text) {
        try {
            return Optional.of(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
