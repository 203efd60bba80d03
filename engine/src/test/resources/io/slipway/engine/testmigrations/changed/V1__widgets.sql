-- a test table
CREATE TABLE widget (
  id VARCHAR(20) NOT NULL PRIMARY KEY
);
