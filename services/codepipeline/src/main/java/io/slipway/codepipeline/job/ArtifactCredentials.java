package io.slipway.codepipeline.job;

import io.slipway.core.Namespace;
import io.slipway.model.codepipeline.AWSSessionCredentials;

import java.util.Optional;

/**
 * The artifact credentials a job worker gets each time it reads a job (PollForJobs, GetJobDetails,
 * GetThirdPartyJobDetails), as AWS hands out fresh temporary ones. Empty keeps the credentials stored
 * with the job: the pipeline's account id as key id, which is that account only while Slipway does
 * not verify signatures.
 */
@FunctionalInterface
public interface ArtifactCredentials {
    ArtifactCredentials STORED = (ns, pipelineName, jobId) -> Optional.empty();

    Optional<AWSSessionCredentials> issue(Namespace ns, String pipelineName, String jobId);
}
