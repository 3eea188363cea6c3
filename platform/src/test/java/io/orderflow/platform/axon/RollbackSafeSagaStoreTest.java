package io.orderflow.platform.axon;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.AssociationValues;
import org.axonframework.modelling.saga.AssociationValuesImpl;
import org.axonframework.modelling.saga.repository.CachingSagaStore;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RollbackSafeSagaStoreTest {

    /** A saga whose state a handler changes in place. */
    static class Counter {
        int steps;
    }

    /** Stores copies, as a database does: what is stored changes only when it is written. */
    static class CopyingStore implements SagaStore<Object> {
        final Map<String, Integer> steps = new HashMap<>();
        final Map<AssociationValue, Set<String>> associations = new HashMap<>();

        @Override
        public Set<String> findSagas(Class<?> type, AssociationValue value) {
            return new HashSet<>(associations.getOrDefault(value, Set.of()));
        }

        @Override
        @SuppressWarnings("unchecked")
        public <S> Entry<S> loadSaga(Class<S> type, String id) {
            if (!steps.containsKey(id)) {
                return null;
            }
            Counter counter = new Counter();
            counter.steps = steps.get(id);
            return new Entry<>() {
                @Override
                public Set<AssociationValue> associationValues() {
                    return Set.of(new AssociationValue("orderId", id));
                }

                @Override
                public S saga() {
                    return (S) counter;
                }
            };
        }

        @Override
        public void deleteSaga(Class<?> type, String id, Set<AssociationValue> values) {
            steps.remove(id);
        }

        @Override
        public void insertSaga(Class<?> type, String id, Object saga, Set<AssociationValue> values) {
            steps.put(id, ((Counter) saga).steps);
            values.forEach(value -> associations.computeIfAbsent(value, v -> new HashSet<>()).add(id));
        }

        @Override
        public void updateSaga(Class<?> type, String id, Object saga, AssociationValues values) {
            steps.put(id, ((Counter) saga).steps);
        }
    }

    private final CopyingStore database = new CopyingStore();
    private final Cache sagas = new WeakReferenceCache();
    private final Cache associations = new WeakReferenceCache();
    private final SagaStore<Object> caching = CachingSagaStore.builder().delegateSagaStore(database)
                                                              .sagaCache(sagas).associationsCache(associations)
                                                              .build();
    private final RollbackSafeSagaStore store = new RollbackSafeSagaStore(caching, sagas, associations);

    @Test
    void forgetsASagaChangedInPlaceByAUnitOfWorkThatRolledBack() {
        database.insertSaga(Counter.class, "saga-1", new Counter(), Set.of(new AssociationValue("orderId", "o-1")));
        store.loadSaga(Counter.class, "saga-1");

        DefaultUnitOfWork.startAndGet(null).executeWithResult(() -> {
            store.loadSaga(Counter.class, "saga-1").saga().steps++;
            throw new IllegalStateException("handler failed after changing the saga");
        });

        assertThat(store.loadSaga(Counter.class, "saga-1").saga().steps).isZero();
    }

    @Test
    void keepsWhatAUnitOfWorkThatCommittedChanged() {
        database.insertSaga(Counter.class, "saga-1", new Counter(), Set.of(new AssociationValue("orderId", "o-1")));

        DefaultUnitOfWork.startAndGet(null).execute(() -> {
            Counter counter = store.loadSaga(Counter.class, "saga-1").saga();
            counter.steps++;
            store.updateSaga(Counter.class, "saga-1", counter,
                             new AssociationValuesImpl(Set.of(new AssociationValue("orderId", "o-1"))));
        });

        assertThat(database.steps.get("saga-1")).isEqualTo(1);
        assertThat(sagas.containsKey("saga-1")).as("still cached").isTrue();
        assertThat(store.loadSaga(Counter.class, "saga-1").saga().steps).isEqualTo(1);
    }

    @Test
    void theCachingStoreAloneWouldHandOutTheHalfAppliedSaga() {
        database.insertSaga(Counter.class, "saga-1", new Counter(), Set.of(new AssociationValue("orderId", "o-1")));

        DefaultUnitOfWork.startAndGet(null).executeWithResult(() -> {
            caching.loadSaga(Counter.class, "saga-1").saga().steps++;
            throw new IllegalStateException("handler failed after changing the saga");
        });

        assertThat(caching.<Counter>loadSaga(Counter.class, "saga-1").saga().steps).isEqualTo(1);
    }
}
