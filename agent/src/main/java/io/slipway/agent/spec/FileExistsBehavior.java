package io.slipway.agent.spec;

/** What Install does with a file already at a destination. */
public enum FileExistsBehavior {
    /** Fail the deployment (the default). */
    DISALLOW,
    /** Replace the file with the revision's. */
    OVERWRITE,
    /** Keep the file that is there. */
    RETAIN
}
