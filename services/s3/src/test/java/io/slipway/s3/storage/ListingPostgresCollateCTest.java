package io.slipway.s3.storage;

class ListingPostgresCollateCTest extends ListingContract {
    @Override
    String database() {
        return "postgres";
    }

    @Override
    boolean collateC() {
        return true;
    }
}
