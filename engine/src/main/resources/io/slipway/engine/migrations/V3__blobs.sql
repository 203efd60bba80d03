-- Bodies kept in the database when several nodes share it (S3 objects and parts, Lambda code
-- packages): one row per chunk of at most 1 MiB, keyed by the chunk's byte position, so a range
-- read fetches only the chunks it needs and no value comes near PostgreSQL's 1 GiB limit. A blob is
-- written under a temporary id and renamed in one transaction when complete. BYTEA is PostgreSQL's
-- binary type and an alias of BINARY VARYING in H2, so one text serves both.
CREATE TABLE blob_chunk (
  blob_id VARCHAR(400) NOT NULL,
  pos BIGINT NOT NULL,
  data BYTEA NOT NULL,
  PRIMARY KEY (blob_id, pos)
);
