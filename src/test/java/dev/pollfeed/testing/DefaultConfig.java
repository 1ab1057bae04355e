package dev.pollfeed.testing;

import java.time.Duration;
import java.util.Optional;

import dev.pollfeed.config.PollfeedConfig;

/** {@link PollfeedConfig} with its documented defaults, for unit tests that run without Quarkus. */
public final class DefaultConfig {

    private DefaultConfig() {
    }

    public static PollfeedConfig withLimits(int maxEventDataBytes, int maxRequestBytes) {
        return new PollfeedConfig() {

            @Override
            public Limits limits() {
                return new Limits() {

                    @Override
                    public int maxEventDataBytes() {
                        return maxEventDataBytes;
                    }

                    @Override
                    public int maxRequestBytes() {
                        return maxRequestBytes;
                    }
                };
            }

            @Override
            public Polling polling() {
                return new Polling() {

                    @Override
                    public int intervalSeconds() {
                        return 2;
                    }

                    @Override
                    public int sharedReadsInFlight() {
                        return 2;
                    }

                    @Override
                    public int sharedReadBatch() {
                        return 1000;
                    }

                    @Override
                    public Duration headFreshness() {
                        return Duration.ofSeconds(1);
                    }

                    @Override
                    public int headCacheSize() {
                        return 100_000;
                    }
                };
            }

            @Override
            public Publishing publishing() {
                return new Publishing() {

                    @Override
                    public int sharedWritesInFlight() {
                        return 1;
                    }

                    @Override
                    public int sharedWriteBatch() {
                        return 1000;
                    }
                };
            }

            @Override
            public Cache cache() {
                return new Cache() {

                    @Override
                    public int partialPageMaxAgeSeconds() {
                        return 1;
                    }

                    @Override
                    public int fullPageMaxAgeSeconds() {
                        return 31_536_000;
                    }
                };
            }

            @Override
            public Migration migration() {
                return () -> Migration.AtStart.AUTO;
            }

            @Override
            public Retention retention() {
                throw new UnsupportedOperationException("not needed by the unit tests that use DefaultConfig");
            }

            @Override
            public EmbeddedDatabase embeddedDatabase() {
                return () -> true;
            }

            @Override
            public Cors cors() {
                return Optional::empty;
            }

            @Override
            public Security security() {
                throw new UnsupportedOperationException("not needed by the unit tests that use DefaultConfig");
            }
        };
    }

    public static PollfeedConfig defaults() {
        return withLimits(65_536, 1_048_576);
    }
}
