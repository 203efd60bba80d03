package io.slipway.cloudformation.template;

/**
 * CloudFormation's quotas on a template and what is passed with it, as its quotas page gives them,
 * in one place; and the few bounds Slipway adds where AWS documents none (marked as ours). Counts
 * of names are in characters, sizes of bodies, values and descriptions in UTF-8 bytes.
 */
public final class Quotas {
    /** TemplateBody in a CreateStack, UpdateStack, ValidateTemplate (and CreateChangeSet) request. */
    public static final int TEMPLATE_BODY_BYTES = 51_200;
    /** A template read from S3 through TemplateURL (which Slipway does not serve yet). */
    public static final int TEMPLATE_URL_BYTES = 1_000_000;
    public static final int RESOURCES = 500;
    public static final int PARAMETERS = 200;
    public static final int OUTPUTS = 200;
    public static final int MAPPINGS = 200;
    /** Top-level keys of one mapping. */
    public static final int MAPPING_ATTRIBUTES = 200;
    /** Resource, output, parameter and mapping names, and mapping attribute names. */
    public static final int NAME_CHARACTERS = 255;
    public static final int PARAMETER_VALUE_BYTES = 4_096;
    /** The template's Description, and an output's. */
    public static final int DESCRIPTION_BYTES = 1_024;

    /**
     * Ours: how deep a template may nest. SnakeYAML's default limit, applied to JSON as well; it
     * keeps resource properties well inside what stored documents may nest (the JSON codec's 64).
     */
    public static final int NESTING_DEPTH = 50;
    /**
     * Ours: the size of a template with its YAML aliases written out, in characters of text plus one
     * per list element and map entry. Written out, such a template would have to come from S3, so
     * it gets that quota.
     */
    public static final int EXPANDED_TEMPLATE_SIZE = TEMPLATE_URL_BYTES;
    /**
     * Ours: what one evaluation of a template (a step of a stack operation) may produce, counted the
     * same way. Generous for any real stack, and small enough that each stored value stays far below
     * the store's 8 MiB document limit.
     */
    public static final int EVALUATED_SIZE = 4_000_000;
    /** Ours, as the JSON reader's: digits a number may have written out in full. */
    public static final int NUMBER_DIGITS = 1_000;

    private Quotas() {
    }
}
