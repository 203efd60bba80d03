/**
 * S3's storage engine, below the HTTP layer: buckets, object versions and delete markers,
 * ListObjectsV2 / ListObjectVersions, multipart uploads, conditional writes. {@link
 * io.slipway.s3.storage.S3Storage} is the entry point; errors are {@link
 * io.slipway.model.runtime.AwsException}s of {@link io.slipway.s3.storage.S3Errors}.
 *
 * <p>Owns: the ids of bodies in the engine's blob store (generated names only, so no key can
 * reach outside it; files under the S3 directory on the embedded store, chunk rows in the database
 * on PostgreSQL, so nodes sharing it serve every body) and S3's documents in the shared store (see
 * {@code StoredDocuments}). Must not: parse HTTP, render XML, or delete a body other than with the
 * transaction that stops naming it.
 *
 * <p>Not supported: a body stored whole by a process killed before its metadata committed stays
 * until its bucket is deleted (the engine's sweeper takes only bodies still being written); no SSE,
 * object lock, tagging, ACLs, lifecycle, storage classes other than STANDARD, UploadPartCopy, or
 * delimiter roll-up in ListMultipartUploads.
 */
package io.slipway.s3.storage;
