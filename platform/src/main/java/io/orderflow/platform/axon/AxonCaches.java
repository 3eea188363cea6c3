package io.orderflow.platform.axon;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.EhCache3Adapter;
import org.ehcache.CacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.core.Ehcache;

/**
 * Bounded heap caches for Axon (the saga store's, and those of aggregates loaded by many commands), from one Ehcache
 * manager that lives as long as the application. A cache only spares reads: Axon writes through it, so what it
 * holds is what the database holds as long as this process is the only writer of those sagas and aggregates —
 * which the command routing (by aggregate id) and the processor's segment claims make sure of.
 */
public final class AxonCaches implements AutoCloseable {

    private final CacheManager manager = CacheManagerBuilder.newCacheManagerBuilder().build(true);

    /** @return a new cache that keeps the {@code entries} most recently used entries */
    public Cache create(String name, long entries) {
        org.ehcache.Cache<Object, Object> cache = manager.createCache(name, CacheConfigurationBuilder
                .newCacheConfigurationBuilder(Object.class, Object.class, ResourcePoolsBuilder.heap(entries)));
        return new EhCache3Adapter((Ehcache<Object, Object>) cache);
    }

    @Override
    public void close() {
        manager.close();
    }
}
