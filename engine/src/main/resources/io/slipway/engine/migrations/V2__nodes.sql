-- Every running Slipway node: its id (also the owner its work leases name) and when it last said it
-- was alive. Times are epoch milliseconds.
CREATE TABLE node (
  id VARCHAR(200) NOT NULL PRIMARY KEY,
  host VARCHAR(255) NOT NULL,
  version VARCHAR(64) NOT NULL,
  started_at BIGINT NOT NULL,
  heartbeat_at BIGINT NOT NULL
);
