/**
 * S3's storage engine, below the HTTP layer: buckets, object versions and delete markers,
 * ListObjectsV2 / ListObjectVersions, multipart uploads, conditional writes. {@link
 * io.slipway.s3.storage.S3Storage} is the entry point; errors are {@link
 * io.slipway.model.runtime.AwsException}s of {@link io.slipway.s3.storage.S3Errors}.
 *
 * <p>Owns: the layout of bodies under the root directory (generated names only, so no key can
 * reach outside it) and S3's documents in the shared store (see {@code StoredDocuments}). Must
 * not: parse HTTP, render XML, or delete a body before the transaction that stops naming it has
 * committed.
 *
 * <p>Not supported: bodies are on the local disk, so several nodes sharing one PostgreSQL need a
 * shared root directory; orphaned files (a crash between moving a body into place and committing
 * its metadata) are not swept yet; no SSE, object lock, tagging, ACLs, lifecycle, storage classes
 * other than STANDARD, UploadPartCopy, or delimiter roll-up in ListMultipartUploads.
 */
package io.slipway.s3.storage;
