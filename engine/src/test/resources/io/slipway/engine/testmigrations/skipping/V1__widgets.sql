-- a test table
CREATE TABLE widget (
  id VARCHAR(10) NOT NULL PRIMARY KEY
);
