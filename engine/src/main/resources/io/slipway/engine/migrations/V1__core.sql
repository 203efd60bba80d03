-- Runs unchanged on H2 and PostgreSQL. Times are epoch milliseconds (BIGINT): no time zones anywhere.

-- Resources are JSON documents; only the columns that queries filter or sort on are real columns.
CREATE TABLE resource (
  account VARCHAR(64) NOT NULL,
  region VARCHAR(64) NOT NULL,
  kind VARCHAR(128) NOT NULL,
  id VARCHAR(1024) NOT NULL,
  parent VARCHAR(1024),
  doc TEXT NOT NULL,
  version BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (account, region, kind, id)
);

-- Serves "children of a parent, in id order, after this id" one page at a time.
CREATE INDEX resource_parent_idx ON resource (account, region, kind, parent, id);

-- Work items and timers: due work, claimed under leases that expire with their owner.
CREATE TABLE work_item (
  id VARCHAR(200) NOT NULL PRIMARY KEY,
  kind VARCHAR(128) NOT NULL,
  payload TEXT NOT NULL,
  due_at BIGINT NOT NULL,
  lease_owner VARCHAR(200),
  lease_until BIGINT,
  attempts INT NOT NULL,
  version BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);

CREATE INDEX work_item_due_idx ON work_item (due_at, id);
CREATE INDEX work_item_lease_idx ON work_item (lease_until);
