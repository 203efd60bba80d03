package io.slipway.s3.storage;

class ListingH2Test extends ListingContract {
    @Override
    String database() {
        return "h2";
    }
}
