package io.slipway.codepipeline.pipeline;

import io.slipway.codepipeline.actiontype.ActionTypes;
import io.slipway.codepipeline.store.CodePipelineStore;
import io.slipway.codepipeline.tags.ResourceTags;
import io.slipway.core.Namespace;
import io.slipway.core.PageToken;
import io.slipway.core.codec.DocumentType;
import io.slipway.engine.clock.SlipwayClock;
import io.slipway.engine.store.DocumentStore;
import io.slipway.engine.store.DuplicateKeyException;
import io.slipway.engine.store.Retry;
import io.slipway.engine.store.Tx;
import io.slipway.engine.store.Versioned;
import io.slipway.model.codepipeline.ActionType;
import io.slipway.model.codepipeline.ActionTypeId;
import io.slipway.model.codepipeline.CodePipelineModel;
import io.slipway.model.codepipeline.CreatePipelineOutput;
import io.slipway.model.codepipeline.ExecutionMode;
import io.slipway.model.codepipeline.GetPipelineOutput;
import io.slipway.model.codepipeline.ListPipelinesOutput;
import io.slipway.model.codepipeline.PipelineDeclaration;
import io.slipway.model.codepipeline.PipelineMetadata;
import io.slipway.model.codepipeline.PipelineSummary;
import io.slipway.model.codepipeline.PipelineType;
import io.slipway.model.codepipeline.Tag;
import io.slipway.model.codepipeline.UpdatePipelineOutput;
import io.slipway.model.runtime.AwsException;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import static io.slipway.model.codepipeline.CodePipelineErrors.INVALID_NEXT_TOKEN;
import static io.slipway.model.codepipeline.CodePipelineErrors.LIMIT_EXCEEDED;
import static io.slipway.model.codepipeline.CodePipelineErrors.PIPELINE_NAME_IN_USE;
import static io.slipway.model.codepipeline.CodePipelineErrors.PIPELINE_NOT_FOUND;
import static io.slipway.model.codepipeline.CodePipelineErrors.PIPELINE_VERSION_NOT_FOUND;
import static io.slipway.model.codepipeline.CodePipelineErrors.RESOURCE_NOT_FOUND;

/**
 * Pipeline definitions. The latest version is stored by name, and every version (the latest too)
 * under the name as {@code name/version}, so that executions keep running the version they
 * started on. Documents are GetPipeline's answer with the real secret values; clients get them
 * masked. Tags are kept by the pipeline's name and deleted with it.
 */
public final class Pipelines {
    /** CodePipeline's quota of pipelines per account and region. */
    public static final int MAX_PIPELINES = 1000;
    public static final DocumentType<GetPipelineOutput> PIPELINE = new DocumentType<>("codepipeline.pipeline",
            CodePipelineModel.MODEL.shape("GetPipelineOutput"), GetPipelineOutput::fromDocument);
    /** Every version of a pipeline, keyed {@code name/version} under the pipeline's name. */
    public static final DocumentType<GetPipelineOutput> PIPELINE_VERSION = new DocumentType<>(
            "codepipeline.pipeline-version", CodePipelineModel.MODEL.shape("GetPipelineOutput"),
            GetPipelineOutput::fromDocument);
    private final CodePipelineStore store;
    private final ActionTypes actionTypes;
    private final ResourceTags tags;
    private final SlipwayClock clock;
    private final PipelineChanges changes;

    public Pipelines(CodePipelineStore store, ActionTypes actionTypes, ResourceTags tags, SlipwayClock clock,
                     PipelineChanges changes) {
        this.store = store;
        this.actionTypes = actionTypes;
        this.tags = tags;
        this.clock = clock;
        this.changes = changes;
    }

    // ---- the API ----

    public CreatePipelineOutput create(Namespace ns, PipelineDeclaration input, List<Tag> tagList) {
        ResourceTags.validate(tagList);
        return Retry.onConflict(() -> store.inTransaction(tx -> {
            Function<ActionTypeId, Optional<ActionType>> types = id -> actionTypes.find(tx, ns, id);
            PipelineDeclaration p = withDefaults(SecretValues.restored(input, Optional.empty(), types), 1);
            PipelineRules.check(p, ns.region(), types);
            if (exists(tx, ns, p.name())) {
                throw nameInUse(ns, p.name());
            }
            if (!store.belowQuota(tx, PIPELINE, ns, Optional.empty(), MAX_PIPELINES)) {
                throw LIMIT_EXCEEDED.exception("The limit of " + MAX_PIPELINES
                        + " pipelines for this account and region has been reached");
            }
            Instant now = clock.now();
            GetPipelineOutput doc = new GetPipelineOutput(p, PipelineMetadata.builder().pipelineArn(arn(ns, p.name()))
                    .created(now).updated(now).build());
            try {
                store.insert(tx, PIPELINE, ns, p.name(), Optional.empty(), doc);
            } catch (DuplicateKeyException e) {
                throw nameInUse(ns, p.name());
            }
            store.insert(tx, PIPELINE_VERSION, ns, versionKey(p.name(), 1), Optional.of(p.name()), doc);
            tags.put(tx, ns, p.name(), arn(ns, p.name()), tagList);
            changes.created(tx, ns, p);
            List<Tag> stored = tags.list(tx, ns, p.name());
            return new CreatePipelineOutput(masked(tx, ns, p), stored.isEmpty() ? null : stored);
        }));
    }

    /** GetPipeline: the latest version, or the given one. */
    public GetPipelineOutput get(Namespace ns, String name, Integer version) {
        return store.inTransaction(tx -> {
            GetPipelineOutput latest = store.get(tx, PIPELINE, ns, name).map(Versioned::value)
                    .orElseThrow(() -> notFound(ns, name));
            GetPipelineOutput doc = version == null ? latest
                    : store.get(tx, PIPELINE_VERSION, ns, versionKey(name, version)).map(Versioned::value)
                    .orElseThrow(() -> PIPELINE_VERSION_NOT_FOUND.exception("Pipeline '" + name
                            + "' does not have a version " + version + "; its latest version is "
                            + latest.pipeline().version()));
            return doc.toBuilder().pipeline(masked(tx, ns, doc.pipeline())).build();
        });
    }

    /** UpdatePipeline: a new version, checked as on create; {@code ****} keeps a secret's value. */
    public UpdatePipelineOutput update(Namespace ns, PipelineDeclaration input) {
        return Retry.onConflict(() -> store.inTransaction(tx -> {
            Versioned<GetPipelineOutput> current = store.get(tx, PIPELINE, ns, input.name()).orElseThrow(() ->
                    RESOURCE_NOT_FOUND.exception("The account with id '" + ns.account()
                            + "' does not include a pipeline with the name '" + input.name() + "'"));
            Function<ActionTypeId, Optional<ActionType>> types = id -> actionTypes.find(tx, ns, id);
            int version = current.value().pipeline().version() + 1;
            PipelineDeclaration p = withDefaults(SecretValues.restored(input,
                    Optional.of(current.value().pipeline()), types), version);
            PipelineRules.check(p, ns.region(), types);
            GetPipelineOutput doc = new GetPipelineOutput(p,
                    current.value().metadata().toBuilder().updated(clock.now()).build());
            store.replace(tx, PIPELINE, ns, p.name(), current, doc);
            store.insert(tx, PIPELINE_VERSION, ns, versionKey(p.name(), version), Optional.of(p.name()), doc);
            changes.updated(tx, ns, current.value().pipeline(), p);
            return new UpdatePipelineOutput(masked(tx, ns, p));
        }));
    }

    /** Deletes a pipeline with all its versions and tags; deleting a missing one succeeds, as on AWS. */
    public void delete(Namespace ns, String name) {
        store.inTransaction(tx -> {
            if (store.delete(tx, PIPELINE, ns, name)) {
                for (String key : store.ids(tx, PIPELINE_VERSION, ns, name)) {
                    store.delete(tx, PIPELINE_VERSION, ns, key);
                }
                tags.delete(tx, ns, name);
                changes.deleted(tx, ns, name);
            }
            return null;
        });
    }

    /** ListPipelines, by name; {@code maxResults} defaults to 1,000, the most pipelines a region holds. */
    public ListPipelinesOutput list(Namespace ns, String nextToken, Integer maxResults) {
        Optional<String> after = Optional.ofNullable(nextToken).map(t -> PageToken.decode("pipelines", t)
                .orElseThrow(() -> INVALID_NEXT_TOKEN.exception("Invalid next token: " + t)));
        DocumentStore.Page<GetPipelineOutput> page = store.list(PIPELINE, ns, Optional.empty(), after,
                Objects.requireNonNullElse(maxResults, MAX_PIPELINES));
        List<PipelineSummary> summaries = page.items().stream().map(k -> summary(k.value())).toList();
        return new ListPipelinesOutput(summaries,
                page.nextAfterId().map(id -> PageToken.encode("pipelines", id)).orElse(null));
    }

    // ---- for the execution engine and tags ----

    /** The latest version of a pipeline, secrets included, with defaults filled in (runOrder, type, mode). */
    public Optional<PipelineDeclaration> declaration(Tx tx, Namespace ns, String name) {
        return store.get(tx, PIPELINE, ns, name).map(v -> v.value().pipeline());
    }

    /** One version of a pipeline, as an execution that started on it runs it; empty when there is none. */
    public Optional<PipelineDeclaration> declaration(Tx tx, Namespace ns, String name, int version) {
        return store.get(tx, PIPELINE_VERSION, ns, versionKey(name, version)).map(v -> v.value().pipeline());
    }

    /** The pipeline's ARN, creation and last update times. */
    public Optional<PipelineMetadata> metadata(Tx tx, Namespace ns, String name) {
        return store.get(tx, PIPELINE, ns, name).map(v -> v.value().metadata());
    }

    public boolean exists(Tx tx, Namespace ns, String name) {
        return store.get(tx, PIPELINE, ns, name).isPresent();
    }

    /** {@code arn:aws:codepipeline:region:account:name}. */
    public static String arn(Namespace ns, String name) {
        return "arn:aws:codepipeline:" + ns.region() + ":" + ns.account() + ":" + name;
    }

    public static AwsException notFound(Namespace ns, String name) {
        return PIPELINE_NOT_FOUND.exception("Account '" + ns.account() + "' does not have a pipeline with name '"
                + name + "'");
    }

    private static AwsException nameInUse(Namespace ns, String name) {
        return PIPELINE_NAME_IN_USE.exception("A pipeline with the name '" + name + "' already exists in account '"
                + ns.account() + "'");
    }

    private PipelineDeclaration masked(Tx tx, Namespace ns, PipelineDeclaration p) {
        return SecretValues.masked(p, id -> actionTypes.findIncludingDeleted(tx, ns, id));
    }

    private static PipelineDeclaration withDefaults(PipelineDeclaration p, int version) {
        PipelineDeclaration filled = StageActions.map(p, (stage, a) -> a.toBuilder().runOrder(StageActions.runOrder(a))
                .inputArtifacts(Objects.requireNonNullElse(a.inputArtifacts(), List.of()))
                .outputArtifacts(Objects.requireNonNullElse(a.outputArtifacts(), List.of())).build());
        return filled.toBuilder().version(version)
                .pipelineType(Objects.requireNonNullElse(p.pipelineType(), PipelineType.V1))
                .executionMode(Objects.requireNonNullElse(p.executionMode(), ExecutionMode.SUPERSEDED)).build();
    }

    private static PipelineSummary summary(GetPipelineOutput doc) {
        PipelineDeclaration p = doc.pipeline();
        return new PipelineSummary(p.name(), p.version(), p.pipelineType(), p.executionMode(), doc.metadata().created(),
                doc.metadata().updated());
    }

    private static String versionKey(String name, int version) {
        return name + "/" + version;
    }
}
