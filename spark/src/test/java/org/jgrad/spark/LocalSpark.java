package org.jgrad.spark;

import org.apache.spark.sql.SparkSession;

/** A Spark session for the tests: the given local master, loopback only, no web UI. */
final class LocalSpark {
    private LocalSpark() {}

    /** A session builder on {@code master} (e.g. {@code local[2]}), bound to 127.0.0.1, for further settings. */
    static SparkSession.Builder builder(String master, String appName) {
        return SparkSession.builder()
                .master(master)
                .appName(appName)
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false");
    }

    /** {@link #builder} on {@code local[2]}, started. */
    static SparkSession start(String appName) {
        return builder("local[2]", appName).getOrCreate();
    }
}
