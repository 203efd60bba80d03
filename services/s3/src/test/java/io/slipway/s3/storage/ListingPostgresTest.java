package io.slipway.s3.storage;

class ListingPostgresTest extends ListingContract {
    @Override
    String database() {
        return "postgres";
    }
}
