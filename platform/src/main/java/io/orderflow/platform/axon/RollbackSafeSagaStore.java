package io.orderflow.platform.axon;

import org.axonframework.common.caching.Cache;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.AssociationValues;
import org.axonframework.modelling.saga.repository.SagaStore;

import java.util.HashSet;
import java.util.Set;

/**
 * Axon's caching saga store, made safe for a unit of work that rolls back. The cache hands out the saga instances it
 * holds, and a handler changes them in place; the cache also learns of a new or changed saga before the transaction
 * commits. When the unit of work rolls back (a handler failed, the token could not be stored, the commit failed), the
 * sagas it touched are dropped from the cache, and the association lookups with them, so the retry reads what the
 * database holds instead of half-applied state, and no saga the database never stored is found again.
 */
public class RollbackSafeSagaStore implements SagaStore<Object> {

    private static final String TOUCHED = RollbackSafeSagaStore.class.getName() + ".touched";

    private final SagaStore<Object> cachingStore;
    private final Cache sagaCache;
    private final Cache associationsCache;

    /**
     * @param cachingStore      a {@code CachingSagaStore} over {@code sagaCache} and {@code associationsCache}
     */
    public RollbackSafeSagaStore(SagaStore<Object> cachingStore, Cache sagaCache, Cache associationsCache) {
        this.cachingStore = cachingStore;
        this.sagaCache = sagaCache;
        this.associationsCache = associationsCache;
    }

    @Override
    public Set<String> findSagas(Class<?> sagaType, AssociationValue associationValue) {
        return cachingStore.findSagas(sagaType, associationValue);
    }

    @Override
    public <S> Entry<S> loadSaga(Class<S> sagaType, String sagaIdentifier) {
        forgetOnRollback(sagaIdentifier);
        return cachingStore.loadSaga(sagaType, sagaIdentifier);
    }

    @Override
    public void deleteSaga(Class<?> sagaType, String sagaIdentifier, Set<AssociationValue> associationValues) {
        forgetOnRollback(sagaIdentifier);
        cachingStore.deleteSaga(sagaType, sagaIdentifier, associationValues);
    }

    @Override
    public void insertSaga(Class<?> sagaType, String sagaIdentifier, Object saga,
                           Set<AssociationValue> associationValues) {
        forgetOnRollback(sagaIdentifier);
        cachingStore.insertSaga(sagaType, sagaIdentifier, saga, associationValues);
    }

    @Override
    public void updateSaga(Class<?> sagaType, String sagaIdentifier, Object saga,
                           AssociationValues associationValues) {
        forgetOnRollback(sagaIdentifier);
        cachingStore.updateSaga(sagaType, sagaIdentifier, saga, associationValues);
    }

    private void forgetOnRollback(String sagaIdentifier) {
        if (!CurrentUnitOfWork.isStarted()) {
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        Set<String> touched = root.getOrComputeResource(TOUCHED, key -> {
            Set<String> sagas = new HashSet<>();
            root.onRollback(rolledBack -> {
                sagas.forEach(sagaCache::remove);
                associationsCache.removeAll();
            });
            return sagas;
        });
        touched.add(sagaIdentifier);
    }
}
